package dev.qaimport.jobs.internal;

import dev.qaimport.ProgressCallback;
import dev.qaimport.Worker;
import dev.qaimport.embed.internal.EmbeddingStage;
import dev.qaimport.internal.NamedThreads;
import dev.qaimport.internal.Sleeper;
import dev.qaimport.model.EmbeddingResult;
import dev.qaimport.model.JobLease;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims work from the database on a schedule: jobs that are pending or whose lease expired (up
 * to a number in parallel), and, when no job is running, pairs whose embedding is still pending.
 * Used both as an explicit worker and as the recovery sweeper of an embedded instance.
 */
final class Poller implements Worker {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    private static final long MAX_EMBEDDING_BACKOFF_MS = Duration.ofMinutes(5).toMillis();

    private final JobRunner runner;
    private final EmbeddingStage embeddings;
    /** Also done at every tick: taking up an unfinished re-embedding. */
    private final Runnable reembeddings;
    /** The collection whose jobs it claims and whose pairs it embeds, or {@code null} for every one. */
    private final String collection;
    private final Executor executor;
    private final Semaphore capacity;
    private final int parallel;
    private final ScheduledExecutorService timer;
    private final ExecutorService sweeper;
    private final Set<UUID> mine = ConcurrentHashMap.newKeySet();
    private final Duration shutdownTimeout;
    private volatile boolean stopped;
    private final java.util.concurrent.atomic.AtomicBoolean sweeping = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long embeddingBackoffMs;
    private volatile long nextEmbeddingSweep;

    Poller(String collection, JobRunner runner, EmbeddingStage embeddings, Runnable reembeddings, Executor executor, int parallel, Duration interval, Duration shutdownTimeout,
            String role) {
        this.runner = runner;
        this.embeddings = embeddings;
        this.reembeddings = reembeddings;
        this.collection = collection;
        this.executor = executor;
        this.parallel = parallel;
        this.capacity = new Semaphore(parallel);
        this.shutdownTimeout = shutdownTimeout;
        this.timer = Executors.newSingleThreadScheduledExecutor(new NamedThreads(role));
        this.sweeper = Executors.newSingleThreadExecutor(new NamedThreads(role + "-embeddings"));
        this.timer.scheduleWithFixedDelay(this::tick, 0, Math.max(10, interval.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (stopped) {
            return;
        }
        try {
            while (!stopped && capacity.tryAcquire()) {
                Optional<JobLease> lease = runner.claimNext(collection);
                if (lease.isEmpty()) {
                    capacity.release();
                    break;
                }
                UUID jobId = lease.get().jobId();
                LOG.info("claimed job {} (attempt {}, resuming after row {})", jobId, lease.get().attempt(), lease.get().checkpointRow());
                mine.add(jobId);
                try {
                    executor.execute(() -> {
                        try {
                            runner.run(lease.get());
                        } catch (RuntimeException e) {
                            LOG.error("job {} failed in the worker", jobId, e);
                        } finally {
                            mine.remove(jobId);
                            capacity.release();
                        }
                    });
                } catch (RuntimeException e) {
                    // The executor refused the task: give the job back at once.
                    mine.remove(jobId);
                    capacity.release();
                    runner.release(lease.get());
                    throw e;
                }
            }
            sweepEmbeddings();
            reembeddings.run();
        } catch (RuntimeException e) {
            LOG.warn("worker poll failed: {}", e.getMessage());
        }
    }

    /**
     * When no job runs here, embeds pairs still pending (an outage, a crash, a job embedded
     * elsewhere) on a thread of its own: the timer keeps claiming jobs meanwhile (a job and the
     * sweep take different pairs), and {@link #close()} stops the sweep after its current requests.
     */
    private void sweepEmbeddings() {
        if (!embeddings.enabled() || capacity.availablePermits() < parallel || System.currentTimeMillis() < nextEmbeddingSweep
                || !sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            sweeper.execute(() -> {
                try {
                    afterSweep(embeddings.sweep(collection, () -> stopped));
                } catch (RuntimeException e) {
                    LOG.warn("embedding pending pairs failed: {}", e.getMessage());
                    afterSweep(new EmbeddingResult(0, 0, 0, 0, 0, e.getMessage()));
                } finally {
                    sweeping.set(false);
                }
            });
        } catch (RuntimeException e) {
            sweeping.set(false);
            throw e;
        }
    }

    private synchronized void afterSweep(EmbeddingResult r) {
        if (r.error() != null) {
            embeddingBackoffMs = embeddingBackoffMs == 0 ? 5_000 : Math.min(MAX_EMBEDDING_BACKOFF_MS, embeddingBackoffMs * 2);
            nextEmbeddingSweep = System.currentTimeMillis() + embeddingBackoffMs;
            LOG.warn("pending embeddings: {}; next try in {} s", r.error(), embeddingBackoffMs / 1000);
        } else {
            embeddingBackoffMs = 0;
            if (r.embedded() + r.failed() > 0) {
                LOG.info("embedded {} pending pairs ({} failed)", r.embedded(), r.failed());
            }
        }
    }

    @Override
    public int runningJobs() {
        return mine.size();
    }

    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        timer.shutdown();
        runner.stop(mine);
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        while ((!mine.isEmpty() || sweeping.get()) && System.nanoTime() < deadline) {
            Sleeper.REAL.sleep(20);
        }
        sweeper.shutdown();
        try {
            timer.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!sweeper.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warn("the embedding sweep did not stop within {}; its claims will expire", shutdownTimeout);
                sweeper.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sweeper.shutdownNow();
        }
        if (!mine.isEmpty()) {
            LOG.warn("{} job(s) did not stop within {}; their leases will expire", mine.size(), shutdownTimeout);
        }
    }
}
