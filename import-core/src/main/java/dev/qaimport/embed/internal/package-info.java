/**
 * The embedding stage: claiming pending pairs, reusing cached vectors, sending the rest to the
 * {@link dev.qaimport.spi.EmbeddingService} with a bounded number of calls in flight, isolating
 * the inputs the provider rejects, and committing the outcome in batches; and the brute-force
 * search over the stored vectors. Not API.
 */
package dev.qaimport.embed.internal;
