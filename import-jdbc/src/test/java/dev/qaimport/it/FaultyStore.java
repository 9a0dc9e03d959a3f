package dev.qaimport.it;

import dev.qaimport.jdbc.testing.ForwardingBatchTransaction;
import dev.qaimport.jdbc.testing.ForwardingEmbeddingRepository;
import dev.qaimport.jdbc.testing.ForwardingJobRepository;
import dev.qaimport.jdbc.testing.ForwardingStore;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.JobStatus;
import dev.qaimport.spi.BatchTransaction;
import dev.qaimport.spi.EmbeddingRepository;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.JobRepository;
import dev.qaimport.spi.NewPair;
import dev.qaimport.spi.ReembedRepository;
import dev.qaimport.spi.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The real store with injected faults: the Nth transaction fails, or inserting a pair whose
 * question matches a predicate is refused as a data error (as a constraint would be). Everything
 * else goes to the real database.
 */
final class FaultyStore extends ForwardingStore {
    private final AtomicInteger transactions = new AtomicInteger();
    private volatile int failTransaction = -1;
    private volatile StoreException.Kind failKind = StoreException.Kind.FATAL;
    private volatile int failTimes = 1;
    private volatile Predicate<String> refuseQuestion = q -> false;
    private final AtomicInteger failCompletes = new AtomicInteger();
    private volatile boolean failJobWrites;

    FaultyStore(ImportStore real) {
        super(real);
    }

    /** The {@code n}-th transaction from now (1-based) fails {@code times} times with {@code kind}. */
    FaultyStore failTransaction(int n, StoreException.Kind kind, int times) {
        this.failTransaction = transactions.get() + n;
        this.failKind = kind;
        this.failTimes = times;
        return this;
    }

    FaultyStore refuseQuestions(Predicate<String> which) {
        this.refuseQuestion = which;
        return this;
    }

    /** The next {@code times} calls of {@code embeddings().complete} fail as a broken connection would. */
    FaultyStore failEmbeddingCompletes(int times) {
        failCompletes.set(times);
        return this;
    }

    /** While on, a job's state cannot be written (finish, release, renew) as with a dead database; claims still work. */
    FaultyStore failJobWrites(boolean on) {
        this.failJobWrites = on;
        return this;
    }

    int transactions() {
        return transactions.get();
    }

    private void failJobWriteIfDown() {
        if (failJobWrites) {
            throw new StoreException(StoreException.Kind.TRANSIENT, "injected failure: the database is down", null);
        }
    }

    @Override
    public JobRepository jobs() {
        return new ForwardingJobRepository(super.jobs()) {
            @Override
            public boolean renew(JobLease lease, Instant now, Instant leaseUntil) {
                failJobWriteIfDown();
                return super.renew(lease, now, leaseUntil);
            }

            @Override
            public boolean finish(JobLease lease, JobStatus status, String errorMessage, long totalRows, Instant now) {
                failJobWriteIfDown();
                return super.finish(lease, status, errorMessage, totalRows, now);
            }

            @Override
            public boolean release(JobLease lease, Instant now) {
                failJobWriteIfDown();
                return super.release(lease, now);
            }
        };
    }

    @Override
    public EmbeddingRepository embeddings() {
        return new ForwardingEmbeddingRepository(super.embeddings()) {
            @Override
            public int complete(String owner, List<EmbeddedPair> embedded, List<FailedPair> failed, Instant now) {
                if (failCompletes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new StoreException(StoreException.Kind.TRANSIENT, "injected failure: connection reset while completing", null);
                }
                return super.complete(owner, embedded, failed, now);
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
        int n = transactions.incrementAndGet();
        if (n >= failTransaction && n < failTransaction + failTimes) {
            throw new StoreException(failKind, "injected failure of transaction " + n, null);
        }
        return super.inTransaction(tx -> work.apply(refusingQuestions(tx)));
    }

    /** The transaction, refusing to insert a pair whose question is to be refused. */
    private BatchTransaction refusingQuestions(BatchTransaction tx) {
        return new ForwardingBatchTransaction(tx) {
            @Override
            public void insertPairs(List<NewPair> pairs) {
                for (NewPair p : pairs) {
                    if (refuseQuestion.test(p.question())) {
                        throw new StoreException(StoreException.Kind.DATA, "value too long for column \"question\"", null);
                    }
                }
                super.insertPairs(pairs);
            }
        };
    }
}
