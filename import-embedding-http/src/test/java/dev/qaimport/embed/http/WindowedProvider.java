package dev.qaimport.embed.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * An OpenAI-compatible provider on the JDK's {@code HttpServer} that allows {@code limit} tokens per
 * sliding window, measured on the test's clock (the client's sleeper), so that nothing depends on
 * real time. A request that would take the window over its limit is refused with a 429 whose body
 * reads like OpenAI's ("Limit …, Used …, Requested …. Please try again in …") and echoes the API key;
 * other answers carry the {@code x-ratelimit-*} token headers unless turned off. Tokens are counted
 * as the test stub counts them ({@link StubEmbeddingServer#tokensOf}). Records every request.
 */
final class WindowedProvider implements AutoCloseable {
    /** One request as the provider saw it. */
    record Seen(long at, int inputs, long tokens, long usedBefore, int status) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long limit;
    private final long window;
    private final LongSupplier clock;
    private final boolean headers;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Deque<long[]> spent = new ArrayDeque<>();
    private final List<Seen> seen = new ArrayList<>();

    WindowedProvider(long limit, long windowNanos, LongSupplier clock, boolean headers) {
        this.limit = limit;
        this.window = windowNanos;
        this.clock = clock;
        this.headers = headers;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/v1/embeddings", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    synchronized long refused() {
        return seen.stream().filter(s -> s.status() == 429).count();
    }

    synchronized long acceptedTokens() {
        return seen.stream().filter(s -> s.status() == 200).mapToLong(Seen::tokens).sum();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            JsonNode body = JSON.readTree(in);
            List<String> texts = new ArrayList<>();
            body.get("input").forEach(t -> texts.add(t.asText()));
            long tokens = texts.stream().mapToLong(StubEmbeddingServer::tokensOf).sum();
            String key = exchange.getRequestHeaders().getFirst("Authorization");
            long used;
            long now;
            boolean admitted;
            long reset;
            synchronized (this) {
                now = clock.getAsLong();
                while (!spent.isEmpty() && now - (spent.peekFirst()[0] + window) >= 0) {
                    spent.removeFirst();
                }
                used = spent.stream().mapToLong(e -> e[1]).sum();
                admitted = used + tokens <= limit;
                if (admitted) {
                    spent.addLast(new long[] {now, tokens});
                }
                seen.add(new Seen(now, texts.size(), tokens, used, admitted ? 200 : 429));
                reset = spent.isEmpty() ? 0 : spent.peekLast()[0] + window - now;
                if (headers) {
                    exchange.getResponseHeaders().set("x-ratelimit-limit-tokens", Long.toString(limit));
                    exchange.getResponseHeaders().set("x-ratelimit-remaining-tokens", Long.toString(limit - used - (admitted ? tokens : 0)));
                    exchange.getResponseHeaders().set("x-ratelimit-reset-tokens", seconds(reset));
                }
            }
            byte[] answer;
            int status;
            if (admitted) {
                status = 200;
                ObjectNode root = JSON.createObjectNode().put("object", "list");
                ArrayNode data = root.putArray("data");
                for (int i = 0; i < texts.size(); i++) {
                    ArrayNode v = data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
                    v.add(1.0).add(i).add(texts.get(i).length()).add(0.5);
                }
                root.put("model", "m").putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
                answer = JSON.writeValueAsBytes(root);
            } else {
                status = 429;
                long need = used + tokens - limit;
                long wait = waitFor(need, now);
                String message = "Rate limit reached for m on tokens per min (TPM) for key " + key + ": Limit " + limit + ", Used " + used
                        + ", Requested " + tokens + ". Please try again in " + seconds(wait) + ".";
                ObjectNode root = JSON.createObjectNode();
                root.putObject("error").put("message", message).put("type", "tokens").put("code", "rate_limit_exceeded");
                answer = JSON.writeValueAsBytes(root);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private synchronized long waitFor(long need, long now) {
        long freed = 0;
        for (long[] e : spent) {
            freed += e[1];
            if (freed >= need) {
                return e[0] + window - now;
            }
        }
        return window;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }
}
