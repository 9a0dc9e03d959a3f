package dev.qaimport.jobs.internal;

import dev.qaimport.ImportException;
import dev.qaimport.internal.Settings;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.JobStatus;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.StoreException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a run of a job ends, under its lease: finished with a status and the words that explain it,
 * or handed back for another worker to resume.
 */
final class JobEnding {
    private static final Logger LOG = LoggerFactory.getLogger(JobEnding.class);

    private final ImportStore store;
    private final Settings settings;
    private final Payloads payloads;
    private final JobLease lease;

    JobEnding(ImportStore store, Settings settings, Payloads payloads, JobLease lease) {
        this.store = store;
        this.settings = settings;
        this.payloads = payloads;
        this.lease = lease;
    }

    ImportJob attemptsExhausted(ImportJob job) {
        return finish(JobStatus.FAILED, ErrorCodes.ATTEMPTS_EXHAUSTED + ": " + job.filename() + ": gave up after "
                + settings.maxAttempts() + " attempts (the job's workers kept stopping before it finished); the "
                + job.processedRows() + " rows committed are kept, and retry(jobId) continues after them", job.totalRows(), true);
    }

    ImportJob failed(ImportJob job, ImportException e) {
        String message = e.code() + ": " + job.filename() + ": " + e.getMessage();
        LOG.warn("job {} failed: {}", job.id(), message);
        return finish(JobStatus.FAILED, message, -1, false);
    }

    /**
     * The database kept failing through every retry of a batch. If it takes one more write,
     * the job is FAILED with the reason, keeping its committed rows and its upload for
     * {@code retry}; if not, the job stays PROCESSING, recovery resumes it once its lease
     * expires and the database is back, and the caller hears about it as an exception.
     */
    ImportJob databaseUnavailable(ImportJob job, StoreException e) {
        long committed = job.processedRows();
        try {
            committed = store.jobs().find(job.id()).map(ImportJob::processedRows).orElse(committed);
            String message = ErrorCodes.DATABASE_UNAVAILABLE + ": " + job.filename() + ": the database kept failing ("
                    + e.getMessage() + "); the " + committed + " rows committed before are kept, and retry(jobId) continues after them";
            LOG.error("job {} failed: {}", job.id(), message);
            return finish(JobStatus.FAILED, message, -1, true);
        } catch (RuntimeException again) {
            LOG.error("job {} stopped because the database is unavailable; it stays PROCESSING and recovery resumes it when its lease "
                    + "expires: {}", job.id(), e.getMessage());
            ImportException thrown = new ImportException(ErrorCodes.DATABASE_UNAVAILABLE, job.filename() + ": the database is "
                    + "unavailable (" + e.getMessage() + "); job " + job.id() + " stays PROCESSING with the rows committed up to row "
                    + committed + " and is resumed from there once the database is back and its lease has expired", e);
            thrown.addSuppressed(again);
            throw thrown;
        }
    }

    ImportJob finish(JobStatus status, String message, long totalRows) {
        return finish(status, message, totalRows, false);
    }

    /** @param keepPayload whether the upload stays for a retry, whatever {@code keepPayloads} says */
    private ImportJob finish(JobStatus status, String message, long totalRows, boolean keepPayload) {
        Instant now = settings.clock().instant();
        if (!store.jobs().finish(lease, status, message, totalRows, now)) {
            LOG.warn("job {} could not be marked {}: the lease of attempt {} is no longer current", lease.jobId(), status,
                    lease.attempt());
            return current();
        }
        if (!settings.keepPayloads() && !keepPayload) {
            payloads.deleteQuietly(lease.jobId(), "job");
        }
        ImportJob done = current();
        LOG.info("job {} {}: {} rows, {} stored, {} skipped, {} errors", done.id(), done.status(), done.processedRows(),
                done.successCount(), done.skippedCount(), done.errorCount());
        return done;
    }

    /** Gives the job back so that a worker resumes it at once. */
    ImportJob release() {
        store.jobs().release(lease, settings.clock().instant());
        return current();
    }

    ImportJob current() {
        return store.jobs().find(lease.jobId()).orElseThrow(() -> JobControl.notFound(lease.jobId()));
    }
}
