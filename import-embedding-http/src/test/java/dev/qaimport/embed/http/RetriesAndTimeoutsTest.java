package dev.qaimport.embed.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries, their waits and request timeouts against the stub provider. The client waits through a
 * {@link RecordingSleeper} that returns at once: the tests assert the waits it asked for, never how
 * long anything took. Only the timeouts of requests to a hanging server take real time (a few
 * hundred milliseconds).
 */
class RetriesAndTimeoutsTest {
    private static final List<String> ONE = List.of("How do I cancel my order?");

    private final StubEmbeddingServer stub = StubEmbeddingServer.start();
    private final RecordingSleeper sleeper = RecordingSleeper.advancingItself();

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
                .requestTimeout(Duration.ofSeconds(30))
                .sleeper(sleeper);
    }

    /** Full jitter: each wait is random in [0, ceiling], the ceiling doubling from {@code initial} up to {@code max}. */
    private void assertBackoffWaits(int retries, Duration initial, Duration max) {
        List<Duration> waits = sleeper.waits();
        assertThat(waits).hasSize(retries);
        for (int i = 0; i < retries; i++) {
            Duration ceiling = initial.multipliedBy(1L << i);
            ceiling = ceiling.compareTo(max) > 0 ? max : ceiling;
            assertThat(waits.get(i)).as("wait before retry %d", i + 1).isBetween(Duration.ZERO, ceiling);
        }
    }

    private static EmbeddingException.Kind kind(Throwable e) {
        return ((EmbeddingException) e).kind();
    }

    @Test
    void retriesAfter429HonouringRetryAfterSeconds() {
        stub.enqueue(Reply.openAiError(429, "Rate limit reached", "requests", "rate_limit_exceeded").withHeader("retry-after", "1"));

        assertThat(openAi().build().embed(ONE)).hasSize(1);

        assertThat(stub.requestCount()).isEqualTo(2);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void retriesAfter429HonouringRetryAfterMs() {
        stub.enqueue(Reply.openAiError(429, "Rate limit reached", "requests", "rate_limit_exceeded")
                .withHeader("retry-after-ms", "300").withHeader("retry-after", "30"));

        assertThat(openAi().build().embed(ONE)).hasSize(1);

        assertThat(stub.requestCount()).isEqualTo(2);
        assertThat(sleeper.waits()).as("retry-after-ms wins over retry-after").containsExactly(Duration.ofMillis(300));
    }

    @Test
    void retriesAfter503HonouringRetryAfterAsHttpDate() {
        Instant now = Instant.parse("2030-01-01T12:00:00Z");
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(2).atOffset(ZoneOffset.UTC));
        stub.enqueue(Reply.json(503, "{\"error\":\"overloaded\"}").withHeader("retry-after", inTwoSeconds));
        // A fixed clock makes the date exactly two seconds away, whatever the wall clock says.
        HttpEmbeddingService service = openAi().clock(Clock.fixed(now, ZoneOffset.UTC)).build();

        assertThat(service.embed(ONE)).hasSize(1);

        assertThat(stub.requestCount()).isEqualTo(2);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void retriesServerErrorsThenSucceeds() {
        stub.enqueue(Reply.json(500, "{\"error\":{\"message\":\"internal\"}}"), Reply.json(502, "Bad Gateway"),
                Reply.json(503, "{}"), Reply.json(408, "{}"), Reply.json(409, "{}"));

        assertThat(openAi().build().embed(ONE)).hasSize(1);

        assertThat(stub.requestCount()).isEqualTo(6);
        assertBackoffWaits(5, Duration.ofMillis(5), Duration.ofMillis(20));
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
        assertBackoffWaits(3, Duration.ofMillis(5), Duration.ofMillis(20));
    }

    @Test
    void backoffWithoutRetryAfterStaysWithinTheConfiguredCeiling() {
        for (int i = 0; i < 3; i++) {
            stub.enqueue(Reply.json(500, "{}"));
        }

        assertThat(openAi().initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(150)).build().embed(ONE)).hasSize(1);

        // Full jitter: each wait is random in [0, ceiling]; ceilings 100, 150, 150 ms.
        assertBackoffWaits(3, Duration.ofMillis(100), Duration.ofMillis(150));
        assertThat(stub.requestCount()).isEqualTo(4);
    }

    @Test
    void retryAfterLongerThanTheLimitFailsAtOnceAsTransient() {
        stub.enqueue(Reply.openAiError(429, "Rate limit reached", "tokens", "rate_limit_exceeded").withHeader("retry-after", "600"));

        assertThatThrownBy(() -> openAi().maxRetryAfter(Duration.ofSeconds(30)).build().embed(ONE))
                .satisfies(e -> assertThat(kind(e)).isEqualTo(EmbeddingException.Kind.TRANSIENT))
                .hasMessageContaining("the provider asks to wait 600.0 s, longer than maxRetryAfter 30.0 s");
        assertThat(stub.requestCount()).isEqualTo(1);
        assertThat(sleeper.waits()).as("it does not wait at all").isEmpty();
    }

    // A hung request is answered only when the stub closes, after the test: a call that returned
    // while the server still holds its requests gave up on them by its own deadline, not on a hint.
    // Where an answer must then come within the same timeout, it is 2 s, not a few hundred ms that
    // a loaded machine can take to answer (the answer would time out too and be sent again).

    @Test
    void timeoutThenSuccess() throws InterruptedException {
        stub.enqueue(Reply.hang());

        List<float[]> vectors = openAi().requestTimeout(Duration.ofSeconds(2)).build().embed(ONE);

        assertThat(vectors).hasSize(1);
        assertThat(stub.requestCount()).isEqualTo(2);
        stub.awaitHanging(1);
        assertThat(stub.hanging()).as("the first request is still unanswered").isEqualTo(1);
    }

    @Test
    void hungProviderEndsInATimeoutErrorNotAHang() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            stub.enqueue(Reply.hang());
        }
        HttpEmbeddingService service = openAi().requestTimeout(Duration.ofMillis(200)).maxRetries(2).build();

        Throwable thrown = catchThrowable(() -> service.embed(ONE));

        assertThat(thrown).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("gave up after 3 attempts; last error: no response within 200 ms (timeout)");
        assertThat(kind(thrown)).isEqualTo(EmbeddingException.Kind.TRANSIENT);
        assertThat(stub.requestCount()).isEqualTo(3);
        stub.awaitHanging(3);
        assertThat(stub.hanging()).as("none of the three attempts was ever answered").isEqualTo(3);
        assertBackoffWaits(2, Duration.ofMillis(5), Duration.ofMillis(20));
    }

    @Test
    void aBodyThatStallsAfterTheHeadersTimesOutToo() throws InterruptedException {
        stub.enqueue(Reply.stallBody());

        List<float[]> vectors = openAi().requestTimeout(Duration.ofSeconds(2)).build().embed(ONE);

        assertThat(vectors).hasSize(1);
        assertThat(stub.requestCount()).isEqualTo(2);
        stub.awaitHanging(1);
        assertThat(stub.hanging()).as("the first body never finished").isEqualTo(1);
    }

    @Test
    void connectionRefusedIsRetriedThenTransient() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        HttpEmbeddingService service = HttpEmbeddingService.openAi().baseUrl("http://127.0.0.1:" + port + "/v1").model("m")
                .maxRetries(2).initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(10)).sleeper(sleeper).build();

        assertThatThrownBy(() -> service.embed(ONE))
                .satisfies(e -> assertThat(kind(e)).isEqualTo(EmbeddingException.Kind.TRANSIENT))
                .hasMessageStartingWith("OpenAI-compatible http://127.0.0.1:" + port + "/v1/embeddings: gave up after 3 attempts; last error: I/O error: ConnectException");
        assertBackoffWaits(2, Duration.ofMillis(5), Duration.ofMillis(10));
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
        // The request is at the server, hung: the caller is waiting for it (or about to), and nothing else can end its wait
        // before its 30 s timeout but the interrupt.
        stub.awaitRequests(1);
        caller.interrupt();
        caller.join();

        stub.awaitHanging(1);
        assertThat(stub.hanging()).isEqualTo(1);
        assertThat(thrown[0]).isInstanceOf(EmbeddingException.class).hasMessageEndingWith(": interrupted");
        assertThat(kind(thrown[0])).isEqualTo(EmbeddingException.Kind.TRANSIENT);
        assertThat(flag[0]).isTrue();
    }
}
