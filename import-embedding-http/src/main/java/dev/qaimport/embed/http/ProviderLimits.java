package dev.qaimport.embed.http;

import dev.qaimport.spi.EmbeddingLimits;

/**
 * Limit profiles for known providers: what one request may carry and how many requests are in
 * flight at once. Each builder of {@link HttpEmbeddingService} starts from its provider's profile;
 * {@code limits(...)} replaces it. Token counts are the tokenizer-free estimates of
 * {@link dev.qaimport.spi.TokenEstimate}, which over-count, so a request packed to a limit stays
 * below the provider's real limit.
 */
public final class ProviderLimits {
    /** OpenAI: 2048 inputs, 300,000 tokens per request, 8192 tokens per input, 4 in flight. */
    public static final EmbeddingLimits OPENAI = EmbeddingLimits.OPENAI;

    /**
     * Azure OpenAI: the same per-request limits as OpenAI for {@code text-embedding-3-*} and
     * {@code ada-002} deployments on current API versions; 4 in flight. A deployment's quota
     * (tokens per minute) is enforced by 429s and rate-limit headers, not by these numbers.
     */
    public static final EmbeddingLimits AZURE_OPENAI = new EmbeddingLimits(2048, 300_000, 8192, 4);

    /**
     * Ollama: 512 inputs and 32,768 estimated tokens per request, 8192 per input, 4 in flight.
     * Ollama has no documented request limit; smaller requests keep each one well inside the
     * request timeout on a CPU-only machine, where a model embeds a few thousand tokens a second.
     */
    public static final EmbeddingLimits OLLAMA = new EmbeddingLimits(512, 32_768, 8192, 4);

    /**
     * Hugging Face text-embeddings-inference with its default settings: 32 inputs
     * ({@code --max-client-batch-size}), 16,384 tokens ({@code --max-batch-tokens}), 512 tokens per
     * input (BERT-sized models), 4 in flight.
     */
    public static final EmbeddingLimits TEXT_EMBEDDINGS_INFERENCE = new EmbeddingLimits(32, 16_384, 512, 4);

    private ProviderLimits() {
    }
}
