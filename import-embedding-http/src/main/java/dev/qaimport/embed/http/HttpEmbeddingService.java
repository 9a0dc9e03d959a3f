package dev.qaimport.embed.http;

import static dev.qaimport.embed.http.internal.BuilderArgs.append;
import static dev.qaimport.embed.http.internal.BuilderArgs.parseUrl;
import static dev.qaimport.embed.http.internal.BuilderArgs.requirePositive;
import static dev.qaimport.embed.http.internal.BuilderArgs.requireText;

import dev.qaimport.embed.http.internal.AdaptiveLimiter;
import dev.qaimport.embed.http.internal.Backoff;
import dev.qaimport.embed.http.internal.EmbeddingClient;
import dev.qaimport.embed.http.internal.RateLimitPacer;
import dev.qaimport.embed.http.internal.SafeUrl;
import dev.qaimport.embed.http.internal.Secret;
import dev.qaimport.embed.http.internal.Sleeper;
import dev.qaimport.embed.http.internal.Truncation;
import dev.qaimport.embed.http.internal.Wire;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.spi.EmbeddingRequestListener;
import dev.qaimport.spi.EmbeddingService;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EmbeddingService} that calls a real provider over HTTP: OpenAI or an
 * OpenAI-compatible server ({@link #openAi()}), Azure OpenAI ({@link #azureOpenAi()}) or Ollama
 * ({@link #ollama()}).
 *
 * <p>A call to {@link #embed} never sends more than the configured {@link #limits()}: larger
 * calls are split into consecutive requests, and an input longer than the per-input limit is
 * shortened (unless {@code truncateLongInputs(false)}). Requests are retried with exponential
 * backoff and full jitter on 408, 409, 429, 5xx, timeouts and I/O errors, honour
 * {@code retry-after(-ms)}, pace themselves from {@code x-ratelimit-*} headers, and never exceed
 * an adaptive cap on requests in flight that halves on 429 and grows back on success. Failures
 * are {@link dev.qaimport.spi.EmbeddingException}s classified for the embedding stage; their
 * messages name the provider URL and HTTP status, never the API key. See
 * {@code docs/EMBEDDINGS-HTTP.md}.
 *
 * <pre>{@code
 * EmbeddingService openAi = HttpEmbeddingService.openAi()
 *         .apiKey(System.getenv("OPENAI_API_KEY"))
 *         .model("text-embedding-3-small")
 *         .dimensions(512)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe: one instance serves every thread of the embedding stage, and its
 * concurrency cap and rate-limit pacing are shared by all of them.
 */
public final class HttpEmbeddingService implements EmbeddingService {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEmbeddingService.class);

    private final String modelId;
    private final EmbeddingProfile profile;
    private final String description;
    private final EmbeddingLimits limits;
    private final boolean truncateLongInputs;
    private final EmbeddingClient client;

    private HttpEmbeddingService(Builder<?> b, String provider, URI endpoint, String model, Wire wire, boolean apiKeyHeader,
            String kind, URI base) {
        this.modelId = b.dimensions == null ? model : model + "@" + b.dimensions;
        this.profile = new EmbeddingProfile(kind, base.toString(), model, b.dimensions, null);
        this.limits = b.limits;
        this.truncateLongInputs = b.truncateLongInputs;
        HttpClient http = b.httpClient != null ? b.httpClient
                : HttpClient.newBuilder().connectTimeout(b.connectTimeout).build();
        this.client = new EmbeddingClient(new EmbeddingClient.Settings(provider, endpoint, b.apiKey, apiKeyHeader,
                Map.copyOf(b.headers), wire, b.dimensions, b.requestTimeout, b.maxRetries,
                new Backoff(b.initialBackoff, b.maxBackoff), b.maxRetryAfter,
                new AdaptiveLimiter(b.limits.maxConcurrency()), new RateLimitPacer(b.sleeper::nanoTime, b.tokensPerMinute, b.requestsPerMinute), b.clock, b.sleeper, http,
                profile));
        this.description = client.where() + " model " + modelId;
    }

    /** A builder for OpenAI or an OpenAI-compatible server (vLLM, text-embeddings-inference, LocalAI, …). */
    public static OpenAiBuilder openAi() {
        return new OpenAiBuilder();
    }

    /** A builder for an Azure OpenAI deployment. */
    public static AzureOpenAiBuilder azureOpenAi() {
        return new AzureOpenAiBuilder();
    }

    /** A builder for Ollama's {@code /api/embed}. */
    public static OllamaBuilder ollama() {
        return new OllamaBuilder();
    }

    /** The model name, plus {@code @dimensions} when dimensions were requested ({@code text-embedding-3-small@256}). */
    @Override
    public String modelId() {
        return modelId;
    }

    /**
     * {@code openai} (also for OpenAI-compatible servers), {@code azure} or {@code ollama}, the base
     * URL as configured (without credentials), the model and the requested dimensions.
     */
    @Override
    public EmbeddingProfile profile() {
        return profile;
    }

    @Override
    public EmbeddingLimits limits() {
        return limits;
    }

    /** Packs {@code inputs} into requests within {@link #limits()}, estimating each input's tokens once. */
    @Override
    public List<float[]> embed(List<String> inputs) {
        return embed(inputs, EmbeddingRequestListener.NONE);
    }

    /**
     * As {@link #embed(List)}, telling {@code listener} of every attempt of every request (outcome,
     * latency, inputs, tokens) and of every wait for a rate limit: pacing, and the wait a 429 asked for.
     */
    @Override
    public List<float[]> embed(List<String> inputs, EmbeddingRequestListener listener) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(listener, "listener");
        int n = inputs.size();
        if (n == 0) {
            return List.of();
        }
        String[] texts = new String[n];
        int[] tokens = new int[n];
        for (int i = 0; i < n; i++) {
            String text = inputs.get(i);
            if (text == null) {
                throw new IllegalArgumentException("inputs[" + i + "] is null");
            }
            int estimate = estimateTokens(text);
            if (truncateLongInputs && estimate > limits.maxTokensPerInput()) {
                text = Truncation.shorten(text, limits.maxTokensPerInput(), this::estimateTokens);
                LOG.debug("inputs[{}]: ~{} tokens, over the limit of {}; shortened from {} to {} characters",
                        i, estimate, limits.maxTokensPerInput(), inputs.get(i).length(), text.length());
                estimate = estimateTokens(text);
            }
            texts[i] = text;
            tokens[i] = estimate;
        }
        List<String> all = Arrays.asList(texts);
        float[][] vectors = new float[n][];
        int from = 0;
        while (from < n) {
            // The pacer sizes each request to what the provider's window can take (within the limits), so requests
            // are cut one at a time, not all up front.
            RateLimitPacer.Request request = new RateLimitPacer.Request(tokens, from, limits.maxInputsPerRequest(),
                    limits.maxTokensPerRequest());
            List<float[]> part = client.embed(all, request, listener);
            for (int i = from; i < request.end(); i++) {
                vectors[i] = part.get(i - from);
            }
            from = request.end();
        }
        return List.of(vectors);
    }

    /** The provider, its URL (without credentials) and the model; never the API key. */
    @Override
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return "HttpEmbeddingService[" + description + "]";
    }

    /**
     * Settings shared by every provider. Builders are mutable and not thread-safe; what they
     * build is immutable.
     *
     * @param <B> the concrete builder
     */
    public abstract static class Builder<B extends Builder<B>> {
        private static final Pattern RESERVED_HEADERS = Pattern.compile("(?i)authorization|api-key|content-type|accept|user-agent");

        Secret apiKey;
        String model;
        Integer dimensions;
        EmbeddingLimits limits;
        Duration connectTimeout = Duration.ofSeconds(10);
        Duration requestTimeout = Duration.ofSeconds(60);
        int maxRetries = 5;
        Duration initialBackoff = Duration.ofMillis(500);
        Duration maxBackoff = Duration.ofSeconds(30);
        Duration maxRetryAfter = Duration.ofSeconds(60);
        boolean truncateLongInputs = true;
        final Map<String, String> headers = new LinkedHashMap<>();
        HttpClient httpClient;
        Clock clock = Clock.systemUTC();
        Sleeper sleeper = Sleeper.SYSTEM;
        long tokensPerMinute;
        int requestsPerMinute;

        Builder(EmbeddingLimits limits) {
            this.limits = limits;
        }

        abstract B self();

        /** Builds the service; fails with the name of any missing part. */
        public abstract HttpEmbeddingService build();

        /** The API key; held so that it never appears in {@code toString()}, logs or messages. */
        public B apiKey(String apiKey) {
            this.apiKey = Secret.of(apiKey);
            return self();
        }

        /** The model name, sent with every request and part of {@link #modelId()}. */
        public B model(String model) {
            this.model = requireText(model, "model");
            return self();
        }

        /** Dimensions to request (models that can shorten their vectors, such as {@code text-embedding-3-*}). */
        public B dimensions(int dimensions) {
            if (dimensions < 1) {
                throw new IllegalArgumentException("dimensions < 1: " + dimensions);
            }
            this.dimensions = dimensions;
            return self();
        }

        /** Replaces the provider's limit profile (see {@link ProviderLimits}). */
        public B limits(EmbeddingLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return self();
        }

        /** Requests in flight at once (default 4); the cap adapts below this on 429s. */
        public B maxConcurrency(int maxConcurrency) {
            if (maxConcurrency < 1) {
                throw new IllegalArgumentException("maxConcurrency < 1: " + maxConcurrency);
            }
            this.limits = new EmbeddingLimits(limits.maxInputsPerRequest(), limits.maxTokensPerRequest(),
                    limits.maxTokensPerInput(), maxConcurrency);
            return self();
        }

        /**
         * A budget of tokens per minute (sliding window), for providers that send no rate-limit
         * headers or to share a quota with other clients; estimated tokens are paced to it. When the
         * provider also sends {@code x-ratelimit-*} headers, the tighter of the two wins. Default: none.
         */
        public B tokensPerMinute(long tokensPerMinute) {
            if (tokensPerMinute < 1) {
                throw new IllegalArgumentException("tokensPerMinute < 1: " + tokensPerMinute);
            }
            this.tokensPerMinute = tokensPerMinute;
            return self();
        }

        /** A budget of requests per minute (sliding window), as {@link #tokensPerMinute}. Default: none. */
        public B requestsPerMinute(int requestsPerMinute) {
            if (requestsPerMinute < 1) {
                throw new IllegalArgumentException("requestsPerMinute < 1: " + requestsPerMinute);
            }
            this.requestsPerMinute = requestsPerMinute;
            return self();
        }

        /** How long to wait for a connection (default 10 s). */
        public B connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
            return self();
        }

        /** Deadline for one attempt of one request, response body included (default 60 s, Ollama 120 s). */
        public B requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requirePositive(requestTimeout, "requestTimeout");
            return self();
        }

        /** Retries after the first attempt of a request (default 5); 0 disables retries. */
        public B maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries < 0: " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return self();
        }

        /** The ceiling of the first retry's random wait; it doubles per retry (default 500 ms). */
        public B initialBackoff(Duration initialBackoff) {
            this.initialBackoff = requirePositive(initialBackoff, "initialBackoff");
            return self();
        }

        /** The highest ceiling of a retry's random wait (default 30 s). */
        public B maxBackoff(Duration maxBackoff) {
            this.maxBackoff = requirePositive(maxBackoff, "maxBackoff");
            return self();
        }

        /**
         * The longest wait accepted from the provider, by {@code retry-after} or a rate-limit reset
         * (default 60 s); a longer one fails the call at once as transient, leaving the pairs pending.
         */
        public B maxRetryAfter(Duration maxRetryAfter) {
            Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
            if (maxRetryAfter.isNegative()) {
                throw new IllegalArgumentException("maxRetryAfter is negative: " + maxRetryAfter);
            }
            this.maxRetryAfter = maxRetryAfter;
            return self();
        }

        /**
         * Whether an input whose estimated tokens exceed the per-input limit is shortened to fit
         * (default) or sent as it is, for the provider to accept or reject.
         */
        public B truncateLongInputs(boolean truncate) {
            this.truncateLongInputs = truncate;
            return self();
        }

        /** An extra request header, such as {@code OpenAI-Project}; credentials go through {@link #apiKey}. */
        public B header(String name, String value) {
            requireText(name, "header name");
            Objects.requireNonNull(value, "header value");
            if (RESERVED_HEADERS.matcher(name).matches()) {
                throw new IllegalArgumentException("header " + name + " is set by the client; use apiKey(...) for credentials");
            }
            headers.put(name, value);
            return self();
        }

        /** The HTTP client to use (proxy, TLS); its own connect timeout then applies. */
        public B httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return self();
        }

        /** The clock against which HTTP dates in {@code retry-after} are measured. */
        public B clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return self();
        }

        /**
         * How the client waits and the time its pacer measures (default the system's). Package-private,
         * not API: tests in this package pass one that records the waits asked for and returns at once.
         */
        B sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return self();
        }

        void checkCommon() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff < initialBackoff: " + maxBackoff + " < " + initialBackoff);
            }
        }
    }

    /**
     * Builds a service for OpenAI ({@code https://api.openai.com/v1}, the default) or any server
     * that speaks its {@code POST {baseUrl}/embeddings}. The base URL includes the API version
     * path, as in OpenAI's own SDKs ({@code http://localhost:8000/v1} for vLLM); a URL with no
     * path at all gets {@code /v1}. Defaults: {@link ProviderLimits#OPENAI}, base64 vectors.
     */
    public static final class OpenAiBuilder extends Builder<OpenAiBuilder> {
        private static final String OPENAI_URL = "https://api.openai.com/v1";

        private String baseUrl = OPENAI_URL;
        private EncodingFormat encodingFormat = EncodingFormat.BASE64;

        private OpenAiBuilder() {
            super(ProviderLimits.OPENAI);
        }

        @Override
        OpenAiBuilder self() {
            return this;
        }

        /** The API's base URL including its version path (default {@code https://api.openai.com/v1}). */
        public OpenAiBuilder baseUrl(String baseUrl) {
            parseUrl(baseUrl, "baseUrl");
            this.baseUrl = baseUrl.strip();
            return this;
        }

        /** How vectors come back (default {@link EncodingFormat#BASE64}). */
        public OpenAiBuilder encodingFormat(EncodingFormat encodingFormat) {
            this.encodingFormat = Objects.requireNonNull(encodingFormat, "encodingFormat");
            return this;
        }

        @Override
        public HttpEmbeddingService build() {
            checkCommon();
            if (model == null) {
                throw new IllegalStateException("model is required (for example text-embedding-3-small)");
            }
            URI base = parseUrl(baseUrl, "baseUrl");
            if (base.getRawPath() == null || base.getRawPath().replace("/", "").isEmpty()) {
                base = append(base, "/v1", null);
            }
            if (apiKey == null && "api.openai.com".equalsIgnoreCase(base.getHost())) {
                throw new IllegalStateException("apiKey is required for " + SafeUrl.of(base));
            }
            URI endpoint = append(base, "/embeddings", null);
            String provider = "api.openai.com".equalsIgnoreCase(base.getHost()) ? "OpenAI" : "OpenAI-compatible";
            return new HttpEmbeddingService(this, provider, endpoint, model,
                    Wire.openAi(model, dimensions, encodingFormat == EncodingFormat.BASE64), false, "openai", parseUrl(baseUrl, "baseUrl"));
        }
    }

    /**
     * Builds a service for an Azure OpenAI deployment:
     * {@code POST {endpoint}/openai/deployments/{deployment}/embeddings?api-version=…} with the key
     * in an {@code api-key} header. The model name defaults to the deployment name; set it to the
     * model the deployment serves so that stored vectors are recognised across deployments.
     * Defaults: {@link ProviderLimits#AZURE_OPENAI}, API version {@value #DEFAULT_API_VERSION},
     * base64 vectors.
     */
    public static final class AzureOpenAiBuilder extends Builder<AzureOpenAiBuilder> {
        /** The API version used unless another is set. */
        public static final String DEFAULT_API_VERSION = "2024-10-21";
        private static final Pattern DEPLOYMENT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

        private String endpoint;
        private String deployment;
        private String apiVersion = DEFAULT_API_VERSION;
        private EncodingFormat encodingFormat = EncodingFormat.BASE64;

        private AzureOpenAiBuilder() {
            super(ProviderLimits.AZURE_OPENAI);
        }

        @Override
        AzureOpenAiBuilder self() {
            return this;
        }

        /** The resource endpoint, such as {@code https://my-resource.openai.azure.com}. */
        public AzureOpenAiBuilder endpoint(String endpoint) {
            parseUrl(endpoint, "endpoint");
            this.endpoint = endpoint.strip();
            return this;
        }

        /** The deployment name. */
        public AzureOpenAiBuilder deployment(String deployment) {
            requireText(deployment, "deployment");
            if (!DEPLOYMENT.matcher(deployment.strip()).matches()) {
                throw new IllegalArgumentException("deployment must be 1-64 letters, digits, '.', '_' or '-': " + deployment);
            }
            this.deployment = deployment.strip();
            return this;
        }

        /** The {@code api-version} query parameter (default {@value #DEFAULT_API_VERSION}). */
        public AzureOpenAiBuilder apiVersion(String apiVersion) {
            this.apiVersion = requireText(apiVersion, "apiVersion");
            return this;
        }

        /** How vectors come back (default {@link EncodingFormat#BASE64}). */
        public AzureOpenAiBuilder encodingFormat(EncodingFormat encodingFormat) {
            this.encodingFormat = Objects.requireNonNull(encodingFormat, "encodingFormat");
            return this;
        }

        @Override
        public HttpEmbeddingService build() {
            checkCommon();
            if (endpoint == null) {
                throw new IllegalStateException("endpoint is required (for example https://my-resource.openai.azure.com)");
            }
            if (deployment == null) {
                throw new IllegalStateException("deployment is required");
            }
            if (apiKey == null) {
                throw new IllegalStateException("apiKey is required for Azure OpenAI");
            }
            URI base = parseUrl(endpoint, "endpoint");
            URI url = append(base, "/openai/deployments/" + deployment + "/embeddings",
                    "api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8));
            String name = model != null ? model : deployment;
            return new HttpEmbeddingService(this, "Azure OpenAI", url, name,
                    Wire.openAi(null, dimensions, encodingFormat == EncodingFormat.BASE64), true, "azure", base);
        }
    }

    /**
     * Builds a service for Ollama's {@code POST {baseUrl}/api/embed} (default base URL
     * {@code http://localhost:11434}). Ollama needs no key; one set with {@code apiKey} is sent as
     * a bearer token (for a proxy in front of it). Defaults: {@link ProviderLimits#OLLAMA}, request
     * timeout 120 s.
     */
    public static final class OllamaBuilder extends Builder<OllamaBuilder> {
        private String baseUrl = "http://localhost:11434";

        private OllamaBuilder() {
            super(ProviderLimits.OLLAMA);
            requestTimeout = Duration.ofSeconds(120);
        }

        @Override
        OllamaBuilder self() {
            return this;
        }

        /** Ollama's base URL (default {@code http://localhost:11434}). */
        public OllamaBuilder baseUrl(String baseUrl) {
            parseUrl(baseUrl, "baseUrl");
            this.baseUrl = baseUrl.strip();
            return this;
        }

        @Override
        public HttpEmbeddingService build() {
            checkCommon();
            if (model == null) {
                throw new IllegalStateException("model is required (for example nomic-embed-text)");
            }
            URI base = parseUrl(baseUrl, "baseUrl");
            URI endpoint = append(base, "/api/embed", null);
            return new HttpEmbeddingService(this, "Ollama", endpoint, model, Wire.ollama(model, dimensions), false, "ollama", base);
        }
    }
}
