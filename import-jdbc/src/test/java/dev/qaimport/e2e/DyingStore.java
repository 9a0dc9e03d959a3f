package dev.qaimport.e2e;

import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.Reembedding;
import dev.qaimport.spi.BatchTransaction;
import dev.qaimport.spi.EmbeddingRepository;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.JobRepository;
import dev.qaimport.spi.PayloadStore;
import dev.qaimport.spi.QueryRepository;
import dev.qaimport.spi.ReembedRepository;
import dev.qaimport.spi.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The real store, as seen by a process that is killed in the middle of a re-embedding: after the
 * chosen number of staging commits, every further write of the re-embedding fails as if the
 * process were gone (no commit, no lease renewal, no release), so that what the database holds
 * is exactly what {@code kill -9} would leave behind.
 */
final class DyingStore implements ImportStore {
    private final ImportStore real;
    private final int stagesBeforeDeath;
    private final AtomicInteger stages = new AtomicInteger();

    DyingStore(ImportStore real, int stagesBeforeDeath) {
        this.real = real;
        this.stagesBeforeDeath = stagesBeforeDeath;
    }

    boolean dead() {
        return stages.get() >= stagesBeforeDeath;
    }

    private void dieIfDead() {
        if (dead()) {
            throw new StoreException(StoreException.Kind.FATAL, "the process is gone", null);
        }
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
    public <T> T inTransaction(Function<BatchTransaction, T> work) {
        return real.inTransaction(work);
    }

    @Override
    public ReembedRepository reembeddings() {
        ReembedRepository r = real.reembeddings();
        return new ReembedRepository() {
            @Override
            public boolean create(Reembedding reembedding) {
                return r.create(reembedding);
            }

            @Override
            public Optional<Reembedding> find(UUID id) {
                return r.find(id);
            }

            @Override
            public List<Reembedding> recent(String collection, int limit) {
                return r.recent(collection, limit);
            }

            @Override
            public List<Reembedding> unfinished(String collection) {
                return r.unfinished(collection);
            }

            @Override
            public OptionalInt claim(UUID id, String owner, long totalPairs, Instant now, Instant leaseUntil) {
                dieIfDead();
                return r.claim(id, owner, totalPairs, now, leaseUntil);
            }

            @Override
            public boolean renew(UUID id, String owner, int attempt, Instant now, Instant leaseUntil) {
                dieIfDead();
                return r.renew(id, owner, attempt, now, leaseUntil);
            }

            @Override
            public void release(UUID id, String owner, int attempt, String message, Instant now, Instant notBefore) {
                dieIfDead();
                r.release(id, owner, attempt, message, now, notBefore);
            }

            @Override
            public long countScope(String collection, UUID jobId) {
                return r.countScope(collection, jobId);
            }

            @Override
            public List<ScopedPair> unstaged(UUID reembeddingId, String collection, UUID jobId, UUID afterPairId, int limit) {
                return r.unstaged(reembeddingId, collection, jobId, afterPairId, limit);
            }

            @Override
            public long countUnstaged(UUID reembeddingId, String collection, UUID jobId) {
                return r.countUnstaged(reembeddingId, collection, jobId);
            }

            @Override
            public boolean stage(UUID reembeddingId, String owner, int attempt, List<Staged> staged, long reused, Instant now,
                    Instant leaseUntil) {
                dieIfDead();
                boolean done = r.stage(reembeddingId, owner, attempt, staged, reused, now, leaseUntil);
                stages.incrementAndGet();
                return done;
            }

            @Override
            public boolean complete(UUID reembeddingId, String owner, int attempt, Instant now) {
                dieIfDead();
                return r.complete(reembeddingId, owner, attempt, now);
            }

            @Override
            public boolean cancel(UUID id, Instant now) {
                return r.cancel(id, now);
            }

            @Override
            public Optional<EmbeddingProfile> completedProfile(String collection, UUID jobId) {
                return r.completedProfile(collection, jobId);
            }
        };
    }
}
