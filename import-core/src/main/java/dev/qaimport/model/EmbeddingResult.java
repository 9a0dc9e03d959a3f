package dev.qaimport.model;

/**
 * What one run of the embedding stage did.
 *
 * @param embedded   pairs that now have a vector (including cache hits)
 * @param reused     of those, pairs whose vector came from the cache instead of the provider
 * @param failed     pairs whose input the provider rejected; marked {@link EmbeddingStatus#FAILED}
 * @param pending    pairs left {@link EmbeddingStatus#PENDING}: the provider was unavailable, or
 *                   they were not tried (see {@code waiting})
 * @param requests   requests sent to the provider
 * @param error      the provider problem that stopped the run early, or {@code null}
 * @param waiting    why pairs were left pending without being tried, or {@code null}: their job
 *                   asked for no embeddings, or no provider here gives the vectors its
 *                   {@link EmbeddingProfile} asks for (the message names that profile)
 */
public record EmbeddingResult(long embedded, long reused, long failed, long pending, long requests, String error,
        String waiting) {
    /** A run that found nothing to do. */
    public static final EmbeddingResult NONE = new EmbeddingResult(0, 0, 0, 0, 0, null, null);

    /** A result of pairs that were all tried. */
    public EmbeddingResult(long embedded, long reused, long failed, long pending, long requests, String error) {
        this(embedded, reused, failed, pending, requests, error, null);
    }
}
