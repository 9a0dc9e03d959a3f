package dev.qaimport;

import dev.qaimport.model.EmbeddingResult;
import java.util.Collection;
import java.util.UUID;

/**
 * Generates embeddings for pairs whose embedding status is {@code PENDING}: packs them into
 * provider requests by count and estimated tokens, reuses stored vectors for identical text,
 * stores each vector compactly and marks the pair {@code EMBEDDED}, batch by batch. A request the
 * provider rejects because of one input is split until that input is isolated and marked
 * {@code FAILED}; a provider outage leaves pairs {@code PENDING} for a later retry. Thread-safe.
 */
public interface EmbeddingTrigger {
    /** Embeds the given pairs (those of them still pending). */
    EmbeddingResult triggerForPairs(Collection<UUID> pairIds, ProgressCallback onProgress);

    /** Embeds every pending pair of a job. */
    EmbeddingResult triggerForJob(UUID jobId, ProgressCallback onProgress);

    /** Embeds the pending pairs of a job again (after an outage), or of all jobs for {@code null}. */
    EmbeddingResult retryPending(UUID jobId);

    /** Puts a job's failed pairs back to pending and embeds them. */
    EmbeddingResult retryFailed(UUID jobId);
}
