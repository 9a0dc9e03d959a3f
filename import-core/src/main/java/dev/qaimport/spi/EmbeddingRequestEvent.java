package dev.qaimport.spi;

import dev.qaimport.model.EmbeddingProfile;
import java.time.Duration;
import java.util.Objects;

/**
 * One attempt of one request to an embedding provider, as an {@link EmbeddingRequestListener}
 * hears of it. It names the provider by its profile (kind, base URL, model), never the texts or a key.
 *
 * @param profile the service's profile
 * @param outcome how the attempt ended
 * @param latency from sending the request to its answer (or failure)
 * @param inputs  inputs the request carried
 * @param tokens  tokens of the request: as the provider counted them when it said, else as estimated
 */
public record EmbeddingRequestEvent(EmbeddingProfile profile, Outcome outcome, Duration latency, int inputs, long tokens) {
    /** How an attempt ended; a small, fixed set, fit for a metric tag. */
    public enum Outcome {
        /** Vectors came back. */
        OK("ok"),
        /** HTTP 429: the provider's rate limit. */
        RATE_LIMITED("429"),
        /** HTTP 5xx. */
        SERVER_ERROR("5xx"),
        /** No answer within the request timeout. */
        TIMEOUT("timeout"),
        /** The provider refused an input (too long, say). */
        REJECTED_INPUT("rejected_input"),
        /** Anything else: other HTTP statuses, I/O errors, malformed answers. */
        ERROR("error");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        /** The lower-case name used as a metric tag value: {@code ok}, {@code 429}, {@code 5xx}, … */
        public String tag() {
            return tag;
        }
    }

    public EmbeddingRequestEvent {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(latency, "latency");
    }
}
