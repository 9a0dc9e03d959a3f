package dev.qaimport.embed.http.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A scripted answer of {@link StubEmbeddingServer} to one request: a status, headers and a body
 * (fixed, or computed from the request), after an optional delay; or a hang. Immutable; the
 * {@code with…} methods return copies.
 */
public final class Reply {
    enum Mode { RESPOND, EMBEDDINGS, HANG, STALL_BODY, GARBAGE }

    final Mode mode;
    final int status;
    final Function<RecordedRequest, String> body;
    final Map<String, String> headers;
    final Duration delay;

    private Reply(Mode mode, int status, Function<RecordedRequest, String> body, Map<String, String> headers, Duration delay) {
        this.mode = mode;
        this.status = status;
        this.body = body;
        this.headers = Map.copyOf(headers);
        this.delay = delay;
    }

    /** The stub's normal answer: one deterministic vector per input, in the provider's shape. */
    public static Reply embeddings() {
        return new Reply(Mode.EMBEDDINGS, 200, null, Map.of(), Duration.ZERO);
    }

    /** A JSON answer with {@code status} and {@code body}. */
    public static Reply json(int status, String body) {
        Objects.requireNonNull(body, "body");
        return json(status, request -> body);
    }

    /** A JSON answer with {@code status} and a body computed from the request. */
    public static Reply json(int status, Function<RecordedRequest, String> body) {
        return new Reply(Mode.RESPOND, status, Objects.requireNonNull(body, "body"), Map.of(), Duration.ZERO);
    }

    /** An OpenAI-style error: {@code {"error":{"message":…,"type":…,"code":…}}}. */
    public static Reply openAiError(int status, String message, String type, String code) {
        String body = "{\"error\":{\"message\":" + StubEmbeddingServer.quote(message) + ",\"type\":"
                + StubEmbeddingServer.quote(type) + ",\"param\":null,\"code\":"
                + (code == null ? "null" : StubEmbeddingServer.quote(code)) + "}}";
        return json(status, body);
    }

    /** Accepts the request and never answers (until the server closes). */
    public static Reply hang() {
        return new Reply(Mode.HANG, 0, null, Map.of(), Duration.ZERO);
    }

    /** Sends a 200 with a Content-Length, a first byte, and then nothing (until the server closes). */
    public static Reply stallBody() {
        return new Reply(Mode.STALL_BODY, 200, null, Map.of(), Duration.ZERO);
    }

    /** A 200 whose body is cut-off JSON. */
    public static Reply garbage() {
        return new Reply(Mode.GARBAGE, 200, null, Map.of(), Duration.ZERO);
    }

    /** This reply with a header added. */
    public Reply withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(mode, status, body, copy, delay);
    }

    /** This reply sent after {@code delay} (on top of the server's latency for embeddings). */
    public Reply withDelay(Duration delay) {
        return new Reply(mode, status, body, headers, Objects.requireNonNull(delay, "delay"));
    }
}
