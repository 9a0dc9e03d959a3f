package dev.qaimport.jdbc.testing;

import dev.qaimport.spi.EmbeddingRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * An {@link EmbeddingRepository} that hands every call to another one, for test wrappers that
 * override only the calls they change.
 */
public abstract class ForwardingEmbeddingRepository implements EmbeddingRepository {
    private final EmbeddingRepository delegate;

    protected ForwardingEmbeddingRepository(EmbeddingRepository delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public List<PendingPair> claimPending(UUID jobId, String owner, int limit, Instant now, Instant claimUntil) {
        return delegate.claimPending(jobId, owner, limit, now, claimUntil);
    }

    @Override
    public List<PendingPair> claimPendingWithoutJob(String collection, String owner, int limit, Instant now,
            Instant claimUntil) {
        return delegate.claimPendingWithoutJob(collection, owner, limit, now, claimUntil);
    }

    @Override
    public List<UUID> jobsWithPending(String collection, UUID afterJobId, int limit) {
        return delegate.jobsWithPending(collection, afterJobId, limit);
    }

    @Override
    public List<PendingPair> claimPairs(Collection<UUID> pairIds, String owner, Instant now, Instant claimUntil) {
        return delegate.claimPairs(pairIds, owner, now, claimUntil);
    }

    @Override
    public Map<String, float[]> findVectors(Collection<String> keys) {
        return delegate.findVectors(keys);
    }

    @Override
    public void storeVectors(String model, Map<String, float[]> vectorsByKey, Instant now) {
        delegate.storeVectors(model, vectorsByKey, now);
    }

    @Override
    public int complete(String owner, List<EmbeddedPair> embedded, List<FailedPair> failed, Instant now) {
        return delegate.complete(owner, embedded, failed, now);
    }

    @Override
    public void release(String owner, Collection<UUID> pairIds) {
        delegate.release(owner, pairIds);
    }

    @Override
    public long countPending(UUID jobId) {
        return delegate.countPending(jobId);
    }

    @Override
    public int resetFailed(UUID jobId) {
        return delegate.resetFailed(jobId);
    }

    @Override
    public void forEachVector(String collection, String model, Consumer<StoredVector> consumer) {
        delegate.forEachVector(collection, model, consumer);
    }
}
