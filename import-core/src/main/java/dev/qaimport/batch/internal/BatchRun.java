package dev.qaimport.batch.internal;

import dev.qaimport.ImportException;
import dev.qaimport.ProgressCallback;
import dev.qaimport.model.BatchResult;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.RowError;
import dev.qaimport.parse.internal.ParsedRow;
import dev.qaimport.spi.BatchTransaction.Fence;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.NewPair;
import dev.qaimport.spi.PairUpdate;
import dev.qaimport.validate.internal.RowPreparer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the pipeline over one source: batches are prepared (sanitized and validated) on the
 * prepare pool, several at once, and committed strictly in order by the calling thread. The
 * batches in flight are bounded ({@code window}), and so is memory. Ends at the end of the
 * source, after the batch during which a cancel or a stop was asked for, or when the lease is lost.
 */
final class BatchRun {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRun.class);

    private final ImportStore store;
    private final JobLease lease;
    private final JobContext ctx;
    private final BatchSource source;
    private final BatchWriter writer;
    private final ExecutorService preparePool;
    private final int window;
    private final long knownTotal;
    private final ProgressCallback onProgress;
    private final boolean collect;
    private final ArrayDeque<Future<PreparedBatch>> inFlight = new ArrayDeque<>();
    private boolean sourceDone;
    /** A fatal error of the source, raised once every row read before it is committed. */
    private RuntimeException sourceFailure;
    private long lastRowRead;
    private int success;
    private int errorRows;
    private int skipped;
    private final List<RowError> errors = new ArrayList<>();
    private final List<UUID> ids = new ArrayList<>();

    /**
     * @param knownTotal records in all if the caller knows, else {@code -1}
     * @param collect    whether to keep row errors and created ids in the result (not for files:
     *                   they are in the database and could be millions)
     */
    BatchRun(ImportStore store, JobLease lease, JobContext ctx, BatchSource source, BatchWriter writer, ExecutorService preparePool,
            int window, long knownTotal, ProgressCallback onProgress, boolean collect) {
        this.store = store;
        this.lease = lease;
        this.ctx = ctx;
        this.source = source;
        this.writer = writer;
        this.preparePool = preparePool;
        this.window = window;
        this.knownTotal = knownTotal;
        this.onProgress = onProgress;
        this.collect = collect;
    }

    Outcome execute(BooleanSupplier shutdown) {
        long totalRows = -1;
        try {
            fill();
            while (!inFlight.isEmpty()) {
                PreparedBatch batch = await(inFlight.poll());
                BatchPlan plan = writer.commit(batch);
                account(plan);
                if (batch.totalRows() >= 0) {
                    totalRows = batch.totalRows();
                }
                onProgress.onProgress(writer.lastCommitted(), totalRows >= 0 ? totalRows : knownTotal);
                if (plan.fence == Fence.CANCEL_REQUESTED) {
                    return stop(StopReason.CANCELLED, totalRows);
                }
                if (shutdown.getAsBoolean()) {
                    return stop(StopReason.SHUTDOWN, totalRows);
                }
                fill();
            }
            if (sourceFailure != null) {
                throw sourceFailure;
            }
            if (totalRows < 0) {
                // The source was empty, or ended right after the checkpoint of a resumed job.
                totalRows = lastRowRead > 0 ? lastRowRead : lease.checkpointRow();
            }
            return stop(StopReason.END_OF_INPUT, totalRows);
        } catch (LeaseLostException e) {
            LOG.warn("{}", whyLost(e));
            return stop(StopReason.LEASE_LOST, totalRows);
        } finally {
            for (Future<PreparedBatch> f : inFlight) {
                f.cancel(true);
            }
        }
    }

    /** The lease-lost message, or what really happened when the lease is still ours but the database went back in time. */
    private String whyLost(LeaseLostException e) {
        long committed = writer.lastCommitted();
        try {
            return store.jobs().find(lease.jobId())
                    .filter(j -> lease.owner().equals(j.leaseOwner()) && lease.attempt() == j.attempt() && j.processedRows() < committed)
                    .map(j -> "job " + lease.jobId() + ": the database's checkpoint is row " + j.processedRows()
                            + " but this worker had committed up to row " + committed + ": the database lost commits it had "
                            + "acknowledged (did it crash without flushing them?); stopping so that the job resumes from row "
                            + j.processedRows())
                    .orElse(e.getMessage());
        } catch (RuntimeException ignored) {
            return e.getMessage();
        }
    }

    private Outcome stop(StopReason reason, long totalRows) {
        return new Outcome(new BatchResult(success, errorRows, skipped, errors, ids), reason, totalRows, writer.lastCommitted());
    }

    /** Hands batches from the source to the prepare pool until the window is full. */
    private void fill() {
        while (inFlight.size() < window && !sourceDone) {
            RowBatch batch;
            try {
                batch = source.next();
            } catch (ImportException e) {
                sourceFailure = e;
                sourceDone = true;
                return;
            }
            if (batch == null) {
                sourceDone = true;
                return;
            }
            lastRowRead = batch.lastRow();
            sourceDone = batch.last();
            inFlight.add(CompletableFuture.supplyAsync(() -> prepare(batch), preparePool));
        }
    }

    private PreparedBatch prepare(RowBatch batch) {
        List<PreparedBatch.Item> items = new ArrayList<>(batch.rows().size());
        for (ParsedRow r : batch.rows()) {
            if (r.error() != null) {
                items.add(new PreparedBatch.Item(r.row(), r.line(), null, List.of(r.error())));
            } else {
                RowPreparer.Prepared p = ctx.preparer().prepare(r.qa(), r.where());
                items.add(new PreparedBatch.Item(r.row(), r.line(), p.qa(), p.errors()));
            }
        }
        return new PreparedBatch(items, batch.lastRow(), batch.bytesRead(), batch.last() ? batch.lastRow() : -1);
    }

    private static PreparedBatch await(Future<PreparedBatch> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException(ErrorCodes.ILLEGAL_STATE, "interrupted while preparing a batch", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            if (c instanceof Error) {
                throw (Error) c;
            }
            throw new IllegalStateException(c);
        }
    }

    private void account(BatchPlan plan) {
        success += plan.createdCount() + plan.updatedCount;
        errorRows += plan.errorRows.size();
        skipped += plan.skipped;
        if (collect) {
            errors.addAll(plan.errors);
            for (NewPair p : plan.creates) {
                if (!plan.rejectedIds.contains(p.id())) {
                    ids.add(p.id());
                }
            }
            for (PairUpdate u : plan.updates) {
                if (!plan.rejectedRows.contains(u.sourceRow())) {
                    ids.add(u.pairId());
                }
            }
        }
    }
}
