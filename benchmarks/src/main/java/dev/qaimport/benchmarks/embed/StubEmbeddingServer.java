package dev.qaimport.benchmarks.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local embedding provider speaking OpenAI's {@code POST /v1/embeddings}: {@code input} as a
 * string or an array of strings, {@code encoding_format} {@code float} (default) or
 * {@code base64} (little-endian float32), optional {@code dimensions}. Every request waits a
 * fixed latency before it is answered; a request with more inputs than the cap gets a 400 as a
 * real provider's would. Vectors are deterministic (chosen by the text's hash from a fixed,
 * seeded pool of unit vectors, pre-encoded so that the stub spends almost no CPU). It counts
 * requests, inputs and the most requests ever in flight. Thread-safe; {@link #close()} stops it.
 */
public final class StubEmbeddingServer implements AutoCloseable {
    /** Dimensions when the request names none (text-embedding-3-small's). */
    public static final int DEFAULT_DIMENSIONS = 1536;

    private static final int POOL = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Duration latency;
    private final int maxInputs;
    private final Map<Integer, Encoded> pools = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong inputs = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger largestRequest = new AtomicInteger();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong largestTokens = new AtomicLong();
    private final TokenWindow limit;

    private StubEmbeddingServer(int port, Duration latency, int maxInputs, TokenWindow limit) throws IOException {
        if (maxInputs < 1) {
            throw new IllegalArgumentException("maxInputs < 1: " + maxInputs);
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency < 0: " + latency);
        }
        this.latency = latency;
        this.maxInputs = maxInputs;
        this.limit = limit;
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "stub-embeddings-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.setExecutor(executor);
        server.createContext("/v1/embeddings", this::handle);
        server.createContext("/embeddings", this::handle);
        server.start();
    }

    /** Starts a stub on 127.0.0.1:{@code port} (0 = any free port). */
    public static StubEmbeddingServer start(int port, Duration latency, int maxInputs) throws IOException {
        return new StubEmbeddingServer(port, latency, maxInputs, null);
    }

    /**
     * A stub that also enforces {@code limit}: a request that would exceed it is answered at once with
     * a 429 as OpenAI words it (its {@code x-ratelimit-*-tokens} headers, and "Limit …, Used …, Requested ….
     * Please try again in …" in the body, no {@code retry-after}); every answer carries those headers.
     */
    public static StubEmbeddingServer start(int port, Duration latency, int maxInputs, TokenWindow limit) throws IOException {
        return new StubEmbeddingServer(port, latency, maxInputs, limit);
    }

    /** The base URL to configure clients with, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The fixed latency of each request. */
    public Duration latency() {
        return latency;
    }

    /** The most inputs one request may carry. */
    public int maxInputs() {
        return maxInputs;
    }

    /** What the stub has seen so far. */
    public Stats stats() {
        return new Stats(requests.get(), inputs.get(), rejected.get(), maxInFlight.get(), largestRequest.get(), rateLimited.get(),
                tokens.get(), largestTokens.get());
    }

    /** Forgets what it has seen (between contenders). */
    public void resetStats() {
        requests.set(0);
        inputs.set(0);
        rejected.set(0);
        maxInFlight.set(0);
        largestRequest.set(0);
        rateLimited.set(0);
        tokens.set(0);
        largestTokens.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What the stub has seen.
     *
     * @param requests       embedding requests answered with 200
     * @param inputs         inputs embedded
     * @param rejected       requests refused (over the cap or malformed)
     * @param maxInFlight    the most requests in flight at once
     * @param largestRequest the most inputs in one request
     * @param rateLimited    requests answered 429 by the token limit
     * @param tokens         tokens of the requests answered with 200, as the stub counts them
     * @param largestTokens  the most tokens in one request answered with 200
     */
    public record Stats(long requests, long inputs, long rejected, int maxInFlight, int largestRequest, long rateLimited, long tokens,
                        long largestTokens) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, error("only POST is supported", "invalid_request_error"));
                return;
            }
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                body = JSON.readTree(in);
            } catch (IOException e) {
                rejected.incrementAndGet();
                reply(exchange, 400, error("malformed JSON body", "invalid_request_error"));
                return;
            }
            List<String> texts = texts(body == null ? null : body.get("input"));
            if (texts == null || texts.isEmpty()) {
                rejected.incrementAndGet();
                reply(exchange, 400, error("'input' must be a non-empty string or array of strings", "invalid_request_error"));
                return;
            }
            if (texts.size() > maxInputs) {
                rejected.incrementAndGet();
                reply(exchange, 400, error("too many inputs: " + texts.size() + " > " + maxInputs, "invalid_request_error"));
                return;
            }
            int dimensions = body.path("dimensions").asInt(DEFAULT_DIMENSIONS);
            if (dimensions < 1 || dimensions > 8192) {
                rejected.incrementAndGet();
                reply(exchange, 400, error("dimensions out of range: " + dimensions, "invalid_request_error"));
                return;
            }
            long cost = texts.stream().mapToLong(TokenWindow::tokensOf).sum();
            if (limit != null && !admit(exchange, cost)) {
                return;
            }
            boolean base64 = "base64".equals(body.path("encoding_format").asText("float"));
            String model = body.path("model").asText("stub-embedding");
            List<byte[]> response = response(texts, dimensions, base64, model);
            long wait = latency.toNanos() - (System.nanoTime() - started);
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            requests.incrementAndGet();
            tokens.addAndGet(cost);
            largestTokens.accumulateAndGet(cost, Math::max);
            inputs.addAndGet(texts.size());
            largestRequest.accumulateAndGet(texts.size(), Math::max);
            reply(exchange, 200, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Counts {@code cost} against the limit and sets its headers; answers the 429 itself and returns false if it does not fit. */
    private boolean admit(HttpExchange exchange, long cost) throws IOException {
        TokenWindow.Decision d = limit.admit(cost, System.nanoTime());
        exchange.getResponseHeaders().set("x-ratelimit-limit-tokens", Long.toString(limit.limit()));
        exchange.getResponseHeaders().set("x-ratelimit-remaining-tokens", Long.toString(Math.max(0, d.remaining())));
        exchange.getResponseHeaders().set("x-ratelimit-reset-tokens", TokenWindow.goDuration(d.reset()));
        if (d.admitted()) {
            return true;
        }
        rateLimited.incrementAndGet();
        reply(exchange, 429, error("Rate limit reached for text-embedding-3-small in organization org-stub on tokens per min (TPM): "
                + "Limit " + limit.limit() + ", Used " + d.used() + ", Requested " + cost + ". Please try again in "
                + TokenWindow.goDuration(d.tryAgain()) + ". Visit https://platform.openai.com/account/rate-limits to learn more.",
                "tokens", "rate_limit_exceeded"));
        return false;
    }

    private static List<String> texts(JsonNode input) {
        if (input == null) {
            return null;
        }
        if (input.isTextual()) {
            return List.of(input.asText());
        }
        if (!input.isArray()) {
            return null;
        }
        List<String> texts = new ArrayList<>(input.size());
        for (JsonNode item : input) {
            if (!item.isTextual()) {
                return null;
            }
            texts.add(item.asText());
        }
        return texts;
    }

    /** The response as pieces that share the pre-encoded vectors, so that a large response costs no copying. */
    private List<byte[]> response(List<String> texts, int dimensions, boolean base64, String model) {
        Encoded pool = pools.computeIfAbsent(dimensions, Encoded::new);
        List<byte[]> pieces = new ArrayList<>(texts.size() * 2 + 2);
        pieces.add(ascii("{\"object\":\"list\",\"data\":["));
        long tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            tokens += TokenWindow.tokensOf(text);
            int vector = Math.floorMod(text.hashCode(), POOL);
            pieces.add(ascii((i > 0 ? "}," : "") + "{\"object\":\"embedding\",\"index\":" + i + ",\"embedding\":"));
            pieces.add(base64 ? pool.base64[vector] : pool.floats[vector]);
        }
        pieces.add(("}],\"model\":" + JSON.getNodeFactory().textNode(model) + ",\"usage\":{\"prompt_tokens\":" + tokens
                + ",\"total_tokens\":" + tokens + "}}").getBytes(StandardCharsets.UTF_8));
        return pieces;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] error(String message, String type) {
        return error(message, type, null);
    }

    private static byte[] error(String message, String type, String code) {
        return ("{\"error\":{\"message\":" + JSON.getNodeFactory().textNode(message) + ",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}").getBytes(StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        reply(exchange, status, List.of(body));
    }

    private static void reply(HttpExchange exchange, int status, List<byte[]> body) throws IOException {
        long length = 0;
        for (byte[] piece : body) {
            length += piece.length;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, length);
        try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
            for (byte[] piece : body) {
                out.write(piece);
            }
        }
    }

    /** The seeded unit vectors of one dimension count, pre-encoded both ways. */
    private static final class Encoded {
        final byte[][] floats = new byte[POOL][];
        final byte[][] base64 = new byte[POOL][];

        Encoded(int dimensions) {
            SplittableRandom random = new SplittableRandom(dimensions * 7919L);
            for (int v = 0; v < POOL; v++) {
                float[] vector = vector(random, dimensions);
                StringBuilder text = new StringBuilder(dimensions * 12).append('[');
                ByteBuffer bytes = ByteBuffer.allocate(dimensions * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int d = 0; d < dimensions; d++) {
                    if (d > 0) {
                        text.append(',');
                    }
                    text.append(vector[d]);
                    bytes.putFloat(vector[d]);
                }
                floats[v] = ascii(text.append(']').toString());
                base64[v] = ascii('"' + Base64.getEncoder().encodeToString(bytes.array()) + '"');
            }
        }

        private static float[] vector(SplittableRandom random, int dimensions) {
            float[] vector = new float[dimensions];
            double norm = 0;
            for (int d = 0; d < dimensions; d++) {
                vector[d] = (float) (random.nextDouble() * 2 - 1);
                norm += vector[d] * vector[d];
            }
            float scale = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < dimensions; d++) {
                vector[d] *= scale;
            }
            return vector;
        }
    }

    /** The vector the stub returns for {@code text} at {@code dimensions}, for tests that check decoding. */
    public static float[] expectedVector(String text, int dimensions) {
        SplittableRandom random = new SplittableRandom(dimensions * 7919L);
        int wanted = Math.floorMod(text.hashCode(), POOL);
        float[] vector = null;
        for (int v = 0; v <= wanted; v++) {
            vector = Encoded.vector(random, dimensions);
        }
        return vector;
    }
}
