package dev.qaimport.e2e;

import dev.qaimport.jdbc.testing.ForwardingReembedRepository;
import dev.qaimport.jdbc.testing.ForwardingStore;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.ReembedRepository;
import dev.qaimport.spi.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real store, as seen by a process that is killed in the middle of a re-embedding: after the
 * chosen number of staging commits, every further write of the re-embedding fails as if the
 * process were gone (no commit, no lease renewal, no release), so that what the database holds
 * is exactly what {@code kill -9} would leave behind.
 */
final class DyingStore extends ForwardingStore {
    private final int stagesBeforeDeath;
    private final AtomicInteger stages = new AtomicInteger();

    DyingStore(ImportStore real, int stagesBeforeDeath) {
        super(real);
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

    /** Leaves the database's statistics as they are after an import. */
    @Override
    public void afterBulkWrite(long rowsWritten) {
    }

    @Override
    public ReembedRepository reembeddings() {
        return new ForwardingReembedRepository(super.reembeddings()) {
            @Override
            public OptionalInt claim(UUID id, String owner, long totalPairs, Instant now, Instant leaseUntil) {
                dieIfDead();
                return super.claim(id, owner, totalPairs, now, leaseUntil);
            }

            @Override
            public boolean renew(UUID id, String owner, int attempt, Instant now, Instant leaseUntil) {
                dieIfDead();
                return super.renew(id, owner, attempt, now, leaseUntil);
            }

            @Override
            public void release(UUID id, String owner, int attempt, String message, Instant now, Instant notBefore) {
                dieIfDead();
                super.release(id, owner, attempt, message, now, notBefore);
            }

            @Override
            public boolean stage(UUID reembeddingId, String owner, int attempt, List<Staged> staged, long reused, Instant now,
                    Instant leaseUntil) {
                dieIfDead();
                boolean done = super.stage(reembeddingId, owner, attempt, staged, reused, now, leaseUntil);
                stages.incrementAndGet();
                return done;
            }

            @Override
            public boolean complete(UUID reembeddingId, String owner, int attempt, Instant now) {
                dieIfDead();
                return super.complete(reembeddingId, owner, attempt, now);
            }
        };
    }
}
