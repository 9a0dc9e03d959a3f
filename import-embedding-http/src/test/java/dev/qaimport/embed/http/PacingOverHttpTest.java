package dev.qaimport.embed.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import dev.qaimport.spi.EmbeddingException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * Pacing against a provider that enforces a token limit per sliding window. The provider measures
 * its window on the client's own {@link RecordingSleeper} time, which moves only when the client
 * waits: nothing here depends on how fast the machine is, and nothing is timed.
 */
class PacingOverHttpTest {
    private static final String KEY = "sk-proj-Pacing7Kq2Wm9Xv4Lb8Nz3Rt6Yd1";
    private static final long WINDOW = TimeUnit.SECONDS.toNanos(10);

    private final RecordingSleeper sleeper = RecordingSleeper.advancingItself();
    private WindowedProvider provider;

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
    }

    private HttpEmbeddingService.OpenAiBuilder openAi() {
        return HttpEmbeddingService.openAi()
                .baseUrl(provider.baseUrl())
                .apiKey(KEY)
                .model("text-embedding-3-small")
                .sleeper(sleeper);
    }

    /** {@code n} distinct texts of 200 characters: 50 tokens each as the provider counts. */
    private static List<String> texts(int n, String prefix) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String head = prefix + " question " + i + " about shipping, returns and the warranty of the order ";
            texts.add((head + "x".repeat(200)).substring(0, 200));
        }
        return texts;
    }

    private static long tokens(List<String> texts) {
        return texts.stream().mapToLong(StubEmbeddingServer::tokensOf).sum();
    }

    /** Embeds as the stage does: calls of at most 512 inputs. */
    private static int embedInCalls(HttpEmbeddingService service, List<String> texts) {
        int embedded = 0;
        for (int from = 0; from < texts.size(); from += 512) {
            embedded += service.embed(texts.subList(from, Math.min(texts.size(), from + 512))).size();
        }
        return embedded;
    }

    @Test
    void requestsShrinkToTheWindowAndNoneIsSentIntoASpentWindow() {
        provider = new WindowedProvider(15_000, WINDOW, sleeper::nanoTime, true);
        List<String> texts = texts(1_000, "a");

        int embedded = embedInCalls(openAi().build(), texts);

        assertThat(embedded).isEqualTo(1_000);
        assertThat(provider.refused()).as("429s").isZero();
        assertThat(provider.acceptedTokens()).as("every token counted once").isEqualTo(tokens(texts)).isEqualTo(50_000);
        List<WindowedProvider.Seen> seen = provider.seen();
        assertThat(seen.get(0).tokens()).as("the first request, before any limit is known, is small").isLessThanOrEqualTo(8_192);
        assertThat(seen.subList(1, seen.size())).as("later requests take at most a tenth of the window")
                .allSatisfy(s -> assertThat(s.tokens()).isLessThanOrEqualTo(1_500));
        assertThat(seen.stream().mapToInt(WindowedProvider.Seen::inputs).sum()).isEqualTo(1_000);
        assertThat(sleeper.waits()).as("it waited for the window instead of being refused").isNotEmpty()
                .allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofNanos(WINDOW)));
    }

    @Test
    void concurrentCallersShareOneBudgetAndLoseNothing() throws Exception {
        provider = new WindowedProvider(40_000, WINDOW, sleeper::nanoTime, true);
        HttpEmbeddingService service = openAi().maxConcurrency(4).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                List<String> mine = texts(500, "caller " + t);
                results.add(pool.submit(() -> embedInCalls(service, mine)));
            }
            int embedded = 0;
            for (Future<Integer> r : results) {
                // A guard against a hang, not a measurement.
                embedded += r.get(60, TimeUnit.SECONDS);
            }
            assertThat(embedded).isEqualTo(2_000);
        } finally {
            pool.shutdownNow();
        }
        List<WindowedProvider.Seen> seen = provider.seen();
        assertThat(provider.acceptedTokens()).isEqualTo(100_000);
        assertThat(provider.refused()).as("429s of %d requests", seen.size()).isLessThanOrEqualTo(seen.size() / 20);
        assertThat(seen).allSatisfy(s -> assertThat(s.tokens()).isLessThanOrEqualTo(8_192));
    }

    @Test
    void aConfiguredBudgetPacesAProviderThatSendsNoHeaders() {
        provider = new WindowedProvider(20_000, TimeUnit.MINUTES.toNanos(1), sleeper::nanoTime, false);
        List<String> texts = texts(1_000, "b");

        int embedded = embedInCalls(openAi().tokensPerMinute(20_000).build(), texts);

        assertThat(embedded).isEqualTo(1_000);
        assertThat(provider.refused()).isZero();
        assertThat(provider.seen()).allSatisfy(s -> assertThat(s.tokens()).isLessThanOrEqualTo(2_000));
    }

    @Test
    void withoutHeadersTheRefusalsMessageTeachesTheLimitAndTheKeyShowsNowhere() {
        provider = new WindowedProvider(15_000, WINDOW, sleeper::nanoTime, false);
        List<String> texts = texts(1_000, "c");
        HttpEmbeddingService service = openAi().build();

        int embedded;
        String logged;
        try (LogCapture log = new LogCapture()) {
            embedded = embedInCalls(service, texts);
            logged = log.text();
        }

        assertThat(embedded).isEqualTo(1_000);
        List<WindowedProvider.Seen> seen = provider.seen();
        // Nothing says the limit until the first refusal: after it, requests keep within a tenth of the limit named in it.
        int first = 0;
        while (seen.get(first).status() != 429) {
            first++;
        }
        assertThat(seen.get(first).tokens()).isGreaterThan(15_000 - seen.get(first).usedBefore());
        assertThat(seen.subList(first + 1, seen.size())).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(200);
            assertThat(s.tokens()).isLessThanOrEqualTo(1_500);
        });
        assertThat(provider.refused()).isEqualTo(1);
        assertThat(logged).contains("HTTP 429").doesNotContain(KEY).doesNotContain(KEY.substring(0, 14))
                .doesNotContain(KEY.substring(KEY.length() - 6));
        assertThat(service.toString()).doesNotContain(KEY);
    }

    @Test
    void aRequestThatCanNeverFitGivesUpAsTransientWithoutTheKeyInTheException() {
        // 10 tokens per window, and one input of 50: no wait can make it fit.
        provider = new WindowedProvider(10, WINDOW, sleeper::nanoTime, true);
        HttpEmbeddingService service = openAi().maxRetries(2).build();

        Throwable thrown = catchThrowable(() -> service.embed(texts(1, "d")));

        assertThat(thrown).isInstanceOfSatisfying(EmbeddingException.class,
                e -> assertThat(e.kind()).isEqualTo(EmbeddingException.Kind.TRANSIENT));
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(thrown.getMessage()).contains("gave up after 3 attempts", "HTTP 429", "Limit 10, Used 0, Requested 50");
        assertThat(trace.toString()).doesNotContain(KEY).doesNotContain(KEY.substring(0, 14)).doesNotContain(KEY.substring(KEY.length() - 6));
        assertThat(provider.refused()).isEqualTo(3);
        assertThat(sleeper.waits()).as("each retry waits what the message asks").contains(Duration.ofNanos(WINDOW));
    }
}
