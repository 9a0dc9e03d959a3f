package dev.qaimport.batch.internal;

import dev.qaimport.internal.Bisection;
import dev.qaimport.internal.Settings;
import dev.qaimport.internal.Sleeper;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.RowError;
import dev.qaimport.spi.BatchTransaction;
import dev.qaimport.spi.BatchTransaction.Fence;
import dev.qaimport.spi.BatchTransaction.JobAdvance;
import dev.qaimport.spi.ImportObserver;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits prepared batches of one job, one transaction each, fenced by the job's lease: the
 * pairs, the row errors and the job's counters and checkpoint move together. Transient database
 * failures are retried with growing pauses; a row the database refuses is isolated under
 * savepoints so that it alone becomes an error.
 */
final class BatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final int TRANSIENT_ATTEMPTS = 4;

    private final ImportStore store;
    private final Settings settings;
    private final Sleeper sleeper;
    private final JobLease lease;
    private final JobContext ctx;
    private long lastCommitted;

    BatchWriter(ImportStore store, Settings settings, Sleeper sleeper, JobLease lease, JobContext ctx) {
        this.store = store;
        this.settings = settings;
        this.sleeper = sleeper;
        this.lease = lease;
        this.ctx = ctx;
        this.lastCommitted = lease.checkpointRow();
    }

    /** The last row committed by this writer (or the lease's checkpoint). */
    long lastCommitted() {
        return lastCommitted;
    }

    /**
     * Writes one batch, retrying transient database failures.
     *
     * @throws LeaseLostException if another worker holds the job; nothing of the batch is written
     */
    BatchPlan commit(PreparedBatch batch) {
        long started = System.nanoTime();
        BatchPlan plan = commitWithRetries(batch);
        if (!settings.observers().isEmpty() && !plan.isAlreadyCommitted()) {
            settings.observers().onBatchCommitted(new ImportObserver.BatchCommitted(ctx.collection(), plan.createdCount(),
                    plan.updatedCount, plan.skipped, plan.errorRows.size(), Duration.ofNanos(System.nanoTime() - started)));
        }
        return plan;
    }

    private BatchPlan commitWithRetries(PreparedBatch batch) {
        boolean careful = false;
        for (int attempt = 1; ; attempt++) {
            try {
                BatchPlan plan = write(batch, careful);
                lastCommitted = batch.lastRow();
                return plan;
            } catch (StoreException e) {
                if (e.kind() == StoreException.Kind.DATA && !careful) {
                    // A row the validator let through was refused by the database: redo the batch
                    // with savepoints and bisect it down to the offending rows.
                    LOG.debug("batch ending at row {} of job {} was refused ({}); isolating the row", batch.lastRow(),
                            lease.jobId(), e.getMessage());
                    careful = true;
                    attempt--;
                    continue;
                }
                if (e.kind() != StoreException.Kind.TRANSIENT || attempt >= TRANSIENT_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("batch ending at row {} of job {} failed (attempt {} of {}): {}", batch.lastRow(), lease.jobId(),
                        attempt, TRANSIENT_ATTEMPTS, e.getMessage());
                sleeper.sleep(backoffMillis(attempt));
                if (alreadyCommitted(batch)) {
                    // The commit went through but its acknowledgement was lost.
                    lastCommitted = batch.lastRow();
                    return BatchPlan.alreadyCommitted();
                }
            }
        }
    }

    private boolean alreadyCommitted(PreparedBatch batch) {
        try {
            return store.jobs().find(lease.jobId())
                    .map(j -> j.processedRows() >= batch.lastRow() && lease.owner().equals(j.leaseOwner())
                            && lease.attempt() == j.attempt())
                    .orElse(false);
        } catch (StoreException e) {
            return false;
        }
    }

    private static long backoffMillis(int attempt) {
        return Math.min(5_000L, 250L << (2 * (attempt - 1)));
    }

    private BatchPlan write(PreparedBatch batch, boolean careful) {
        return store.inTransaction(tx -> {
            Instant now = settings.clock().instant();
            Fence fence = tx.fence(lease.withCheckpoint(lastCommitted), now, now.plus(settings.leaseDuration()));
            if (fence == Fence.LOST) {
                throw new LeaseLostException(lease);
            }
            BatchPlan plan = BatchPlan.of(tx, batch, ctx.duplicatePolicy(), ctx.collection(), lease.jobId(), fence, now);
            if (careful) {
                Bisection.isolate(plan.creates, inSavepoint(tx, tx::insertPairs), BatchWriter::refusedRow, plan::rejectCreate);
                Bisection.isolate(plan.updates, inSavepoint(tx, tx::updatePairs), BatchWriter::refusedRow, plan::rejectUpdate);
            } else {
                if (!plan.creates.isEmpty()) {
                    tx.insertPairs(plan.creates);
                }
                if (!plan.updates.isEmpty()) {
                    tx.updatePairs(plan.updates);
                }
            }
            if (!plan.errors.isEmpty()) {
                plan.errors.sort(Comparator.comparingLong(RowError::row));
                tx.insertErrors(lease.jobId(), plan.errors);
            }
            tx.advanceJob(lease, new JobAdvance(batch.lastRow(), plan.createdCount(), plan.updatedCount, plan.errorRows.size(),
                    plan.skipped, batch.bytesRead(), batch.totalRows()), now);
            return plan;
        });
    }

    private static <T> Consumer<List<T>> inSavepoint(BatchTransaction tx, Consumer<List<T>> write) {
        return items -> tx.withSavepoint(() -> {
            write.accept(items);
            return null;
        });
    }

    private static boolean refusedRow(RuntimeException e) {
        return e instanceof StoreException && ((StoreException) e).kind() == StoreException.Kind.DATA;
    }
}
