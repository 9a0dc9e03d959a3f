package dev.qaimport.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Storage for the embedding stage. Pairs are claimed in small groups with a short per-pair lease
 * so that several workers can share the work and a crashed worker's claims simply expire.
 */
public interface EmbeddingRepository {
    /**
     * Claims up to {@code limit} pairs whose embedding status is {@code PENDING} and whose claim
     * is free or expired, oldest first, skipping rows other workers are claiming.
     *
     * @param jobId only pairs of this job, or {@code null} for any job
     */
    List<PendingPair> claimPending(UUID jobId, String owner, int limit, Instant now, Instant claimUntil);

    /**
     * Claims, as {@link #claimPending}, pending pairs of {@code collection} (of any for
     * {@code null}) that belong to no job (created one by one outside an import).
     */
    List<PendingPair> claimPendingWithoutJob(String collection, String owner, int limit, Instant now, Instant claimUntil);

    /**
     * Jobs of {@code collection} (of any for {@code null}) that have {@code PENDING} pairs,
     * claimed or not, in the order of their ids: at most {@code limit}, after {@code afterJobId}
     * (or from the first, for {@code null}).
     */
    List<UUID> jobsWithPending(String collection, UUID afterJobId, int limit);

    /**
     * Claims the given pairs that are {@code PENDING} and not claimed by someone else (as
     * {@link #claimPending}); others are left out.
     */
    List<PendingPair> claimPairs(Collection<UUID> pairIds, String owner, Instant now, Instant claimUntil);

    /** Stored vectors by cache key, for keys that have one. */
    Map<String, float[]> findVectors(Collection<String> keys);

    /**
     * Stores vectors under their cache keys in a transaction of their own, leaving keys that are
     * stored already (by another worker, say) as they are. The embedding stage stores a group's
     * new vectors this way as soon as they arrive, before {@link #complete} marks the pairs: a
     * vector stored for a pair that is then never completed only serves as the cache the next
     * attempt finds.
     *
     * @param model        the model id, as reported by {@link EmbeddingService#modelId()}
     * @param vectorsByKey vectors by cache key
     */
    void storeVectors(String model, Map<String, float[]> vectorsByKey, Instant now);

    /**
     * In one transaction: stores the vectors that come with the pairs (ignoring keys stored
     * meanwhile), marks the pairs {@code EMBEDDED} or {@code FAILED}, releases their claims and
     * adds the counts to their jobs. A pair that comes without a vector must have its key stored
     * already. Pairs no longer {@code PENDING}, no longer claimed by {@code owner}, or since moved
     * to another job are left alone and not counted.
     *
     * @return the number of pairs actually changed
     */
    int complete(String owner, List<EmbeddedPair> embedded, List<FailedPair> failed, Instant now);

    /** Releases claims without changing status (for example during a provider outage). */
    void release(String owner, Collection<UUID> pairIds);

    /** Pairs of the job (or of all jobs for {@code null}) still {@code PENDING}. */
    long countPending(UUID jobId);

    /**
     * Puts the job's {@code FAILED} pairs back to {@code PENDING} and lowers the job's
     * embedding error count accordingly.
     *
     * @return the number of pairs reset
     */
    int resetFailed(UUID jobId);

    /**
     * Streams every embedded pair of {@code collection} with its vector for a model, in no
     * particular order, without holding them all in memory. Pairs of other collections are never
     * streamed, also when they share a cached vector.
     */
    void forEachVector(String collection, String model, Consumer<StoredVector> consumer);

    /**
     * A pair waiting for its embedding.
     *
     * @param id          pair id
     * @param importJobId its job
     * @param question    sanitized question
     * @param answer      sanitized answer
     * @param category    category or {@code null}
     * @param tags        tags
     */
    record PendingPair(UUID id, UUID importJobId, String question, String answer, String category, List<String> tags) {
        public PendingPair {
            tags = List.copyOf(tags);
        }
    }

    /**
     * A pair with its vector.
     *
     * @param pairId      pair id
     * @param importJobId its job (for the counters)
     * @param key         cache key of the embedded text, model and dimensions
     * @param model       model id as reported by {@link EmbeddingService#modelId()}
     * @param vector      the vector; may be {@code null} when {@code key} is already stored
     */
    record EmbeddedPair(UUID pairId, UUID importJobId, String key, String model, float[] vector) {
    }

    /**
     * A pair whose input the provider rejected.
     *
     * @param pairId      pair id
     * @param importJobId its job
     * @param reason      why, without secrets
     */
    record FailedPair(UUID pairId, UUID importJobId, String reason) {
    }

    /**
     * A stored vector with the pair it belongs to.
     *
     * @param pairId   pair id
     * @param question the pair's question
     * @param answer   the pair's answer
     * @param vector   the vector
     */
    record StoredVector(UUID pairId, String question, String answer, float[] vector) {
    }
}
