package dev.qaimport.it;

import dev.qaimport.jdbc.testing.ForwardingStore;
import dev.qaimport.spi.BatchTransaction;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.ReembedRepository;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The real store, with an action run right after the chosen batch transaction has committed, on
 * the job's thread and before the job looks at anything else: a test acts at an exact row
 * whatever the speed of the machine, where a listener's progress notices are throttled in time.
 */
final class AfterCommitStore extends ForwardingStore {
    private final int transaction;
    private final Runnable action;
    private final AtomicInteger committed = new AtomicInteger();

    /** Runs {@code action} once, after the {@code transaction}-th (1-based) batch transaction that committed. */
    AfterCommitStore(ImportStore real, int transaction, Runnable action) {
        super(real);
        this.transaction = transaction;
        this.action = action;
    }

    /** Cannot re-embed, so that no re-embedding is ever taken up through this store. */
    @Override
    public ReembedRepository reembeddings() {
        throw new UnsupportedOperationException(getClass().getName() + " does not support re-embedding");
    }

    @Override
    public <T> T inTransaction(Function<BatchTransaction, T> work) {
        T result = super.inTransaction(work);
        if (committed.incrementAndGet() == transaction) {
            action.run();
        }
        return result;
    }
}
