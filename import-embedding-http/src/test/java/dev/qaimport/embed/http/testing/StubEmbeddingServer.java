package dev.qaimport.embed.http.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local embedding provider on the JDK's {@link HttpServer} that speaks OpenAI's
 * {@code POST /v1/embeddings} (any path ending in {@code /embeddings}, so Azure deployment URLs
 * too) and Ollama's {@code POST /api/embed}.
 *
 * <p>Its normal answer is one deterministic vector per input, derived from a hash of the text
 * ({@link #vectorFor}), base64 or floats as requested, honouring {@code dimensions}. It can add
 * latency, cap inputs per request (400 above the cap), require an API key (401 echoing the key
 * it got, as real providers partly do), reject inputs containing a marker (400 "maximum context
 * length"), and inject failures at random with a fixed seed: 429 (with {@code retry-after-ms}),
 * 503, hangs and garbled bodies. Tests can also queue scripted {@link Reply}s, answered in order
 * before the normal behaviour resumes, play an outage (one reply to every request until it
 * ends), and inspect every request: bodies, headers, arrival times and how many were in flight
 * (from its arrival until its answer starts: never more than the client has in flight). So that
 * tests need not sleep, it can hold answers until the test releases them ({@link #holdFrom}) or
 * until enough requests are in flight at once ({@link #rendezvous}), and a test can wait for
 * requests to arrive ({@link #awaitRequests}). Thread-safe; close it to release hung and held
 * requests.
 *
 * <pre>{@code
 * try (StubEmbeddingServer stub = StubEmbeddingServer.builder().latency(Duration.ofMillis(50)).maxInputsPerRequest(100).start()) {
 *     EmbeddingService service = HttpEmbeddingService.openAi().baseUrl(stub.baseUrl()).model("stub").build();
 *     ...
 * }
 * }</pre>
 */
public final class StubEmbeddingServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HANG_LIMIT = Duration.ofSeconds(120);
    /** How long a held request or a test waiting for requests waits at most: a guard against a hang, never a measurement. */
    private static final Duration GUARD = Duration.ofSeconds(60);

    static {
        // The JDK server writes a response's headers and body separately; without TCP_NODELAY,
        // Nagle's algorithm and the client's delayed ACK add ~40 ms to every response on loopback,
        // which would halve a benchmark's throughput. Read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Builder config;
    private final Random random;
    private final Deque<Reply> script = new ArrayDeque<>();
    private volatile Reply outage;
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger hanging = new AtomicInteger();
    private volatile int holdFrom = Integer.MAX_VALUE;
    private volatile CountDownLatch held = new CountDownLatch(0);
    private volatile int rendezvousAt;
    private volatile CountDownLatch together = new CountDownLatch(0);

    private StubEmbeddingServer(Builder config) throws IOException {
        this.config = config;
        this.random = new Random(config.seed);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-embedding-server-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server with the defaults: no latency, no cap, 16 dimensions, no failures. */
    public static StubEmbeddingServer start() {
        return builder().start();
    }

    /** A builder for a server. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:PORT/v1}, the base URL for an OpenAI-compatible client. */
    public String baseUrl() {
        return rootUrl() + "/v1";
    }

    /** {@code http://127.0.0.1:PORT}, the base URL for Ollama or an Azure endpoint. */
    public String rootUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** Queues replies answered, in order, to the next requests before the normal behaviour resumes. */
    public StubEmbeddingServer enqueue(Reply... replies) {
        synchronized (script) {
            script.addAll(List.of(replies));
        }
        return this;
    }

    /**
     * Answers every request with {@code reply} (after the queued replies) until {@link #endOutage()}:
     * a provider that stays down however often it is retried, or that hangs every request.
     */
    public StubEmbeddingServer startOutage(Reply reply) {
        this.outage = Objects.requireNonNull(reply, "reply");
        return this;
    }

    /** Ends an outage: requests get the normal behaviour again (requests already hanging keep hanging). */
    public StubEmbeddingServer endOutage() {
        this.outage = null;
        return this;
    }

    /** Every request so far, in arrival order (a copy). */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** How many requests arrived. */
    public int requestCount() {
        return requests.size();
    }

    /** The most requests that were being handled at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /**
     * From the {@code n}-th request to arrive on (1-based, counting every request since the
     * server started), answers wait until {@link #release()} (or {@link #close()}); the requests
     * stay in flight meanwhile. Earlier requests are answered as usual.
     */
    public StubEmbeddingServer holdFrom(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n < 1: " + n);
        }
        held = new CountDownLatch(1);
        holdFrom = n;
        return this;
    }

    /** Lets the held requests, and every later one, be answered. */
    public StubEmbeddingServer release() {
        holdFrom = Integer.MAX_VALUE;
        held.countDown();
        return this;
    }

    /**
     * Answers wait until {@code n} requests have been in flight at the same time (once; from then
     * on they are answered as usual): a client that may send {@code n} at once provably does.
     * Answers that waited for longer than a minute go out anyway, and the in-flight maximum shows
     * the client never got there.
     */
    public StubEmbeddingServer rendezvous(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n < 1: " + n);
        }
        rendezvousAt = n;
        together = new CountDownLatch(1);
        if (inFlight.get() >= n) {
            together.countDown();
        }
        return this;
    }

    /** Returns once {@code n} requests have arrived since the server started; fails after a minute without them. */
    public void awaitRequests(int n) throws InterruptedException {
        long deadline = System.nanoTime() + GUARD.toNanos();
        synchronized (arrived) {
            while (arrived.get() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(arrived.get() + " requests arrived within " + GUARD + ", not " + n);
                }
                TimeUnit.NANOSECONDS.timedWait(arrived, left);
            }
        }
    }

    /**
     * Returns once {@code n} requests hang or stall at the same time; fails after a minute without
     * them. A request has arrived before its handler begins to hang, so a test that saw it arrive
     * (or saw the client give up on it) waits here before it counts the hanging ones.
     */
    public void awaitHanging(int n) throws InterruptedException {
        long deadline = System.nanoTime() + GUARD.toNanos();
        synchronized (hanging) {
            while (hanging.get() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(hanging.get() + " requests hanging within " + GUARD + ", not " + n);
                }
                TimeUnit.NANOSECONDS.timedWait(hanging, left);
            }
        }
    }

    /** Requests that hang or stall right now, never answered (or never finished) by the server. */
    public int hanging() {
        return hanging.get();
    }

    /** Forgets recorded requests and the in-flight maximum. */
    public void resetStats() {
        requests.clear();
        maxInFlight.set(inFlight.get());
    }

    /** The tokens the stub counts for {@code text} in {@code usage}: one per four characters, at least one. */
    public static long tokensOf(String text) {
        return Math.max(1, text.length() / 4);
    }

    /** The stub's vector for {@code text}: unit length, a pure function of the text and the dimensions. */
    public static float[] vectorFor(String text, int dimensions) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        SplittableRandom r = new SplittableRandom(hash);
        float[] v = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimensions; i++) {
            v[i] *= scale;
        }
        return v;
    }

    /** The OpenAI response body for {@code inputs}, items in {@code order} (a permutation of indexes). */
    public static String openAiBody(List<String> inputs, int dimensions, boolean base64, int[] order) {
        return new String(openAiBytes(inputs, dimensions, base64, order), StandardCharsets.UTF_8);
    }

    // Streams straight to bytes: a benchmark's stub must not spend the CPU the client is measured on.
    private static byte[] openAiBytes(List<String> inputs, int dimensions, boolean base64, int[] order) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + inputs.size() * (dimensions * (base64 ? 6 : 12) + 64));
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            ByteBuffer bytes = ByteBuffer.allocate(dimensions * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int index : order) {
                g.writeStartObject();
                g.writeStringField("object", "embedding");
                g.writeNumberField("index", index);
                float[] v = vectorFor(inputs.get(index), dimensions);
                g.writeFieldName("embedding");
                if (base64) {
                    bytes.clear();
                    bytes.asFloatBuffer().put(v);
                    g.writeBinary(bytes.array());
                } else {
                    g.writeStartArray();
                    for (float f : v) {
                        g.writeNumber(f);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("model", "stub");
            g.writeObjectFieldStart("usage");
            long tokens = inputs.stream().mapToLong(StubEmbeddingServer::tokensOf).sum();
            g.writeNumberField("prompt_tokens", tokens);
            g.writeNumberField("total_tokens", tokens);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String quote(String text) {
        return JsonNodeFactory.instance.textNode(text).toString();
    }

    @Override
    public void close() {
        closed.countDown();
        release();
        together.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        if (now >= rendezvousAt) {
            together.countDown();
        }
        java.util.concurrent.atomic.AtomicBoolean answering = new java.util.concurrent.atomic.AtomicBoolean();
        try (exchange) {
            RecordedRequest request = record(exchange, now);
            int number;
            synchronized (arrived) {
                number = arrived.incrementAndGet();
                arrived.notifyAll();
            }
            if (number >= holdFrom) {
                held.await(GUARD.toMillis(), TimeUnit.MILLISECONDS);
            }
            Reply reply;
            synchronized (script) {
                reply = script.poll();
            }
            if (reply == null) {
                reply = outage;
            }
            if (reply == null) {
                reply = normalReply(request);
            }
            respond(exchange, request, reply, () -> {
                if (answering.compareAndSet(false, true)) {
                    inFlight.decrementAndGet();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | UncheckedIOException e) {
            // The client went away (timeout, cancel): nothing to answer.
        } finally {
            if (answering.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        }
    }

    private RecordedRequest record(HttpExchange exchange, int inFlightNow) throws IOException {
        long arrival = System.nanoTime();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        List<String> inputs = new ArrayList<>();
        try {
            JsonNode input = JSON.readTree(body).get("input");
            if (input != null && input.isArray()) {
                input.forEach(n -> inputs.add(n.asText()));
            } else if (input != null && input.isTextual()) {
                inputs.add(input.asText());
            }
        } catch (Exception notJson) {
            // Recorded as it is.
        }
        RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(headers), body, List.copyOf(inputs), arrival, inFlightNow);
        requests.add(request);
        return request;
    }

    private Reply normalReply(RecordedRequest request) {
        if (config.apiKey != null) {
            String bearer = request.header("authorization");
            String given = bearer != null && bearer.startsWith("Bearer ") ? bearer.substring(7) : request.header("api-key");
            if (!config.apiKey.equals(given)) {
                return Reply.openAiError(401, "Incorrect API key provided: " + given
                        + ". You can find your API key at https://platform.example/account/api-keys.", "invalid_request_error", "invalid_api_key");
            }
        }
        if (request.inputs().size() > config.maxInputs) {
            return Reply.openAiError(400, "Too many inputs: " + request.inputs().size() + " > " + config.maxInputs
                    + " per request", "invalid_request_error", null);
        }
        if (config.rejectMarker != null) {
            for (String input : request.inputs()) {
                if (input.contains(config.rejectMarker)) {
                    return Reply.openAiError(400, "This model's maximum context length is 8192 tokens, however you requested 9000 tokens "
                            + "(9000 in your prompt; 0 for the completion). Please reduce your prompt; or completion length.",
                            "invalid_request_error", null);
                }
            }
        }
        double roll;
        synchronized (random) {
            roll = random.nextDouble();
        }
        if ((roll -= config.rate429) < 0) {
            return Reply.openAiError(429, "Rate limit reached for requests", "requests", "rate_limit_exceeded")
                    .withHeader("retry-after-ms", String.valueOf(config.retryAfterMillis));
        }
        if ((roll -= config.rate5xx) < 0) {
            return Reply.openAiError(503, "The server is overloaded or not ready yet.", "server_error", null);
        }
        if ((roll -= config.hangRate) < 0) {
            return Reply.hang();
        }
        if ((roll -= config.garbageRate) < 0) {
            return Reply.garbage();
        }
        return Reply.embeddings();
    }

    /** Answers {@code request}; {@code answering} runs when its answer starts, so that it stops counting as in flight. */
    private void respond(HttpExchange exchange, RecordedRequest request, Reply reply, Runnable answering)
            throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // JDK 17's server re-registers a kept-alive connection with its selector lazily; a request
        // that arrives on it meanwhile can wait up to its 1 s select timeout. One connection per
        // request costs far less on loopback.
        exchange.getResponseHeaders().set("Connection", "close");
        reply.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (!reply.delay.isZero()) {
            sleepUnlessClosed(reply.delay);
        }
        switch (reply.mode) {
            case HANG:
                hang();
                return;
            case STALL_BODY:
                exchange.sendResponseHeaders(200, 1000);
                OutputStream out = exchange.getResponseBody();
                out.write('{');
                out.flush();
                hang();
                return;
            case GARBAGE:
                sleepUnlessClosed(config.latency);
                answering.run();
                send(exchange, 200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embe");
                return;
            case EMBEDDINGS:
                together.await(GUARD.toMillis(), TimeUnit.MILLISECONDS);
                sleepUnlessClosed(config.latency);
                byte[] body = embeddingsBody(request);
                answering.run();
                send(exchange, 200, body);
                return;
            default:
                String text = reply.body.apply(request);
                answering.run();
                send(exchange, reply.status, text);
        }
    }

    private void hang() throws InterruptedException {
        synchronized (hanging) {
            hanging.incrementAndGet();
            hanging.notifyAll();
        }
        try {
            closed.await(HANG_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            hanging.decrementAndGet();
        }
    }

    private byte[] embeddingsBody(RecordedRequest request) {
        List<String> inputs = request.inputs();
        int dimensions = config.dimensions;
        boolean base64 = false;
        try {
            JsonNode body = JSON.readTree(request.body());
            if (body.hasNonNull("dimensions")) {
                dimensions = body.get("dimensions").asInt();
            }
            base64 = "base64".equals(body.path("encoding_format").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (request.path().endsWith("/api/embed")) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("model", "stub");
            ArrayNode embeddings = root.putArray("embeddings");
            for (String input : inputs) {
                ArrayNode v = embeddings.addArray();
                for (float f : vectorFor(input, dimensions)) {
                    v.add(f);
                }
            }
            return root.toString().getBytes(StandardCharsets.UTF_8);
        }
        int[] order = new int[inputs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return openAiBytes(inputs, dimensions, base64, order);
    }

    private void sleepUnlessClosed(Duration d) throws InterruptedException {
        if (!d.isZero()) {
            closed.await(d.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Settings of a {@link StubEmbeddingServer}. Not thread-safe. */
    public static final class Builder {
        private Duration latency = Duration.ZERO;
        private int maxInputs = Integer.MAX_VALUE;
        private int dimensions = 16;
        private String apiKey;
        private String rejectMarker;
        private double rate429;
        private double rate5xx;
        private double hangRate;
        private double garbageRate;
        private long retryAfterMillis = 20;
        private long seed = 42;

        private Builder() {
        }

        /** Time each normal answer takes (default none). */
        public Builder latency(Duration latency) {
            this.latency = Objects.requireNonNull(latency, "latency");
            return this;
        }

        /** Inputs accepted per request; more get a 400 (default unlimited). */
        public Builder maxInputsPerRequest(int maxInputs) {
            if (maxInputs < 1) {
                throw new IllegalArgumentException("maxInputs < 1: " + maxInputs);
            }
            this.maxInputs = maxInputs;
            return this;
        }

        /** Vector length when the request does not ask for dimensions (default 16). */
        public Builder dimensions(int dimensions) {
            if (dimensions < 1) {
                throw new IllegalArgumentException("dimensions < 1: " + dimensions);
            }
            this.dimensions = dimensions;
            return this;
        }

        /** Answers 401 (echoing the key it got) unless requests carry this key as bearer token or {@code api-key}. */
        public Builder requireApiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** Answers 400 "maximum context length" to any request with an input containing {@code marker}. */
        public Builder rejectInputsContaining(String marker) {
            this.rejectMarker = Objects.requireNonNull(marker, "marker");
            return this;
        }

        /** Fraction of requests answered 429 with {@code retry-after-ms} (default 0). */
        public Builder rate429(double rate) {
            this.rate429 = rate(rate, "rate429");
            return this;
        }

        /** Fraction of requests answered 503 (default 0). */
        public Builder rate5xx(double rate) {
            this.rate5xx = rate(rate, "rate5xx");
            return this;
        }

        /** Fraction of requests never answered (default 0). */
        public Builder hangRate(double rate) {
            this.hangRate = rate(rate, "hangRate");
            return this;
        }

        /** Fraction of requests answered 200 with cut-off JSON (default 0). */
        public Builder garbageRate(double rate) {
            this.garbageRate = rate(rate, "garbageRate");
            return this;
        }

        /** The {@code retry-after-ms} of injected 429s (default 20). */
        public Builder retryAfterMillis(long millis) {
            this.retryAfterMillis = millis;
            return this;
        }

        /** Seed of the failure injection (default 42), for reproducible runs. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Starts the server on a free port of the loopback address. */
        public StubEmbeddingServer start() {
            if (rate429 + rate5xx + hangRate + garbageRate > 1) {
                throw new IllegalArgumentException("failure rates add up to more than 1");
            }
            try {
                return new StubEmbeddingServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static double rate(double rate, String name) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException(name + " not in [0, 1]: " + rate);
            }
            return rate;
        }
    }
}
