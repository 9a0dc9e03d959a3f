package dev.qaimport.spi;

import dev.qaimport.model.EmbeddingProfile;
import java.util.List;

/**
 * Turns texts into vectors: an HTTP provider, an in-process model, or a test double.
 * Implementations are thread-safe; the embedding stage calls {@link #embed} from several
 * threads at once, up to {@link EmbeddingLimits#maxConcurrency()}.
 */
public interface EmbeddingService {
    /**
     * Identifies the vector space: the model name plus anything that changes the vectors (such as
     * requested dimensions). Stored with each vector and part of the cache key, so that a change
     * of model never reuses old vectors.
     */
    String modelId();

    /** What the provider accepts per request. */
    EmbeddingLimits limits();

    /**
     * A conservative estimate of the tokens {@code text} costs, made without a tokenizer. The
     * default is {@link TokenEstimate}: fitted against OpenAI's tokenizers, it stays above the
     * real count on language text (the rules and the measured error are in its documentation).
     */
    default int estimateTokens(String text) {
        return TokenEstimate.estimate(text);
    }

    /**
     * Embeds {@code inputs}, returning one vector per input in the same order. A call may hold any
     * number of inputs of any length: the service packs them into requests within its limits and
     * shortens (or rejects) an input over its per-input limit; the embedding stage hands over at
     * most {@link EmbeddingLimits#maxInputsPerRequest()} (and 512) inputs per call.
     *
     * @throws EmbeddingException classified as transient (retry later), input rejected (split the
     *                            request) or fatal (stop)
     */
    List<float[]> embed(List<String> inputs);

    /**
     * As {@link #embed(List)}, telling {@code listener} of each request sent to the provider and of
     * each wait for its rate limits; the embedding stage calls this one. The default ignores the
     * listener, as a service that sends no requests may; a service that wraps another passes the
     * listener on to it.
     */
    default List<float[]> embed(List<String> inputs, EmbeddingRequestListener listener) {
        return embed(inputs);
    }

    /**
     * The profile recorded with the jobs this service embeds, without an input template and without
     * credentials. The default, a {@code custom} provider of model {@link #modelId()}, is matched
     * by the model id alone; providers that know their kind and place say so.
     */
    default EmbeddingProfile profile() {
        return EmbeddingProfile.of("custom", modelId());
    }

    /** A short description for logs, without secrets (for example the provider URL and model). */
    default String describe() {
        return getClass().getSimpleName() + "(" + modelId() + ")";
    }
}
