package dev.qaimport.spi;

import dev.qaimport.model.EmbeddingProfile;
import java.time.Duration;

/**
 * Hears about each request an {@link EmbeddingService} sends to its provider, and about the time
 * it spends waiting for rate limits. A service that sends requests calls the listener handed to
 * {@link EmbeddingService#embed(java.util.List, EmbeddingRequestListener)}; one that sends none
 * (an in-process model) may ignore it. Called on the threads that send; implementations must be
 * quick, thread-safe and must not throw.
 */
public interface EmbeddingRequestListener {
    /** A listener that does nothing. */
    EmbeddingRequestListener NONE = new EmbeddingRequestListener() { };

    /** After each attempt of a request, successful or not. */
    default void onRequest(EmbeddingRequestEvent event) {
    }

    /**
     * After each wait for a rate limit: pacing before a request so as to stay within the provider's
     * limits, and the wait a 429 asked for before the request is sent again.
     */
    default void onRateLimitWait(EmbeddingProfile profile, Duration waited) {
    }
}
