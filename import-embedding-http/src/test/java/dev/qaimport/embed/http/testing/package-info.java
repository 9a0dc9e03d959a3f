/**
 * Test fixtures shipped in this module's test-jar: {@link dev.qaimport.embed.http.testing.StubEmbeddingServer},
 * a local OpenAI-, Azure- and Ollama-compatible embedding provider on the JDK's HTTP server, with
 * scripted replies, failure injection and request recording.
 */
package dev.qaimport.embed.http.testing;
