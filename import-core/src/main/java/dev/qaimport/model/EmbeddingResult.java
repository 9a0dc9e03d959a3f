package dev.qaimport.model;

/**
 * What one run of the embedding stage did.
 *
 * @param embedded   pairs that now have a vector (including cache hits)
 * @param reused     of those, pairs whose vector came from the cache instead of the provider
 * @param failed     pairs whose input the provider rejected; marked {@link EmbeddingStatus#FAILED}
 * @param pending    pairs left {@link EmbeddingStatus#PENDING} because the provider was unavailable
 * @param requests   requests sent to the provider
 * @param error      the provider problem that stopped the run early, or {@code null}
 */
public record EmbeddingResult(long embedded, long reused, long failed, long pending, long requests, String error) {
    /** A run that found nothing to do. */
    public static final EmbeddingResult NONE = new EmbeddingResult(0, 0, 0, 0, 0, null);
}
