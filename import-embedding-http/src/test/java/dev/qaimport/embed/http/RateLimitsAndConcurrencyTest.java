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

class RateLimitsAndConcurrencyTest {
    private static final List<String> ONE = List.of("Do you ship to Canada?");

    private StubEmbeddingServer stub = StubEmbeddingServer.start();

    @AfterEach
    void stop() {
        stub.close();
    }

    private HttpEmbeddingService.OpenAiBuilder openAi() {
        return HttpEmbeddingService.openAi()
                .baseUrl(stub.baseUrl())
                .model("text-embedding-3-small")
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(20));
    }

    private long gapMillis(int first, int second) {
        List<RecordedRequest> requests = stub.requests();
        return TimeUnit.NANOSECONDS.toMillis(requests.get(second).arrivalNanos() - requests.get(first).arrivalNanos());
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
                assertThat(result.get(30, TimeUnit.SECONDS)).hasSize(1);
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

        assertThat(gapMillis(0, 1)).isBetween(250L, 5_000L);
    }

    @Test
    void waitsForTheResetWhenTooFewTokensRemainForTheNextRequest() {
        stub.enqueue(Reply.embeddings().withHeader("x-ratelimit-remaining-tokens", "2").withHeader("x-ratelimit-reset-tokens", "0.3s"));
        HttpEmbeddingService service = openAi().build();

        service.embed(ONE);
        service.embed(ONE);

        assertThat(gapMillis(0, 1)).isBetween(250L, 5_000L);
    }

    @Test
    void doesNotWaitWhileTheBudgetLasts() {
        stub.enqueue(Reply.embeddings().withHeader("x-ratelimit-remaining-requests", "2999").withHeader("x-ratelimit-reset-requests", "6m0s")
                .withHeader("x-ratelimit-remaining-tokens", "999000").withHeader("x-ratelimit-reset-tokens", "6m0s"));
        HttpEmbeddingService service = openAi().build();

        service.embed(ONE);
        service.embed(ONE);

        assertThat(gapMillis(0, 1)).isLessThan(3_000L);
        assertThat(stub.requestCount()).isEqualTo(2);
    }

    @Test
    void waitsOnlyForTheRefillOfOneRequestWhenTheLimitIsKnown() {
        // 10 requests per 2 s refill at 5 per second: one request is available again after ~200 ms, not 2 s.
        stub.enqueue(Reply.embeddings().withHeader("x-ratelimit-limit-requests", "10").withHeader("x-ratelimit-remaining-requests", "0")
                .withHeader("x-ratelimit-reset-requests", "2s"));
        HttpEmbeddingService service = openAi().build();

        service.embed(ONE);
        service.embed(ONE);

        assertThat(gapMillis(0, 1)).isBetween(150L, 1_500L);
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
    }

    @Test
    void aRetryAfterPausesEveryCallerNotOnlyTheOneThatGotIt() throws Exception {
        stub.close();
        stub = StubEmbeddingServer.builder().latency(Duration.ofMillis(20)).start();
        stub.enqueue(Reply.openAiError(429, "Rate limit reached", "requests", null).withHeader("retry-after-ms", "400"));
        HttpEmbeddingService service = openAi().build();

        callConcurrently(service, 4, 8);

        List<RecordedRequest> requests = stub.requests();
        long throttledAt = requests.get(0).arrivalNanos();
        long startedDuringPause = requests.stream().skip(1)
                .filter(r -> r.arrivalNanos() - throttledAt > TimeUnit.MILLISECONDS.toNanos(60))
                .filter(r -> r.arrivalNanos() - throttledAt < TimeUnit.MILLISECONDS.toNanos(350))
                .count();
        assertThat(startedDuringPause).isZero();
    }

    @Test
    void concurrencyCapHoldsWhateverTheNumberOfCallers() throws Exception {
        stub.close();
        stub = StubEmbeddingServer.builder().latency(Duration.ofMillis(150)).start();

        callConcurrently(openAi().maxConcurrency(3).build(), 12, 24);

        assertThat(stub.maxInFlight()).isLessThanOrEqualTo(3).isGreaterThanOrEqualTo(2);
        assertThat(stub.requestCount()).isEqualTo(24);
    }

    @Test
    void throttlingHalvesConcurrencyAndSuccessesRestoreIt() throws Exception {
        stub.close();
        stub = StubEmbeddingServer.builder().latency(Duration.ofMillis(80)).start();
        HttpEmbeddingService service = openAi().maxRetries(10).build();
        callConcurrently(service, 8, 16);
        assertThat(stub.maxInFlight()).isEqualTo(4);

        stub.resetStats();
        for (int i = 0; i < 8; i++) {
            stub.enqueue(Reply.openAiError(429, "Rate limit reached", "requests", null).withHeader("retry-after-ms", "10"));
        }
        callConcurrently(service, 8, 32);

        List<RecordedRequest> successes = stub.requests().subList(8, stub.requestCount());
        assertThat(successes.get(0).inFlightAtArrival()).as("in flight when the first success after the 429s arrived")
                .isLessThanOrEqualTo(2);
        int laterMax = successes.subList(successes.size() / 2, successes.size()).stream()
                .mapToInt(RecordedRequest::inFlightAtArrival).max().orElse(0);
        assertThat(laterMax).as("in flight once successes restored the cap").isGreaterThanOrEqualTo(3);
    }
}
