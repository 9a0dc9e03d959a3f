package dev.qaimport.it;

import dev.qaimport.model.JobLease;
import dev.qaimport.model.RowError;
import dev.qaimport.spi.BatchTransaction;
import dev.qaimport.spi.EmbeddingRepository;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.JobRepository;
import dev.qaimport.spi.NewPair;
import dev.qaimport.spi.PairUpdate;
import dev.qaimport.spi.PayloadStore;
import dev.qaimport.spi.QueryRepository;
import dev.qaimport.spi.StoreException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The real store with injected faults: the Nth transaction fails, or inserting a pair whose
 * question matches a predicate is refused as a data error (as a constraint would be). Everything
 * else goes to the real database.
 */
final class FaultyStore implements ImportStore {
    private final ImportStore real;
    private final AtomicInteger transactions = new AtomicInteger();
    private volatile int failTransaction = -1;
    private volatile StoreException.Kind failKind = StoreException.Kind.FATAL;
    private volatile int failTimes = 1;
    private volatile Predicate<String> refuseQuestion = q -> false;
    private final AtomicInteger failCompletes = new AtomicInteger();
    private volatile boolean failJobWrites;

    FaultyStore(ImportStore real) {
        this.real = real;
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

    @Override
    public void verify() {
        real.verify();
    }

    @Override
    public JobRepository jobs() {
        JobRepository repository = real.jobs();
        return (JobRepository) java.lang.reflect.Proxy.newProxyInstance(JobRepository.class.getClassLoader(),
                new Class<?>[] {JobRepository.class}, (proxy, method, args) -> {
                    if (failJobWrites && java.util.Set.of("finish", "release", "renew").contains(method.getName())) {
                        throw new StoreException(StoreException.Kind.TRANSIENT, "injected failure: the database is down", null);
                    }
                    try {
                        return method.invoke(repository, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public EmbeddingRepository embeddings() {
        EmbeddingRepository repository = real.embeddings();
        return (EmbeddingRepository) java.lang.reflect.Proxy.newProxyInstance(EmbeddingRepository.class.getClassLoader(),
                new Class<?>[] {EmbeddingRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("complete") && failCompletes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new StoreException(StoreException.Kind.TRANSIENT, "injected failure: connection reset while completing", null);
                    }
                    try {
                        return method.invoke(repository, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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
        int n = transactions.incrementAndGet();
        if (n >= failTransaction && n < failTransaction + failTimes) {
            throw new StoreException(failKind, "injected failure of transaction " + n, null);
        }
        return real.inTransaction(tx -> work.apply(new Tx(tx)));
    }

    private final class Tx implements BatchTransaction {
        private final BatchTransaction tx;

        Tx(BatchTransaction tx) {
            this.tx = tx;
        }

        @Override
        public Fence fence(JobLease lease, Instant now, Instant leaseUntil) {
            return tx.fence(lease, now, leaseUntil);
        }

        @Override
        public Map<String, UUID> findByQuestionKeys(String collection, Collection<String> keys) {
            return tx.findByQuestionKeys(collection, keys);
        }

        @Override
        public void insertPairs(List<NewPair> pairs) {
            for (NewPair p : pairs) {
                if (refuseQuestion.test(p.question())) {
                    throw new StoreException(StoreException.Kind.DATA, "value too long for column \"question\"", null);
                }
            }
            tx.insertPairs(pairs);
        }

        @Override
        public void updatePairs(List<PairUpdate> updates) {
            tx.updatePairs(updates);
        }

        @Override
        public void insertErrors(UUID jobId, List<RowError> errors) {
            tx.insertErrors(jobId, errors);
        }

        @Override
        public void advanceJob(JobLease lease, JobAdvance advance, Instant now) {
            tx.advanceJob(lease, advance, now);
        }

        @Override
        public <T> T withSavepoint(Supplier<T> work) {
            return tx.withSavepoint(work);
        }
    }
}
