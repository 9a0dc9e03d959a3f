package dev.qaimport.jdbc.testing;

import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.Reembedding;
import dev.qaimport.spi.ReembedRepository;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * A {@link ReembedRepository} that hands every call to another one, for test wrappers that
 * override only the calls they change.
 */
public abstract class ForwardingReembedRepository implements ReembedRepository {
    private final ReembedRepository delegate;

    protected ForwardingReembedRepository(ReembedRepository delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public boolean create(Reembedding reembedding) {
        return delegate.create(reembedding);
    }

    @Override
    public Optional<Reembedding> find(UUID id) {
        return delegate.find(id);
    }

    @Override
    public List<Reembedding> recent(String collection, int limit) {
        return delegate.recent(collection, limit);
    }

    @Override
    public List<Reembedding> unfinished(String collection) {
        return delegate.unfinished(collection);
    }

    @Override
    public OptionalInt claim(UUID id, String owner, long totalPairs, Instant now, Instant leaseUntil) {
        return delegate.claim(id, owner, totalPairs, now, leaseUntil);
    }

    @Override
    public boolean renew(UUID id, String owner, int attempt, Instant now, Instant leaseUntil) {
        return delegate.renew(id, owner, attempt, now, leaseUntil);
    }

    @Override
    public void release(UUID id, String owner, int attempt, String message, Instant now, Instant notBefore) {
        delegate.release(id, owner, attempt, message, now, notBefore);
    }

    @Override
    public long countScope(String collection, UUID jobId) {
        return delegate.countScope(collection, jobId);
    }

    @Override
    public List<ScopedPair> unstaged(UUID reembeddingId, String collection, UUID jobId, UUID afterPairId, int limit) {
        return delegate.unstaged(reembeddingId, collection, jobId, afterPairId, limit);
    }

    @Override
    public long countUnstaged(UUID reembeddingId, String collection, UUID jobId) {
        return delegate.countUnstaged(reembeddingId, collection, jobId);
    }

    @Override
    public boolean stage(UUID reembeddingId, String owner, int attempt, List<Staged> staged, long reused, Instant now,
            Instant leaseUntil) {
        return delegate.stage(reembeddingId, owner, attempt, staged, reused, now, leaseUntil);
    }

    @Override
    public boolean complete(UUID reembeddingId, String owner, int attempt, Instant now) {
        return delegate.complete(reembeddingId, owner, attempt, now);
    }

    @Override
    public boolean cancel(UUID id, Instant now) {
        return delegate.cancel(id, now);
    }

    @Override
    public Optional<EmbeddingProfile> completedProfile(String collection, UUID jobId) {
        return delegate.completedProfile(collection, jobId);
    }
}
