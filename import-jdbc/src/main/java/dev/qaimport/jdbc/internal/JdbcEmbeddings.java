package dev.qaimport.jdbc.internal;

import dev.qaimport.spi.EmbeddingRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Storage for the embedding stage, composed of one part per concern: the claims
 * ({@link EmbeddingClaims}), the vector cache ({@link VectorCache}), the outcomes with their job
 * counters ({@link EmbeddingOutcomes}) and search's read of the vectors ({@link VectorSearch}).
 * Thread-safe.
 */
final class JdbcEmbeddings implements EmbeddingRepository {
    private final EmbeddingClaims claims;
    private final VectorCache vectors;
    private final EmbeddingOutcomes outcomes;
    private final VectorSearch search;

    JdbcEmbeddings(Db db, JobCounters counters) {
        this.claims = new EmbeddingClaims(db);
        this.vectors = new VectorCache(db);
        this.outcomes = new EmbeddingOutcomes(db, vectors, counters);
        this.search = new VectorSearch(db);
    }

    @Override
    public List<PendingPair> claimPending(UUID jobId, String owner, int limit, Instant now, Instant claimUntil) {
        return claims.claimPending(jobId, owner, limit, now, claimUntil);
    }

    @Override
    public List<PendingPair> claimPendingWithoutJob(String collection, String owner, int limit, Instant now, Instant claimUntil) {
        return claims.claimPendingWithoutJob(collection, owner, limit, now, claimUntil);
    }

    @Override
    public List<UUID> jobsWithPending(String collection, UUID afterJobId, int limit) {
        return claims.jobsWithPending(collection, afterJobId, limit);
    }

    @Override
    public List<PendingPair> claimPairs(Collection<UUID> pairIds, String owner, Instant now, Instant claimUntil) {
        return claims.claimPairs(pairIds, owner, now, claimUntil);
    }

    @Override
    public void release(String owner, Collection<UUID> pairIds) {
        claims.release(owner, pairIds);
    }

    @Override
    public long countPending(UUID jobId) {
        return claims.countPending(jobId);
    }

    @Override
    public Map<String, float[]> findVectors(Collection<String> keys) {
        return vectors.findVectors(keys);
    }

    @Override
    public void storeVectors(String model, Map<String, float[]> vectorsByKey, Instant now) {
        vectors.storeVectors(model, vectorsByKey, now);
    }

    @Override
    public int complete(String owner, List<EmbeddedPair> embedded, List<FailedPair> failed, Instant now) {
        return outcomes.complete(owner, embedded, failed, now);
    }

    @Override
    public int resetFailed(UUID jobId) {
        return outcomes.resetFailed(jobId);
    }

    @Override
    public void forEachVector(String collection, String model, Consumer<StoredVector> consumer) {
        search.forEachVector(collection, model, consumer);
    }
}
