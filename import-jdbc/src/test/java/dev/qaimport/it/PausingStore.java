package dev.qaimport.it;

import dev.qaimport.jdbc.testing.ForwardingJobRepository;
import dev.qaimport.jdbc.testing.ForwardingStore;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.JobStatus;
import dev.qaimport.spi.BatchTransaction;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.JobRepository;
import dev.qaimport.spi.ReembedRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The real store as seen by a worker that freezes (a long GC pause, a suspended VM): from the
 * chosen transaction on, every call of that worker (its batches and its heartbeat) blocks until
 * the test resumes it. Public for the end-to-end suite in {@code dev.qaimport.e2e}.
 */
public final class PausingStore extends ForwardingStore {
    private final AtomicInteger transactions = new AtomicInteger();
    private final CountDownLatch paused = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);
    private final int pauseAt;

    public PausingStore(ImportStore real, int pauseAtTransaction) {
        super(real);
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
    public JobRepository jobs() {
        return new ForwardingJobRepository(super.jobs()) {
            @Override
            public Optional<ImportJob> find(UUID jobId) {
                maybeFreeze();
                return super.find(jobId);
            }

            /** Renews from the time the call goes through, after any freeze, for the length the worker asked for. */
            @Override
            public boolean renew(JobLease lease, Instant now, Instant leaseUntil) {
                maybeFreeze();
                return super.renew(lease, Instant.now(), Instant.now().plusMillis(leaseUntil.toEpochMilli() - now.toEpochMilli()));
            }

            @Override
            public boolean finish(JobLease lease, JobStatus status, String errorMessage, long totalRows, Instant now) {
                maybeFreeze();
                return super.finish(lease, status, errorMessage, totalRows, now);
            }
        };
    }

    /** Cannot re-embed, so that no re-embedding is ever taken up through this store. */
    @Override
    public ReembedRepository reembeddings() {
        throw new UnsupportedOperationException(getClass().getName() + " does not support re-embedding");
    }

    /** Leaves the database's statistics as they are after an import. */
    @Override
    public void afterBulkWrite(long rowsWritten) {
    }

    @Override
    public <T> T inTransaction(Function<BatchTransaction, T> work) {
        if (transactions.incrementAndGet() == pauseAt) {
            paused.countDown();
        }
        maybeFreeze();
        return super.inTransaction(work);
    }
}
