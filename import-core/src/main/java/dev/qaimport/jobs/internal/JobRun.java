package dev.qaimport.jobs.internal;

import dev.qaimport.ImportException;
import dev.qaimport.ImportListener;
import dev.qaimport.ImportOptions;
import dev.qaimport.ProgressCallback;
import dev.qaimport.batch.internal.LeaseLostException;
import dev.qaimport.batch.internal.Outcome;
import dev.qaimport.batch.internal.PipelineBatchProcessor;
import dev.qaimport.embed.internal.EmbeddingStage;
import dev.qaimport.internal.Listeners;
import dev.qaimport.internal.Settings;
import dev.qaimport.internal.Throttle;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.JobStatus;
import dev.qaimport.parse.internal.RecordReader;
import dev.qaimport.parse.internal.RecordReaders;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of one job under one lease, and its state machine: import the rows after the
 * checkpoint, then embed the new pairs, then finish; or stop early, for a cancel (CANCELLED), a
 * stop of this process (the lease is released for another worker), a lost lease (nothing more is
 * written), or a failure (FAILED with a reason that names the file).
 */
final class JobRun {
    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

    private final ImportStore store;
    private final Settings settings;
    private final Payloads payloads;
    private final PipelineBatchProcessor batches;
    private final EmbeddingStage embeddings;
    private final BooleanSupplier closing;
    private final RunningJob rj;
    private final JobLease lease;
    private final JobEnding ending;

    JobRun(ImportStore store, Settings settings, Payloads payloads, PipelineBatchProcessor batches, EmbeddingStage embeddings,
            BooleanSupplier closing, RunningJob rj) {
        this.store = store;
        this.settings = settings;
        this.payloads = payloads;
        this.batches = batches;
        this.embeddings = embeddings;
        this.closing = closing;
        this.rj = rj;
        this.lease = rj.lease;
        this.ending = new JobEnding(store, settings, payloads, rj.lease);
    }

    ImportJob execute() {
        UUID jobId = lease.jobId();
        ImportJob job = store.jobs().find(jobId).orElseThrow(() -> JobControl.notFound(jobId));
        if (lease.countedAttempts() > settings.maxAttempts()) {
            return ending.attemptsExhausted(job);
        }
        try {
            long totalRows = job.totalRows();
            if (!(totalRows >= 0 && job.processedRows() >= totalRows)) {
                Outcome outcome = importRows(job);
                totalRows = outcome.totalRows();
                switch (outcome.stop()) {
                    case LEASE_LOST:
                        // Usually a no-op (another worker holds the job). When the lease is still ours and the
                        // database only lost some of our commits, this hands the job back for a resume at once.
                        return ending.release();
                    case SHUTDOWN:
                        if (rj.leaseLost) {
                            return ending.current();
                        }
                        return rj.cancelRequested ? ending.finish(JobStatus.CANCELLED, null, -1) : ending.release();
                    case CANCELLED:
                        return ending.finish(JobStatus.CANCELLED, null, -1);
                    default:
                        break;
                }
            }
            store.afterBulkWrite(store.jobs().find(jobId).map(ImportJob::successCount).orElse(0L));
            return embedAndFinish(jobId, totalRows);
        } catch (LeaseLostException e) {
            LOG.warn("{}", e.getMessage());
            return ending.current();
        } catch (StoreException e) {
            return e.kind() == StoreException.Kind.TRANSIENT ? ending.databaseUnavailable(job, e) : ending.failed(job, e);
        } catch (ImportException e) {
            return ending.failed(job, e);
        } catch (RuntimeException e) {
            LOG.error("job {} failed unexpectedly", jobId, e);
            return ending.failed(job, new ImportException(ErrorCodes.ILLEGAL_STATE, "unexpected error: " + e, e));
        }
    }

    private ImportJob embedAndFinish(UUID jobId, long totalRows) {
        if (embeddings.enabled()) {
            embeddings.forJob(jobId, ProgressCallback.NONE, this::mustStop);
            if (rj.leaseLost) {
                return ending.current();
            }
            if (closing.getAsBoolean() || rj.stopRequested) {
                return ending.release();
            }
            if (rj.cancelRequested) {
                return ending.finish(JobStatus.CANCELLED, null, totalRows);
            }
        }
        return ending.finish(JobStatus.COMPLETED, null, totalRows);
    }

    private Outcome importRows(ImportJob job) {
        ImportOptions options = OptionsCodec.decode(store.jobs().options(job.id()).orElse("{}")).toBuilder()
                .collection(job.collection()).build();
        try (InputStream in = payloads.of(job.id()).open(job.id());
                RecordReader reader = RecordReaders.open(in, job.sourceType(), options, settings.limits(), settings.sheetReader())) {
            String note = reader.note();
            if (note != null) {
                LOG.info("job {}: {}", job.id(), note);
                if (!note.equals(job.fileNote()) && !store.jobs().setFileNote(lease, note, settings.clock().instant())) {
                    throw new LeaseLostException(lease);
                }
            }
            return batches.runFile(lease, options, reader, progress(job.id()), this::mustStop);
        } catch (IOException e) {
            throw new ImportException(ErrorCodes.PAYLOAD, "cannot read the stored upload: " + e.getMessage(), e);
        }
    }

    /** Tells the listener of the import's progress, at most ten times a second and always at the end. */
    private ProgressCallback progress(UUID jobId) {
        ImportListener listener = settings.listener();
        if (listener == ImportListener.NONE) {
            return ProgressCallback.NONE;
        }
        Throttle throttle = new Throttle(100, settings.clock());
        return (processed, total) -> {
            if (throttle.ready(total >= 0 && processed >= total)) {
                store.jobs().find(jobId).ifPresent(j -> Listeners.safely(() -> listener.onImportProgress(j)));
            }
        };
    }

    private boolean mustStop() {
        return closing.getAsBoolean() || rj.stopRequested || rj.leaseLost || rj.cancelRequested;
    }
}
