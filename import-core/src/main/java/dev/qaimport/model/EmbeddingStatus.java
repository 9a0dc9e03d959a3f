package dev.qaimport.model;

/** Where a {@link QAPair} stands in the embedding stage. */
public enum EmbeddingStatus {
    /** Waiting for an embedding (also after a provider outage). */
    PENDING,
    /** A vector is stored for the pair's current text and model. */
    EMBEDDED,
    /** The provider rejected this pair's input; the reason is stored with the pair. */
    FAILED
}
