package dev.qaimport.model;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * How a job's pairs are to be embedded, recorded with the job when it starts: the kind of
 * provider, where it is, the model and its dimensions, and the input template; or
 * {@link #none()}, a job that asked for no embeddings. Resuming, retrying, workers and the
 * recovery sweep embed a job's pending pairs only with a provider whose profile
 * {@linkplain #sameVectorsAs gives the same vectors}, so that a job is never embedded by a model
 * it did not ask for.
 *
 * <p>Never holds a credential: the base URL is kept without user info, query or fragment.
 *
 * @param provider   the kind of provider, lower case: {@code openai}, {@code azure}, {@code ollama},
 *                   {@code local}, {@code custom} for a service that does not say, or {@code none}
 * @param baseUrl    where the provider is, or {@code null} (in-process models, services that do not say)
 * @param model      the model name, or {@code null} for {@code none}
 * @param dimensions the dimensions requested from the model, or {@code null} for its own
 * @param input      the template of the embedded text (see {@code EmbeddingInput}), or {@code null}
 *                   for the embedding instance's own
 */
public record EmbeddingProfile(String provider, String baseUrl, String model, Integer dimensions, String input) {
    private static final String NONE = "none";

    public EmbeddingProfile {
        Objects.requireNonNull(provider, "provider");
        provider = provider.strip().toLowerCase(Locale.ROOT);
        if (provider.isEmpty()) {
            throw new IllegalArgumentException("provider is empty");
        }
        if (provider.equals(NONE)) {
            baseUrl = null;
            model = null;
            dimensions = null;
            input = null;
        } else {
            Objects.requireNonNull(model, "model");
            if (model.isBlank()) {
                throw new IllegalArgumentException("model is blank");
            }
            baseUrl = withoutCredentials(baseUrl);
        }
        if (dimensions != null && dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be at least 1, not " + dimensions);
        }
    }

    /** A job that asked for no embeddings: its pairs stay pending until it is re-embedded. */
    public static EmbeddingProfile none() {
        return new EmbeddingProfile(NONE, null, null, null, null);
    }

    /** A profile of {@code provider} and {@code model}, nothing else said. */
    public static EmbeddingProfile of(String provider, String model) {
        return new EmbeddingProfile(provider, null, model, null, null);
    }

    /** Whether the job asked for no embeddings. */
    public boolean isNone() {
        return provider.equals(NONE);
    }

    /** This profile with the input template {@code template}. */
    public EmbeddingProfile withInput(String template) {
        return isNone() ? this : new EmbeddingProfile(provider, baseUrl, model, dimensions, template);
    }

    /**
     * Whether a provider of profile {@code other} gives the vectors this profile asks for: same
     * kind of provider, model and dimensions. The base URL says where to find it, not what it
     * computes (a proxy or a second deployment of one model gives the same vectors), and the input
     * template is applied by whoever embeds the job, so neither takes part.
     */
    public boolean sameVectorsAs(EmbeddingProfile other) {
        return other != null && !isNone() && !other.isNone() && provider.equals(other.provider) && model.equals(other.model)
                && Objects.equals(dimensions, other.dimensions);
    }

    /** For messages: for example {@code openai text-embedding-3-small (512 dimensions) at https://api.openai.com}. */
    public String describe() {
        if (isNone()) {
            return "no embeddings";
        }
        return provider + " " + model + (dimensions == null ? "" : " (" + dimensions + " dimensions)")
                + (baseUrl == null ? "" : " at " + baseUrl);
    }

    @Override
    public String toString() {
        return "EmbeddingProfile{" + describe() + (input == null ? "" : ", input " + input.replace("\n", "\\n")) + "}";
    }

    private static String withoutCredentials(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(url.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("baseUrl is not an absolute URL");
            }
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (java.net.URISyntaxException e) {
            // The text itself is not repeated: it may hold a credential.
            throw new IllegalArgumentException("baseUrl is not a valid URL", e);
        }
    }
}
