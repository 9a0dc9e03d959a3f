package dev.qaimport.it;

import dev.qaimport.spi.BatchTransaction;
import dev.qaimport.spi.EmbeddingRepository;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.JobRepository;
import dev.qaimport.spi.PayloadStore;
import dev.qaimport.spi.QueryRepository;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The real store, with an action run right after the chosen batch transaction has committed, on
 * the job's thread and before the job looks at anything else: a test acts at an exact row
 * whatever the speed of the machine, where a listener's progress notices are throttled in time.
 */
final class AfterCommitStore implements ImportStore {
    private final ImportStore real;
    private final int transaction;
    private final Runnable action;
    private final AtomicInteger committed = new AtomicInteger();

    /** Runs {@code action} once, after the {@code transaction}-th (1-based) batch transaction that committed. */
    AfterCommitStore(ImportStore real, int transaction, Runnable action) {
        this.real = real;
        this.transaction = transaction;
        this.action = action;
    }

    @Override
    public void verify() {
        real.verify();
    }

    @Override
    public JobRepository jobs() {
        return real.jobs();
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
    public void afterBulkWrite(long rowsWritten) {
        real.afterBulkWrite(rowsWritten);
    }

    @Override
    public <T> T inTransaction(Function<BatchTransaction, T> work) {
        T result = real.inTransaction(work);
        if (committed.incrementAndGet() == transaction) {
            action.run();
        }
        return result;
    }
}
