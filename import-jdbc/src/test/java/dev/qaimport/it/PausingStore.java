package dev.qaimport.it;

import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.JobStatus;
import dev.qaimport.spi.BatchTransaction;
import dev.qaimport.spi.EmbeddingRepository;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.JobRepository;
import dev.qaimport.spi.NewJob;
import dev.qaimport.spi.PayloadStore;
import dev.qaimport.spi.QueryRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The real store, as seen by a worker that freezes (a long GC pause, a suspended VM): from the
 * chosen transaction on, every call of that worker (its batches and its heartbeat) blocks until
 * the test resumes it. Public for the end-to-end suite in {@code dev.qaimport.e2e}.
 */
public final class PausingStore implements ImportStore {
    private final ImportStore real;
    private final AtomicInteger transactions = new AtomicInteger();
    private final CountDownLatch paused = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);
    private final int pauseAt;

    public PausingStore(ImportStore real, int pauseAtTransaction) {
        this.real = real;
        this.pauseAt = pauseAtTransaction;
    }

    /** Waits until the worker has frozen. */
    public void awaitPaused() throws InterruptedException {
        if (!paused.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the worker never reached its pause");
        }
    }

    public void resume() {
        resume.countDown();
    }

    private void maybeFreeze() {
        if (paused.getCount() == 0) {
            try {
                resume.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void verify() {
        real.verify();
    }

    @Override
    public JobRepository jobs() {
        JobRepository r = real.jobs();
        return new JobRepository() {
            @Override
            public void insert(NewJob job) {
                r.insert(job);
            }

            @Override
            public Optional<ImportJob> find(UUID jobId) {
                maybeFreeze();
                return r.find(jobId);
            }

            @Override
            public Optional<String> options(UUID jobId) {
                return r.options(jobId);
            }

            @Override
            public Optional<String> payloadStore(UUID jobId) {
                return r.payloadStore(jobId);
            }

            @Override
            public List<ImportJob> recent(String collection, int limit) {
                return r.recent(collection, limit);
            }

            @Override
            public Optional<JobLease> claim(UUID jobId, String owner, Instant now, Instant leaseUntil) {
                return r.claim(jobId, owner, now, leaseUntil);
            }

            @Override
            public Optional<JobLease> claimNext(String collection, String owner, Instant now, Instant leaseUntil) {
                return r.claimNext(collection, owner, now, leaseUntil);
            }

            @Override
            public boolean renew(JobLease lease, Instant now, Instant leaseUntil) {
                maybeFreeze();
                return r.renew(lease, Instant.now(), Instant.now().plusMillis(leaseUntil.toEpochMilli() - now.toEpochMilli()));
            }

            @Override
            public boolean finish(JobLease lease, JobStatus status, String errorMessage, long totalRows, Instant now) {
                maybeFreeze();
                return r.finish(lease, status, errorMessage, totalRows, now);
            }

            @Override
            public boolean release(JobLease lease, Instant now) {
                return r.release(lease, now);
            }

            @Override
            public Optional<JobStatus> requestCancel(UUID jobId, Instant now) {
                return r.requestCancel(jobId, now);
            }

            @Override
            public boolean reopen(UUID jobId, Instant now) {
                return r.reopen(jobId, now);
            }

            @Override
            public List<ImportJob> findStale(String collection, Instant now, int limit) {
                return r.findStale(collection, now, limit);
            }

            @Override
            public boolean failStale(UUID jobId, int attempt, String errorMessage, Instant now) {
                return r.failStale(jobId, attempt, errorMessage, now);
            }

            @Override
            public void setEmbeddingMessage(UUID jobId, String message, Instant now) {
                r.setEmbeddingMessage(jobId, message, now);
            }

            @Override
            public boolean setFileNote(JobLease lease, String note, Instant now) {
                return r.setFileNote(lease, note, now);
            }
        };
    }

    @Override
    public EmbeddingRepository embeddings() {
        return real.embeddings();
    }

    @Override
    public QueryRepository queries() {
        return real.queries();
    }

    @Override
    public PayloadStore databasePayloads() {
        return real.databasePayloads();
    }

    @Override
    public <T> T inTransaction(Function<BatchTransaction, T> work) {
        if (transactions.incrementAndGet() == pauseAt) {
            paused.countDown();
        }
        maybeFreeze();
        return real.inTransaction(work);
    }
}
