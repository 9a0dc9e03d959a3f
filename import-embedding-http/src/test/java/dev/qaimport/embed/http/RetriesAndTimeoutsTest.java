package dev.qaimport.embed.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.qaimport.embed.http.testing.RecordedRequest;
import dev.qaimport.embed.http.testing.Reply;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import dev.qaimport.spi.EmbeddingException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetriesAndTimeoutsTest {
    private static final List<String> ONE = List.of("How do I cancel my order?");

    private final StubEmbeddingServer stub = StubEmbeddingServer.start();

    @AfterEach
    void stop() {
        stub.close();
    }

    private HttpEmbeddingService.OpenAiBuilder openAi() {
        return HttpEmbeddingService.openAi()
                .baseUrl(stub.baseUrl())
                .model("text-embedding-3-small")
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(20))
                .requestTimeout(Duration.ofSeconds(5));
    }

    private long gapMillis(int first, int second) {
        List<RecordedRequest> requests = stub.requests();
        return TimeUnit.NANOSECONDS.toMillis(requests.get(second).arrivalNanos() - requests.get(first).arrivalNanos());
    }

    private static EmbeddingException.Kind kind(Throwable e) {
        return ((EmbeddingException) e).kind();
    }

    @Test
    void retriesAfter429HonouringRetryAfterSeconds() {
        stub.enqueue(Reply.openAiError(429, "Rate limit reached", "requests", "rate_limit_exceeded").withHeader("retry-after", "1"));

        assertThat(openAi().build().embed(ONE)).hasSize(1);

        assertThat(stub.requestCount()).isEqualTo(2);
        assertThat(gapMillis(0, 1)).isBetween(900L, 5_000L);
    }

    @Test
    void retriesAfter429HonouringRetryAfterMs() {
        stub.enqueue(Reply.openAiError(429, "Rate limit reached", "requests", "rate_limit_exceeded")
                .withHeader("retry-after-ms", "300").withHeader("retry-after", "30"));

        assertThat(openAi().build().embed(ONE)).hasSize(1);

        assertThat(gapMillis(0, 1)).isBetween(250L, 5_000L);
    }

    @Test
    void retriesAfter503HonouringRetryAfterAsHttpDate() {
        Instant now = Instant.parse("2030-01-01T12:00:00Z");
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(2).atOffset(ZoneOffset.UTC));
        stub.enqueue(Reply.json(503, "{\"error\":\"overloaded\"}").withHeader("retry-after", inTwoSeconds));
        // A fixed clock makes the date exactly two seconds away, whatever the wall clock says.
        HttpEmbeddingService service = openAi().clock(Clock.fixed(now, ZoneOffset.UTC)).build();

        assertThat(service.embed(ONE)).hasSize(1);

        assertThat(gapMillis(0, 1)).isBetween(1_900L, 6_000L);
    }

    @Test
    void retriesServerErrorsThenSucceeds() {
        stub.enqueue(Reply.json(500, "{\"error\":{\"message\":\"internal\"}}"), Reply.json(502, "Bad Gateway"),
                Reply.json(503, "{}"), Reply.json(408, "{}"), Reply.json(409, "{}"));

        assertThat(openAi().build().embed(ONE)).hasSize(1);

        assertThat(stub.requestCount()).isEqualTo(6);
    }

    @Test
    void givesUpAsTransientWhenRetriesAreExhausted() {
        for (int i = 0; i < 4; i++) {
            stub.enqueue(Reply.json(503, "{\"error\":{\"message\":\"The server is overloaded\"}}"));
        }

        assertThatThrownBy(() -> openAi().maxRetries(3).build().embed(ONE))
                .satisfies(e -> assertThat(kind(e)).isEqualTo(EmbeddingException.Kind.TRANSIENT))
                .hasMessage("OpenAI-compatible " + stub.baseUrl() + "/embeddings: gave up after 4 attempts; last error: "
                        + "HTTP 503: The server is overloaded (provider unavailable)");
        assertThat(stub.requestCount()).isEqualTo(4);
    }

    @Test
    void backoffWithoutRetryAfterStaysWithinTheConfiguredCeiling() {
        for (int i = 0; i < 3; i++) {
            stub.enqueue(Reply.json(500, "{}"));
        }

        assertThat(openAi().initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(150)).build().embed(ONE)).hasSize(1);

        // Full jitter: each wait is random in [0, ceiling]; ceilings 100, 150, 150 ms.
        assertThat(gapMillis(0, 3)).isLessThan(400L + 1_000L);
        assertThat(stub.requestCount()).isEqualTo(4);
    }

    @Test
    void retryAfterLongerThanTheLimitFailsAtOnceAsTransient() {
        stub.enqueue(Reply.openAiError(429, "Rate limit reached", "tokens", "rate_limit_exceeded").withHeader("retry-after", "600"));

        assertThatThrownBy(() -> openAi().maxRetryAfter(Duration.ofSeconds(30)).build().embed(ONE))
                .satisfies(e -> assertThat(kind(e)).isEqualTo(EmbeddingException.Kind.TRANSIENT))
                .hasMessageContaining("the provider asks to wait 600.0 s, longer than maxRetryAfter 30.0 s");
        assertThat(stub.requestCount()).isEqualTo(1);
    }

    @Test
    void timeoutThenSuccess() {
        stub.enqueue(Reply.hang());

        List<float[]> vectors = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> openAi().requestTimeout(Duration.ofMillis(300)).build().embed(ONE));

        assertThat(vectors).hasSize(1);
        assertThat(stub.requestCount()).isEqualTo(2);
    }

    @Test
    void hungProviderEndsInATimeoutErrorNotAHang() {
        for (int i = 0; i < 3; i++) {
            stub.enqueue(Reply.hang());
        }
        HttpEmbeddingService service = openAi().requestTimeout(Duration.ofMillis(200)).maxRetries(2).build();

        Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> org.assertj.core.api.Assertions.catchThrowable(() -> service.embed(ONE)));

        assertThat(thrown).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("gave up after 3 attempts; last error: no response within 200 ms (timeout)");
        assertThat(kind(thrown)).isEqualTo(EmbeddingException.Kind.TRANSIENT);
    }

    @Test
    void aBodyThatStallsAfterTheHeadersTimesOutToo() {
        stub.enqueue(Reply.stallBody());

        List<float[]> vectors = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> openAi().requestTimeout(Duration.ofMillis(300)).build().embed(ONE));

        assertThat(vectors).hasSize(1);
        assertThat(stub.requestCount()).isEqualTo(2);
    }

    @Test
    void connectionRefusedIsRetriedThenTransient() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        HttpEmbeddingService service = HttpEmbeddingService.openAi().baseUrl("http://127.0.0.1:" + port + "/v1").model("m")
                .maxRetries(2).initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(10)).build();

        assertThatThrownBy(() -> service.embed(ONE))
                .satisfies(e -> assertThat(kind(e)).isEqualTo(EmbeddingException.Kind.TRANSIENT))
                .hasMessageStartingWith("OpenAI-compatible http://127.0.0.1:" + port + "/v1/embeddings: gave up after 3 attempts; last error: I/O error: ConnectException");
    }

    @Test
    void interruptedCallerGetsTransientAndKeepsItsInterruptFlag() throws Exception {
        stub.enqueue(Reply.hang());
        HttpEmbeddingService service = openAi().requestTimeout(Duration.ofSeconds(30)).build();
        Throwable[] thrown = new Throwable[1];
        boolean[] flag = new boolean[1];
        Thread caller = new Thread(() -> {
            try {
                service.embed(ONE);
            } catch (Throwable e) {
                thrown[0] = e;
                flag[0] = Thread.currentThread().isInterrupted();
            }
        });
        caller.start();
        while (stub.requestCount() == 0) {
            Thread.sleep(5);
        }
        caller.interrupt();
        caller.join(5_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown[0]).isInstanceOf(EmbeddingException.class).hasMessageEndingWith(": interrupted");
        assertThat(kind(thrown[0])).isEqualTo(EmbeddingException.Kind.TRANSIENT);
        assertThat(flag[0]).isTrue();
    }
}
