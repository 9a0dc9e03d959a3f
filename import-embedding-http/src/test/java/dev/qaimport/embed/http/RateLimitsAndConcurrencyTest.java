package dev.qaimport.embed.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.embed.http.testing.RecordedRequest;
import dev.qaimport.embed.http.testing.Reply;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import dev.qaimport.spi.EmbeddingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pacing from rate-limit headers, the pause after a 429 and the adaptive cap on requests in flight.
 * The client waits through a {@link RecordingSleeper}: the tests assert the waits it asked for, never
 * how long anything took; concurrency is proven by holding the stub's answers until the expected
 * number of requests is in flight.
 */
class RateLimitsAndConcurrencyTest {
    private static final List<String> ONE = List.of("Do you ship to Canada?");

    private StubEmbeddingServer stub = StubEmbeddingServer.start();
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
                .sleeper(sleeper);
    }

    /** Runs {@code calls} embed calls of one input on {@code threads} threads and waits for all. */
    private static void callConcurrently(HttpEmbeddingService service, int threads, int calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<float[]>>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String text = "question " + i;
                results.add(pool.submit(() -> service.embed(List.of(text))));
            }
            for (Future<List<float[]>> result : results) {
                // A guard against a hang, not a measurement.
                assertThat(result.get(60, TimeUnit.SECONDS)).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void waitsForTheResetWhenNoRequestsRemain() {
        stub.enqueue(Reply.embeddings().withHeader("x-ratelimit-remaining-requests", "0").withHeader("x-ratelimit-reset-requests", "300ms"));
        HttpEmbeddingService service = openAi().build();

        service.embed(ONE);
        service.embed(ONE);

        assertThat(stub.requestCount()).isEqualTo(2);
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(300));
    }

    @Test
    void waitsForTheResetWhenTooFewTokensRemainForTheNextRequest() {
        stub.enqueue(Reply.embeddings().withHeader("x-ratelimit-remaining-tokens", "2").withHeader("x-ratelimit-reset-tokens", "0.3s"));
        HttpEmbeddingService service = openAi().build();

        service.embed(ONE);
        service.embed(ONE);

        assertThat(stub.requestCount()).isEqualTo(2);
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(300));
    }

    @Test
    void doesNotWaitWhileTheBudgetLasts() {
        stub.enqueue(Reply.embeddings().withHeader("x-ratelimit-remaining-requests", "2999").withHeader("x-ratelimit-reset-requests", "6m0s")
                .withHeader("x-ratelimit-remaining-tokens", "999000").withHeader("x-ratelimit-reset-tokens", "6m0s"));
        HttpEmbeddingService service = openAi().build();

        service.embed(ONE);
        service.embed(ONE);

        assertThat(sleeper.waits()).isEmpty();
        assertThat(stub.requestCount()).isEqualTo(2);
    }

    @Test
    void waitsForTheWholeResetWhenOthersSpentTheWindow() {
        // 10 requests per 2 s, none left, nine of them spent by someone else at times this client does not know: in a
        // sliding window they may all come back only at the reset; a linear refill would have promised one in 200 ms.
        stub.enqueue(Reply.embeddings().withHeader("x-ratelimit-limit-requests", "10").withHeader("x-ratelimit-remaining-requests", "0")
                .withHeader("x-ratelimit-reset-requests", "2s"));
        HttpEmbeddingService service = openAi().build();

        service.embed(ONE);
        service.embed(ONE);

        assertThat(stub.requestCount()).isEqualTo(2);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aResetLongerThanMaxRetryAfterFailsFastAsTransient() {
        stub.enqueue(Reply.embeddings().withHeader("x-ratelimit-remaining-requests", "0").withHeader("x-ratelimit-reset-requests", "6m0s"));
        HttpEmbeddingService service = openAi().build();
        service.embed(ONE);

        assertThatThrownBy(() -> service.embed(ONE))
                .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.TRANSIENT))
                .hasMessageContaining("rate limit exhausted for the next 360.0 s, longer than maxRetryAfter 60.0 s");
        assertThat(stub.requestCount()).isEqualTo(1);
        assertThat(sleeper.waits()).as("it does not wait at all").isEmpty();
    }

    @Test
    void aRetryAfterPausesEveryCallerNotOnlyTheOneThatGotIt() throws Exception {
        stub.enqueue(Reply.openAiError(429, "Rate limit reached", "requests", null).withHeader("retry-after-ms", "400"));
        // Waits end only when the test moves the sleeper's time on: meanwhile it sees who waits and what was sent.
        RecordingSleeper paused = RecordingSleeper.manual();
        HttpEmbeddingService service = openAi().maxConcurrency(4).sleeper(paused).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<float[]>>> results = new ArrayList<>();
            results.add(pool.submit(() -> service.embed(List.of("question 0"))));
            // The first caller got the 429 and waits out its retry-after.
            paused.awaitSleeping(1);
            for (int i = 1; i < 8; i++) {
                String text = "question " + i;
                results.add(pool.submit(() -> service.embed(List.of(text))));
            }
            // The 429 halved the cap from 4 to 2: two more callers got a slot and wait for the pause to end, the
            // other five wait for a slot.
            paused.awaitSleeping(3);

            assertThat(stub.requestCount()).as("no request started during the pause").isEqualTo(1);
            assertThat(paused.waits()).as("each waits for the rest of the pause, all of it here").containsExactly(
                    Duration.ofMillis(400), Duration.ofMillis(400), Duration.ofMillis(400));

            paused.advance(Duration.ofMillis(400));
            for (Future<List<float[]>> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(stub.requestCount()).isEqualTo(9);
        assertThat(paused.waits()).as("once the pause is over nobody waits again").hasSize(3);
    }

    @Test
    void concurrencyCapHoldsWhateverTheNumberOfCallers() throws Exception {
        stub.close();
        // Held until 3 are in flight: the client provably sends that many at once; the latency keeps them overlapping
        // afterwards, so that a fourth would show.
        stub = StubEmbeddingServer.builder().latency(Duration.ofMillis(50)).start().rendezvous(3);

        callConcurrently(openAi().maxConcurrency(3).build(), 12, 24);

        assertThat(stub.maxInFlight()).isLessThanOrEqualTo(3).isGreaterThanOrEqualTo(2).isEqualTo(3);
        assertThat(stub.requestCount()).isEqualTo(24);
    }

    @Test
    void throttlingHalvesConcurrencyAndSuccessesRestoreIt() throws Exception {
        stub.close();
        stub = StubEmbeddingServer.builder().latency(Duration.ofMillis(50)).start().rendezvous(4);
        HttpEmbeddingService service = openAi().maxRetries(10).build();
        callConcurrently(service, 8, 16);
        assertThat(stub.maxInFlight()).isEqualTo(4);

        stub.resetStats();
        for (int i = 0; i < 8; i++) {
            stub.enqueue(Reply.openAiError(429, "Rate limit reached", "requests", null).withHeader("retry-after-ms", "10"));
        }
        callConcurrently(service, 8, 32);

        // The stub counts a request in flight from its arrival until its answer starts, never longer than the client:
        // the first 429 the client hears halves its cap to 2 before it may send a fifth request.
        List<RecordedRequest> successes = stub.requests().subList(8, stub.requestCount());
        assertThat(successes.get(0).inFlightAtArrival()).as("in flight when the first success after the 429s arrived")
                .isLessThanOrEqualTo(2);

        // 32 successes later the cap is back at 4: held until 3 are in flight, they provably are.
        stub.resetStats();
        stub.rendezvous(3);
        callConcurrently(service, 8, 16);
        int laterMax = stub.maxInFlight();
        assertThat(laterMax).as("in flight once successes restored the cap").isGreaterThanOrEqualTo(3);
    }
}
