package dev.qaimport.spi;

import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.Reembedding;
import dev.qaimport.spi.EmbeddingRepository.PendingPair;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Storage for re-embeddings. A re-embedding's new vectors are staged beside the pairs, one row
 * per pair, in fenced transactions (only the holder of its lease, in its attempt, may stage), so
 * that a crashed run resumes with the pairs it had not staged; its last transaction switches the
 * scope's pairs to the staged vectors. At most one re-embedding per collection is unfinished at a
 * time.
 */
public interface ReembedRepository {
    /**
     * Stores {@code reembedding} (status {@code PENDING}) unless another of its collection is
     * unfinished.
     *
     * @return whether it was stored
     */
    boolean create(Reembedding reembedding);

    Optional<Reembedding> find(UUID id);

    /** The newest re-embeddings of {@code collection} first, at most {@code limit}. */
    List<Reembedding> recent(String collection, int limit);

    /**
     * The unfinished re-embeddings ({@code PENDING} or {@code PROCESSING}) of {@code collection}
     * (at most one), or of every collection for {@code null}, oldest first.
     */
    List<Reembedding> unfinished(String collection);

    /**
     * Takes up the re-embedding for {@code owner}: one that is {@code PENDING}, or
     * {@code PROCESSING} with no lease or an expired one, becomes {@code PROCESSING} under a lease
     * until {@code leaseUntil}, in a new attempt, with {@code totalPairs} as its total.
     *
     * @return the new attempt, or empty when it is finished or another process holds it
     */
    OptionalInt claim(UUID id, String owner, long totalPairs, Instant now, Instant leaseUntil);

    /** Extends the lease of the holder's attempt; false when it no longer holds it (cancelled, taken over). */
    boolean renew(UUID id, String owner, int attempt, Instant now, Instant leaseUntil);

    /**
     * Gives the lease up, leaving the re-embedding unfinished with {@code message}; no process
     * takes it up again before {@code notBefore}.
     */
    void release(UUID id, String owner, int attempt, String message, Instant now, Instant notBefore);

    /** Pairs in the scope: the job's, or every pair of {@code collection} for {@code null}. */
    long countScope(String collection, UUID jobId);

    /**
     * Pairs of the scope that have nothing staged in this re-embedding, ordered by id, after
     * {@code afterPairId} (or from the first, for {@code null}), at most {@code limit}.
     */
    List<ScopedPair> unstaged(UUID reembeddingId, String collection, UUID jobId, UUID afterPairId, int limit);

    /** How many pairs of the scope have nothing staged in this re-embedding. */
    long countUnstaged(UUID reembeddingId, String collection, UUID jobId);

    /**
     * In one transaction, if {@code owner} still holds the lease in {@code attempt}: stages the
     * vectors' keys (stored in the cache already) and the rejections, each with the version of
     * the pair that was embedded, adds them to the counts and extends the lease.
     *
     * @return false, changing nothing, when the lease is lost
     */
    boolean stage(UUID reembeddingId, String owner, int attempt, List<Staged> staged, long reused, Instant now,
            Instant leaseUntil);

    /**
     * In one transaction, if {@code owner} still holds the lease in {@code attempt}: every pair of
     * the scope whose staged version is still its current one takes its staged vector (status
     * {@code EMBEDDED}) or its rejection ({@code FAILED}); every other pair of the scope (changed
     * since, or added) goes back to {@code PENDING} without a vector, for the embedding stage; the
     * jobs' embedding counts are recounted; the staged rows are deleted and the re-embedding
     * becomes {@code COMPLETED}.
     *
     * @return false, changing nothing, when the lease is lost
     */
    boolean complete(UUID reembeddingId, String owner, int attempt, Instant now);

    /**
     * Cancels an unfinished re-embedding and deletes what it staged; the pairs keep their
     * vectors.
     *
     * @return whether it was unfinished
     */
    boolean cancel(UUID id, Instant now);

    /**
     * The profile that supersedes the one a job recorded: that of the newest completed
     * re-embedding of the job or of every pair of its collection that completed after the job was
     * created ({@code collection} is then not used); for {@code jobId} {@code null}, that of the
     * newest completed re-embedding of every pair of {@code collection}.
     */
    Optional<EmbeddingProfile> completedProfile(String collection, UUID jobId);

    /**
     * A pair of a re-embedding's scope, with its version: the time it last changed.
     *
     * @param pair    the pair
     * @param version its {@code updated_at} as read
     */
    record ScopedPair(PendingPair pair, Instant version) {
        public ScopedPair {
            Objects.requireNonNull(pair, "pair");
            Objects.requireNonNull(version, "version");
        }
    }

    /**
     * The outcome of one pair: a vector's cache key, or the reason the provider rejected its input.
     *
     * @param pairId  the pair
     * @param version the pair's version that was embedded
     * @param key     the cache key of its new vector, or {@code null} when rejected
     * @param error   why the provider rejected it, or {@code null}
     */
    record Staged(UUID pairId, Instant version, String key, String error) {
        public Staged {
            Objects.requireNonNull(pairId, "pairId");
            Objects.requireNonNull(version, "version");
            if ((key == null) == (error == null)) {
                throw new IllegalArgumentException("exactly one of key and error must be given");
            }
        }
    }
}
