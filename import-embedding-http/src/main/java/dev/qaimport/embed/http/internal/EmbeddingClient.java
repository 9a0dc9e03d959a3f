package dev.qaimport.embed.http.internal;

import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.spi.EmbeddingException;
import dev.qaimport.spi.EmbeddingException.Kind;
import dev.qaimport.spi.EmbeddingRequestEvent;
import dev.qaimport.spi.EmbeddingRequestListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender of embedding requests, with everything a real provider needs: the concurrency cap, pacing
 * from rate-limit headers, a hard deadline, retries with backoff or the provider's
 * {@code retry-after}, classification of failures into {@link EmbeddingException.Kind}s, and
 * messages that name the provider URL and status but never the API key. Thread-safe.
 */
public final class EmbeddingClient {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingClient.class);
    // The JDK's request timeout stops at the response headers; this deadline also covers a body
    // that stalls. The grace lets the JDK's own, more specific timeout win when both apply.
    private static final long DEADLINE_GRACE_MILLIS = 250;

    /**
     * Everything the client needs.
     *
     * @param provider      the provider's name for messages ({@code OpenAI}, {@code Ollama}, …)
     * @param endpoint      the full URL requests go to
     * @param apiKey        the key, or null for none
     * @param apiKeyHeader  true to send the key as {@code api-key} (Azure), false as a bearer token
     * @param headers       extra request headers
     * @param wire          the JSON format
     * @param dimensions    the requested dimensions, or null
     * @param requestTimeout deadline for one attempt
     * @param maxRetries    retries after the first attempt
     * @param backoff       waits between retries when the provider gives none
     * @param maxRetryAfter longest wait the client accepts from the provider (retry-after, rate-limit reset)
     * @param limiter       the concurrency cap
     * @param pacer         the rate-limit pacer
     * @param clock         for HTTP dates in retry-after
     * @param sleeper       how the client waits between attempts and for the pacer (the pacer's time source too)
     * @param http          the HTTP client
     * @param profile       the service's profile, named in the events its listeners hear
     */
    public record Settings(String provider, URI endpoint, Secret apiKey, boolean apiKeyHeader, Map<String, String> headers,
                           Wire wire, Integer dimensions, Duration requestTimeout, int maxRetries, Backoff backoff,
                           Duration maxRetryAfter, AdaptiveLimiter limiter, RateLimitPacer pacer, Clock clock,
                           Sleeper sleeper, HttpClient http, EmbeddingProfile profile) {
    }

    private final Settings s;
    private final String where;
    private final AtomicInteger dimension = new AtomicInteger();

    /** A client with {@code settings}. */
    public EmbeddingClient(Settings settings) {
        this.s = settings;
        this.where = settings.provider() + " " + SafeUrl.of(settings.endpoint());
    }

    /** The provider and URL as shown in messages. */
    public String where() {
        return where;
    }

    /**
     * Embeds the inputs of {@code request} in one request (retried as needed): on its first
     * attempt the pacer decides how many of {@code inputs}, from {@code request.from()} on, it carries
     * ({@link RateLimitPacer.Request#end()}); the vectors returned are for those. {@code listener}
     * hears of every attempt and every wait for a rate limit.
     */
    public List<float[]> embed(List<String> inputs, RateLimitPacer.Request request, EmbeddingRequestListener listener) {
        byte[][] body = new byte[1][];
        for (int retry = 0; ; retry++) {
            Attempt a = attempt(inputs, request, body, listener);
            if (a.vectors != null) {
                return a.vectors;
            }
            if (!a.retryable) {
                LOG.debug("Embedding request to {} failed ({}): {}", where, a.kind, a.message);
                throw new EmbeddingException(a.kind, where + ": " + a.message, a.cause);
            }
            if (a.retryAfter != null && a.retryAfter.compareTo(s.maxRetryAfter()) > 0) {
                throw new EmbeddingException(Kind.TRANSIENT, where + ": " + a.message + "; the provider asks to wait "
                        + seconds(a.retryAfter) + ", longer than maxRetryAfter " + seconds(s.maxRetryAfter()), a.cause);
            }
            if (retry >= s.maxRetries()) {
                LOG.debug("Embedding request to {} failed after {} attempts: {}", where, retry + 1, a.message);
                throw new EmbeddingException(Kind.TRANSIENT, where + ": gave up after " + (retry + 1) + " attempts; last error: "
                        + a.message, a.cause);
            }
            Duration wait = a.retryAfter != null ? a.retryAfter : s.backoff().delay(retry);
            LOG.warn("Embedding request to {} failed: {}; retry {} of {} in {} ms", where, a.message, retry + 1,
                    s.maxRetries(), wait.toMillis());
            try {
                s.sleeper().sleep(wait.toNanos());
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
            if (a.throttled) {
                listener.onRateLimitWait(s.profile(), wait);
            }
        }
    }

    private Attempt attempt(List<String> inputs, RateLimitPacer.Request request, byte[][] body, EmbeddingRequestListener listener) {
        long ticket;
        try {
            ticket = s.limiter().acquire();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        AdaptiveLimiter.Signal signal = AdaptiveLimiter.Signal.NEUTRAL;
        RateLimitPacer.Reservation reserved = null;
        try {
            awaitPacer(request, listener);
            reserved = request.reservation();
            int count = request.end() - request.from();
            if (body[0] == null) {
                body[0] = s.wire().requestBody(inputs.subList(request.from(), request.end()));
            }
            LOG.debug("POST {} with {} inputs (~{} tokens)", where, count, request.estimated());
            HttpResponse<byte[]> response;
            long sent = s.sleeper().nanoTime();
            try {
                response = send(body[0]);
            } catch (HttpTimeoutException | TimeoutException e) {
                tell(listener, EmbeddingRequestEvent.Outcome.TIMEOUT, sent, count, request.estimated());
                return Attempt.retry("no response within " + s.requestTimeout().toMillis() + " ms (timeout)", null, e);
            } catch (IOException e) {
                tell(listener, EmbeddingRequestEvent.Outcome.ERROR, sent, count, request.estimated());
                return Attempt.retry("I/O error: " + describe(e), null, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status <= 299) {
                Attempt ok = success(response, count);
                s.pacer().answered(reserved, ok.tokens, response.headers());
                if (ok.vectors != null) {
                    signal = AdaptiveLimiter.Signal.SUCCESS;
                }
                tell(listener, ok.vectors != null ? EmbeddingRequestEvent.Outcome.OK : EmbeddingRequestEvent.Outcome.ERROR, sent, count,
                        ok.tokens >= 0 ? ok.tokens : request.estimated());
                return ok;
            }
            RateLimitMessage limit = RateLimitMessage.NONE;
            if (status == 429) {
                limit = RateLimitMessage.parse(response.body());
                s.pacer().refused(reserved, response.headers(), limit);
            } else {
                s.pacer().answered(reserved, -1, response.headers());
            }
            ProviderError error = ProviderError.parse(response.body());
            Classifier.Decision decision = Classifier.classify(status, error);
            String message = safe("HTTP " + status + (error.message().isEmpty() ? "" : ": " + error.message())
                    + " (" + decision.reason() + ")");
            Optional<Duration> retryAfter = Durations.retryAfter(response.headers(), s.clock());
            tell(listener, outcome(status, decision), sent, count, request.estimated());
            switch (decision.action()) {
                case THROTTLE:
                    signal = AdaptiveLimiter.Signal.THROTTLED;
                    retryAfter.filter(d -> d.compareTo(s.maxRetryAfter()) <= 0).ifPresent(s.pacer()::pauseFor);
                    // Not counted: the retry may carry fewer inputs, sized to what the provider now says it can take.
                    request.resize();
                    body[0] = null;
                    return Attempt.throttled(message, retryAfter.or(limit::tryAgain).orElse(null));
                case RETRY:
                    return Attempt.retry(message, retryAfter.orElse(null), null);
                default:
                    return Attempt.raise(decision.kind(), message);
            }
        } finally {
            // Whatever else happened (no answer, an exception), the request may have been counted.
            s.pacer().settle(reserved, -1);
            s.limiter().release(ticket, signal);
        }
    }

    private Attempt success(HttpResponse<byte[]> response, int count) {
        String type = response.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (type.contains("html")) {
            return Attempt.raise(Kind.FATAL, "HTTP " + response.statusCode()
                    + " with an HTML page instead of the embeddings API: check the base URL");
        }
        List<float[]> vectors;
        long tokens;
        try {
            Wire.Response parsed = s.wire().parse(response.body(), count);
            vectors = parsed.vectors();
            tokens = parsed.tokens();
        } catch (MalformedResponseException e) {
            String message = safe("malformed response to HTTP " + response.statusCode() + ": " + e.getMessage());
            if (e.parseable()) {
                return Attempt.raise(Kind.FATAL, message + " (is this the right URL for this provider type?)");
            }
            return Attempt.retry(message, null, null);
        }
        int dim = vectors.get(0).length;
        for (float[] v : vectors) {
            if (v.length != dim || dim == 0) {
                return Attempt.raise(Kind.FATAL, "malformed response: embeddings of different or zero dimensions ("
                        + dim + " and " + v.length + ") in one response");
            }
        }
        if (s.dimensions() != null && dim != s.dimensions()) {
            return Attempt.raise(Kind.FATAL, "malformed response: " + dim + "-dimensional embeddings although "
                    + s.dimensions() + " dimensions were requested (does the model support the dimensions option?)");
        }
        int earlier = dimension.compareAndExchange(0, dim);
        if (earlier != 0 && earlier != dim) {
            return Attempt.raise(Kind.FATAL, "malformed response: " + dim + "-dimensional embeddings after earlier "
                    + earlier + "-dimensional ones (did the model behind the URL change?)");
        }
        return Attempt.ok(vectors, tokens);
    }

    /** The outcome tag of an answer that is not a success. */
    private static EmbeddingRequestEvent.Outcome outcome(int status, Classifier.Decision decision) {
        if (status == 429) {
            return EmbeddingRequestEvent.Outcome.RATE_LIMITED;
        }
        if (status >= 500 && status <= 599) {
            return EmbeddingRequestEvent.Outcome.SERVER_ERROR;
        }
        if (status == 408) {
            return EmbeddingRequestEvent.Outcome.TIMEOUT;
        }
        return decision.kind() == Kind.INPUT_REJECTED ? EmbeddingRequestEvent.Outcome.REJECTED_INPUT : EmbeddingRequestEvent.Outcome.ERROR;
    }

    private void tell(EmbeddingRequestListener listener, EmbeddingRequestEvent.Outcome outcome, long sentNanos, int inputs, long tokens) {
        if (listener == EmbeddingRequestListener.NONE) {
            return;
        }
        Duration latency = Duration.ofNanos(Math.max(0, s.sleeper().nanoTime() - sentNanos));
        try {
            listener.onRequest(new EmbeddingRequestEvent(s.profile(), outcome, latency, inputs, tokens));
        } catch (RuntimeException e) {
            LOG.warn("an EmbeddingRequestListener threw; ignored", e);
        }
    }

    private void awaitPacer(RateLimitPacer.Request request, EmbeddingRequestListener listener) {
        long limit = s.maxRetryAfter().toNanos();
        while (true) {
            long wait = s.pacer().tryReserve(request);
            if (wait == 0) {
                return;
            }
            if (wait > limit) {
                throw new EmbeddingException(Kind.TRANSIENT, where + ": rate limit exhausted for the next "
                        + seconds(Duration.ofNanos(wait)) + ", longer than maxRetryAfter " + seconds(s.maxRetryAfter()));
            }
            LOG.debug("Pacing requests to {}: waiting {} ms for the rate limit", where, TimeUnit.NANOSECONDS.toMillis(wait));
            try {
                s.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
            listener.onRateLimitWait(s.profile(), Duration.ofNanos(wait));
        }
    }

    private HttpResponse<byte[]> send(byte[] body) throws IOException, TimeoutException {
        HttpRequest.Builder request = HttpRequest.newBuilder(s.endpoint())
                .timeout(s.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "qa-import")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if ("http".equalsIgnoreCase(s.endpoint().getScheme())) {
            // No h2c upgrade dance with plain-HTTP local servers.
            request.version(HttpClient.Version.HTTP_1_1);
        }
        s.headers().forEach(request::header);
        if (s.apiKey() != null) {
            if (s.apiKeyHeader()) {
                request.header("api-key", s.apiKey().reveal());
            } else {
                request.header("Authorization", "Bearer " + s.apiKey().reveal());
            }
        }
        CompletableFuture<HttpResponse<byte[]>> future = s.http().sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            return future.get(s.requestTimeout().toMillis() + DEADLINE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            throw new IOException(cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw interrupted(e);
        }
    }

    private EmbeddingException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new EmbeddingException(Kind.TRANSIENT, where + ": interrupted", e);
    }

    private String describe(IOException e) {
        String message = e.getMessage();
        String name = e.getClass().getSimpleName();
        return safe(message == null || message.isBlank() ? name : name + ": " + message);
    }

    private String safe(String text) {
        return Secret.redact(text, s.apiKey());
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** The result of one attempt: vectors, or a failure that is retried or raised. */
    private static final class Attempt {
        final List<float[]> vectors;
        final boolean retryable;
        final Kind kind;
        final String message;
        final Duration retryAfter;
        final Throwable cause;
        final long tokens;
        /** Whether the provider refused for its rate limit: the wait before the retry is a rate-limit wait. */
        final boolean throttled;

        private Attempt(List<float[]> vectors, boolean retryable, Kind kind, String message, Duration retryAfter, Throwable cause,
                        long tokens, boolean throttled) {
            this.tokens = tokens;
            this.throttled = throttled;
            this.vectors = vectors;
            this.retryable = retryable;
            this.kind = kind;
            this.message = message;
            this.retryAfter = retryAfter;
            this.cause = cause;
        }

        static Attempt ok(List<float[]> vectors, long tokens) {
            return new Attempt(vectors, false, null, null, null, null, tokens, false);
        }

        static Attempt retry(String message, Duration retryAfter, Throwable cause) {
            return new Attempt(null, true, Kind.TRANSIENT, message, retryAfter, cause, -1, false);
        }

        static Attempt throttled(String message, Duration retryAfter) {
            return new Attempt(null, true, Kind.TRANSIENT, message, retryAfter, null, -1, true);
        }

        static Attempt raise(Kind kind, String message) {
            return new Attempt(null, false, kind, message, null, null, -1, false);
        }
    }
}
