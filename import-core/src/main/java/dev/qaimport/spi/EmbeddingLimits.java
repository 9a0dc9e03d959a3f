package dev.qaimport.spi;

/**
 * What one embedding provider accepts, so that the embedding stage can pack requests.
 *
 * @param maxInputsPerRequest inputs in one request (OpenAI: 2048)
 * @param maxTokensPerRequest estimated tokens in one request (OpenAI: 300,000)
 * @param maxTokensPerInput   estimated tokens in one input (OpenAI: 8192); longer inputs are
 *                            shortened before sending
 * @param maxConcurrency      requests in flight at once
 */
public record EmbeddingLimits(int maxInputsPerRequest, int maxTokensPerRequest, int maxTokensPerInput, int maxConcurrency) {
    /** OpenAI's documented limits with four requests in flight. */
    public static final EmbeddingLimits OPENAI = new EmbeddingLimits(2048, 300_000, 8192, 4);

    public EmbeddingLimits {
        if (maxInputsPerRequest < 1) {
            throw new IllegalArgumentException("maxInputsPerRequest < 1: " + maxInputsPerRequest);
        }
        if (maxTokensPerRequest < 1) {
            throw new IllegalArgumentException("maxTokensPerRequest < 1: " + maxTokensPerRequest);
        }
        if (maxTokensPerInput < 1) {
            throw new IllegalArgumentException("maxTokensPerInput < 1: " + maxTokensPerInput);
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency < 1: " + maxConcurrency);
        }
    }
}
