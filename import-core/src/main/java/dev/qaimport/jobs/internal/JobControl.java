package dev.qaimport.jobs.internal;

import dev.qaimport.ImportException;
import dev.qaimport.internal.Settings;
import dev.qaimport.internal.Sleeper;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.spi.ImportStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What callers ask of jobs that exist: cancel one, reopen one that failed, wait for one to end. */
final class JobControl {
    private static final Logger LOG = LoggerFactory.getLogger(JobControl.class);

    private final ImportStore store;
    private final Settings settings;
    private final Payloads payloads;
    private final JobRunner runner;

    JobControl(ImportStore store, Settings settings, Payloads payloads, JobRunner runner) {
        this.store = store;
        this.settings = settings;
        this.payloads = payloads;
        this.runner = runner;
    }

    static ImportException notFound(UUID jobId) {
        return new ImportException(ErrorCodes.NOT_FOUND, "no import job with id " + jobId);
    }

    ImportJob find(UUID jobId) {
        return store.jobs().find(jobId).orElseThrow(() -> notFound(jobId));
    }

    boolean cancel(UUID jobId) {
        Optional<ImportJob> before = store.jobs().find(jobId);
        if (before.isEmpty() || before.get().status().isTerminal()) {
            return false;
        }
        Optional<JobStatus> status = store.jobs().requestCancel(jobId, settings.clock().instant());
        Optional<RunningJob> here = runner.running(jobId);
        here.ifPresent(rj -> rj.cancelRequested = true);
        if (status.isPresent() && status.get() == JobStatus.CANCELLED && here.isEmpty() && !settings.keepPayloads()) {
            // Cancelled in the database at once (it was pending, or its worker is gone): no worker
            // will finish it, so its upload goes now, as a worker's would when it stops.
            payloads.deleteQuietly(jobId, "cancelled job");
        }
        return status.isPresent() && (status.get() == JobStatus.CANCELLED || status.get() == JobStatus.PROCESSING);
    }

    /**
     * Reopens a {@code FAILED} or {@code CANCELLED} job so that it continues after its last
     * committed row. Its upload must still be stored: it is kept for jobs that failed because the
     * database was unavailable or their attempts ran out, and for every job with
     * {@code keepPayloads}.
     *
     * @throws ImportException {@code NOT_FOUND} for an unknown job, {@code ILLEGAL_STATE} for a job
     *                         that is not failed or cancelled, {@code PAYLOAD} if its upload is gone
     */
    ImportJob reopen(UUID jobId) {
        ImportJob job = find(jobId);
        if (job.status() != JobStatus.FAILED && job.status() != JobStatus.CANCELLED) {
            throw new ImportException(ErrorCodes.ILLEGAL_STATE, "job " + jobId + " is " + job.status()
                    + "; only a FAILED or CANCELLED job can be retried");
        }
        try (InputStream in = payloads.of(jobId).open(jobId)) {
            in.read();
        } catch (IOException | RuntimeException e) {
            throw new ImportException(ErrorCodes.PAYLOAD, "job " + jobId + " (" + job.filename() + ") cannot be retried: its upload was "
                    + "deleted when it ended (uploads are kept only for jobs that failed because the database was unavailable or their "
                    + "attempts ran out, or with keepPayloads); start a new import of the file", e);
        }
        if (!store.jobs().reopen(jobId, settings.clock().instant())) {
            throw new ImportException(ErrorCodes.ILLEGAL_STATE, "job " + jobId + " is " + find(jobId).status() + " and was not reopened");
        }
        LOG.info("job {} reopened; it continues after row {}", jobId, job.processedRows());
        return find(jobId);
    }

    /** The job once it has ended, or as it stands when {@code timeout} has passed or the thread is interrupted. */
    ImportJob await(UUID jobId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        while (true) {
            ImportJob job = find(jobId);
            if (job.status().isTerminal() || System.nanoTime() >= deadline) {
                return job;
            }
            Sleeper.REAL.sleep(Math.min(pause, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            if (Thread.currentThread().isInterrupted()) {
                return job;
            }
            pause = Math.min(250, pause * 2);
        }
    }
}
