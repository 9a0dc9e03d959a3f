/**
 * qa-import's HTTP embedding provider: {@link dev.qaimport.embed.http.HttpEmbeddingService} for
 * OpenAI, OpenAI-compatible servers, Azure OpenAI and Ollama, on {@code java.net.http}.
 */
module dev.qaimport.embed.http {
    requires transitive dev.qaimport.core;
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.qaimport.embed.http;
}
