package dev.qaimport.benchmarks;

/**
 * What an embedding contender reports.
 *
 * @param embedded   texts embedded and stored
 * @param embedNanos time spent in the embedding stage itself (reading inputs and any import
 *                   before it excluded)
 */
public record EmbeddingOutcome(long embedded, long embedNanos) {
}
