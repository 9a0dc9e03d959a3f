package dev.qaimport.jobs.internal;

import dev.qaimport.ImportException;
import dev.qaimport.batch.internal.PipelineBatchProcessor;
import dev.qaimport.embed.internal.EmbeddingStage;
import dev.qaimport.internal.InFlight;
import dev.qaimport.internal.Listeners;
import dev.qaimport.internal.Settings;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobLease;
import dev.qaimport.spi.ImportStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims jobs and runs them under their leases: a heartbeat renews each lease a few times per
 * lease duration and picks up cancel requests made by other processes; the jobs running here are
 * kept so that they can be stopped or cancelled.
 */
final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final ImportStore store;
    private final Settings settings;
    private final Payloads payloads;
    private final PipelineBatchProcessor batches;
    private final EmbeddingStage embeddings;
    private final ScheduledExecutorService heartbeat;
    private final BooleanSupplier closing;
    private final Map<UUID, RunningJob> running = new ConcurrentHashMap<>();
    private final InFlight inRun = new InFlight();

    JobRunner(ImportStore store, Settings settings, Payloads payloads, PipelineBatchProcessor batches, EmbeddingStage embeddings,
            ScheduledExecutorService heartbeat, BooleanSupplier closing) {
        this.store = store;
        this.settings = settings;
        this.payloads = payloads;
        this.batches = batches;
        this.embeddings = embeddings;
        this.heartbeat = heartbeat;
        this.closing = closing;
    }

    /** Runs {@link #processImport} on {@code executor}; a job another worker holds, or that ended, completes as it stands. */
    CompletableFuture<ImportJob> schedule(UUID jobId, Executor executor) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return processImport(jobId);
            } catch (ImportException e) {
                if (!ErrorCodes.ILLEGAL_STATE.equals(e.code())) {
                    LOG.warn("job {} could not run: {}", jobId, e.getMessage());
                    throw e;
                }
                // Another worker (or this instance's sweeper) claimed it first, or it was cancelled.
                LOG.debug("job {} not run here: {}", jobId, e.getMessage());
                return store.jobs().find(jobId).orElseThrow(() -> JobControl.notFound(jobId));
            }
        }, executor);
    }

    /** Claims {@code jobId} and runs it in the calling thread. */
    ImportJob processImport(UUID jobId) {
        return run(claim(jobId));
    }

    /**
     * Takes the lease of {@code jobId} for this worker.
     *
     * @throws ImportException {@code ILLEGAL_STATE} when the job has ended or another worker holds it
     */
    JobLease claim(UUID jobId) {
        ImportJob job = store.jobs().find(jobId).orElseThrow(() -> JobControl.notFound(jobId));
        Instant now = settings.clock().instant();
        Optional<JobLease> lease = store.jobs().claim(jobId, settings.workerId(), now, now.plus(settings.leaseDuration()));
        if (lease.isEmpty()) {
            ImportJob current = store.jobs().find(jobId).orElse(job);
            if (current.status().isTerminal()) {
                throw new ImportException(ErrorCodes.ILLEGAL_STATE, "job " + jobId + " is already " + current.status());
            }
            throw new ImportException(ErrorCodes.ILLEGAL_STATE, "job " + jobId + " is being processed by worker "
                    + current.leaseOwner() + " (lease until " + current.leaseExpiresAt() + ")");
        }
        return lease.get();
    }

    /**
     * Claims and runs, in the calling thread and one after another, every job of
     * {@code collection} (of any for {@code null}) that can be claimed now: pending jobs and jobs
     * whose worker's lease has expired. Returns them as they ended.
     */
    List<ImportJob> recover(String collection) {
        List<ImportJob> done = new ArrayList<>();
        while (!closing.getAsBoolean()) {
            Optional<JobLease> lease = claimNext(collection);
            if (lease.isEmpty()) {
                break;
            }
            LOG.info("recovering job {} (attempt {}, resuming after row {})", lease.get().jobId(), lease.get().attempt(),
                    lease.get().checkpointRow());
            done.add(run(lease.get()));
        }
        return done;
    }

    /**
     * Claims the next job of {@code collection} (of any for {@code null}) that can be claimed:
     * pending, or abandoned by a worker whose lease expired.
     */
    Optional<JobLease> claimNext(String collection) {
        Instant now = settings.clock().instant();
        return store.jobs().claimNext(collection, settings.workerId(), now, now.plus(settings.leaseDuration()));
    }

    /** Gives back a job claimed but not run. */
    void release(JobLease lease) {
        store.jobs().release(lease, settings.clock().instant());
    }

    /** Runs a job this worker has claimed, to its end or until it must stop. */
    ImportJob run(JobLease lease) {
        RunningJob rj = new RunningJob(lease);
        inRun.enter();
        try {
            running.put(lease.jobId(), rj);
            long period = Math.max(50, settings.leaseDuration().toMillis() / 3);
            rj.heartbeat = heartbeat.scheduleAtFixedRate(() -> beat(rj), period, period, TimeUnit.MILLISECONDS);
            try {
                return new JobRun(store, settings, payloads, batches, embeddings, closing, rj).execute();
            } finally {
                rj.heartbeat.cancel(false);
                running.remove(lease.jobId());
                store.jobs().find(lease.jobId()).ifPresent(j -> {
                    Listeners.safely(() -> settings.listener().onJobFinished(j));
                    settings.observers().onJobFinished(j);
                });
            }
        } finally {
            // Only now, once its listener has heard, is the run over for shutdown.
            inRun.exit();
        }
    }

    private void beat(RunningJob rj) {
        try {
            Instant now = settings.clock().instant();
            if (!store.jobs().renew(rj.lease, now, now.plus(settings.leaseDuration()))) {
                rj.leaseLost = true;
                return;
            }
            store.jobs().find(rj.lease.jobId()).ifPresent(j -> {
                if (j.cancelRequested()) {
                    rj.cancelRequested = true;
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("heartbeat of job {} failed: {}", rj.lease.jobId(), e.getMessage());
        }
    }

    /** The job if it runs here now. */
    Optional<RunningJob> running(UUID jobId) {
        return Optional.ofNullable(running.get(jobId));
    }

    /** Jobs whose run has not wholly returned here, their end's listener call included. */
    int runningCount() {
        return inRun.count();
    }

    /** Waits until every run here has wholly returned, or the deadline of {@link System#nanoTime()} passed. */
    boolean awaitNoneRunning(long deadlineNanos) {
        return inRun.awaitNone(deadlineNanos);
    }

    /** Asks the given jobs, if running here, to stop after their current batch and release their leases. */
    void stop(Collection<UUID> jobIds) {
        for (UUID id : jobIds) {
            RunningJob rj = running.get(id);
            if (rj != null) {
                rj.stopRequested = true;
            }
        }
    }
}
