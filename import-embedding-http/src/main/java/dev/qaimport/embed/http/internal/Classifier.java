package dev.qaimport.embed.http.internal;

import dev.qaimport.spi.EmbeddingException;
import java.util.regex.Pattern;

/**
 * The classifier of HTTP error responses for the embedding stage: retry, split the request
 * (the provider refused some input), or stop. Kept apart so that the table in
 * {@code docs/EMBEDDINGS-HTTP.md} has one place to match.
 */
public final class Classifier {
    // A 400/422 names the model, the deployment, or an option the model lacks: every request
    // would fail the same way, so splitting would only mark good pairs failed.
    private static final Pattern CONFIGURATION = Pattern.compile(
            "model_not_found|deploymentnotfound|unknown model|invalid model|no such model"
                    + "|model\\b.{0,80}\\b(not found|does not exist|not exist|unknown|not available|unsupported|not supported)"
                    + "|dimensions|encoding_format|unrecognized request argument|unknown (field|parameter)|extra inputs are not permitted");
    // A 400/413/422 about the input itself: too long, too many tokens, empty or invalid.
    private static final Pattern INPUT = Pattern.compile(
            "context length|context_length|maximum context|too long|too many tokens|tokens per request|max_tokens_per_request"
                    + "|token limit|maximum input length|input length|exceeds|less than \\d+ tokens|batch size"
                    + "|too many inputs|invalid input|\\$\\.input|'input'|\"input\"|input\\[|\\binput\\b.{0,40}\\b(invalid|empty|too)"
                    + "|must (have|be) (less|at most|shorter)|payload too large|request entity too large|string_too_long|validation");

    /** What to do about an error response. */
    public enum Action {
        /** Try the same request again after a wait. */
        RETRY,
        /** Retry but as a throttle: the concurrency cap shrinks. */
        THROTTLE,
        /** Do not retry; raise with this kind. */
        RAISE
    }

    /** The decision for one error response. */
    public record Decision(Action action, EmbeddingException.Kind kind, String reason) {
    }

    private Classifier() {
    }

    /** Classifies an error response of {@code status} carrying {@code error}. */
    public static Decision classify(int status, ProviderError error) {
        String text = error.haystack();
        if (status == 429) {
            // Not "billing": OpenAI's ordinary rate-limit message links to the billing page too.
            if (text.contains("insufficient_quota") || text.contains("exceeded your current quota")) {
                return raise(EmbeddingException.Kind.FATAL, "quota exhausted: add credit or raise the quota");
            }
            return new Decision(Action.THROTTLE, EmbeddingException.Kind.TRANSIENT, "rate limited");
        }
        if (status == 408 || status == 409 || (status >= 500 && status <= 599)) {
            return new Decision(Action.RETRY, EmbeddingException.Kind.TRANSIENT, "provider unavailable");
        }
        if (status == 401) {
            return raise(EmbeddingException.Kind.FATAL, "authentication failed: check the API key");
        }
        if (status == 403) {
            return raise(EmbeddingException.Kind.FATAL, "access denied: check the API key's permissions for this model");
        }
        if (status == 404) {
            return raise(EmbeddingException.Kind.FATAL,
                    "not found: check the base URL and that the model or deployment exists");
        }
        if (status == 400 || status == 413 || status == 422) {
            if (CONFIGURATION.matcher(text).find()) {
                return raise(EmbeddingException.Kind.FATAL, "the provider refused the model or an option: check the configuration");
            }
            if (status == 413 || INPUT.matcher(text).find()) {
                return raise(EmbeddingException.Kind.INPUT_REJECTED, "the provider rejected an input");
            }
            return raise(EmbeddingException.Kind.FATAL, "the provider refused the request");
        }
        if (status >= 300 && status <= 399) {
            return raise(EmbeddingException.Kind.FATAL, "redirected: set the base URL to the final address");
        }
        return raise(EmbeddingException.Kind.FATAL, "unexpected status");
    }

    private static Decision raise(EmbeddingException.Kind kind, String reason) {
        return new Decision(Action.RAISE, kind, reason);
    }
}
