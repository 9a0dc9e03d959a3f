/**
 * An {@link dev.qaimport.spi.EmbeddingService} over {@code java.net.http} for real providers:
 * OpenAI and OpenAI-compatible servers (vLLM, text-embeddings-inference, LocalAI), Azure OpenAI
 * and Ollama. Start at {@link dev.qaimport.embed.http.HttpEmbeddingService}; limit profiles are in
 * {@link dev.qaimport.embed.http.ProviderLimits}. See {@code docs/EMBEDDINGS-HTTP.md}.
 */
package dev.qaimport.embed.http;
