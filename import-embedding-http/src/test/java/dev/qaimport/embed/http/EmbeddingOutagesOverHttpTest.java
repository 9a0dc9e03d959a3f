package dev.qaimport.embed.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.QaImport;
import dev.qaimport.embed.http.Stack.StoredPair;
import dev.qaimport.embed.http.testing.RecordedRequest;
import dev.qaimport.embed.http.testing.Reply;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import dev.qaimport.model.EmbeddingResult;
import dev.qaimport.model.EmbeddingStatus;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.spi.EmbeddingLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedding stage end to end when the provider is not well: down, hung, refusing the key or
 * out of quota. Pairs stay {@code PENDING}, the import still completes with a message saying why,
 * {@code retryPending} finishes the work once the provider is back, and the API key appears in no
 * message, result, stored row or log line.
 */
class EmbeddingOutagesOverHttpTest {
    private static final String KEY = "sk-proj-Zq8XwV3kLm2Np7Rt4Yb6Hc9Jd1Fg5Ks0";
    private static final String RIGHT_KEY = "sk-proj-the-right-one-0123456789";
    // What a provider may echo of a key: all of it, or its prefix and last characters.
    private static final List<String> KEY_FRAGMENTS = List.of(KEY, KEY.substring(0, 14), KEY.substring(KEY.length() - 6),
            "Zq8XwV3k", "Fg5Ks0");

    private StubEmbeddingServer stub = StubEmbeddingServer.start();
    private final DataSource ds = Stack.h2();
    private QaImport qa;

    @AfterEach
    void close() {
        if (qa != null) {
            qa.close();
        }
        stub.close();
    }

    private QaImport qaImport(HttpEmbeddingService service) {
        qa = Stack.qaImport(ds).embeddingService(service).build();
        return qa;
    }

    private ImportJob importCsv(int rows) {
        UUID id = qa.startImport("faq.csv", Stack.csv(rows).getBytes(StandardCharsets.UTF_8), null);
        return qa.processImport(id);
    }

    private String endpoint() {
        return "OpenAI-compatible " + stub.baseUrl() + "/embeddings";
    }

    private void assertAllPending(UUID jobId, int rows) {
        assertThat(Stack.pairsOf(ds, jobId)).hasSize(rows).extracting(StoredPair::status).containsOnly(EmbeddingStatus.PENDING);
    }

    /** retryPending on a provider that works again embeds every pair and clears the job's message. */
    private void assertRetryPendingFinishes(UUID jobId, int rows) {
        stub.resetStats();

        EmbeddingResult retry = qa.retryPending(jobId);

        assertThat(retry.embedded()).isEqualTo(rows);
        assertThat(retry.pending()).isZero();
        assertThat(retry.failed()).isZero();
        assertThat(retry.error()).isNull();
        ImportJob job = qa.getJob(jobId).orElseThrow();
        assertThat(job.embeddedCount()).isEqualTo(rows);
        assertThat(job.errorMessage()).isNull();
        List<StoredPair> pairs = Stack.pairsOf(ds, jobId);
        for (int i = 0; i < rows; i++) {
            assertThat(pairs.get(i).status()).isEqualTo(EmbeddingStatus.EMBEDDED);
            assertThat(pairs.get(i).vector()).containsExactly(StubEmbeddingServer.vectorFor(Stack.text(i + 1), 16));
        }
        assertThat(stub.requests()).flatExtracting(RecordedRequest::inputs).hasSize(rows);
    }

    private static void assertNoKey(String text) {
        for (String fragment : KEY_FRAGMENTS) {
            assertThat(text).as("must not contain %s", fragment).doesNotContain(fragment);
        }
    }

    @Test
    void leavesPairsPendingWhenThe5xxOutlastsTheRetriesAndRetryPendingFinishesThemOnceTheProviderRecovers() {
        stub.startOutage(Reply.openAiError(503, "The server is overloaded or not ready yet.", "server_error", null));
        qaImport(Stack.openAi(stub).maxRetries(2).build());

        ImportJob job = importCsv(12);

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.successCount()).isEqualTo(12);
        assertThat(job.embeddedCount()).isZero();
        assertThat(job.embeddingErrorCount()).as("an outage marks nothing FAILED").isZero();
        assertThat(job.errorMessage()).isEqualTo("embedding: " + endpoint() + ": gave up after 3 attempts; last error: "
                + "HTTP 503: The server is overloaded or not ready yet. (provider unavailable)"
                + " (12 pairs left pending; retry with retryPending)");
        assertAllPending(job.id(), 12);
        assertThat(stub.requestCount() % 3).as("every request sent was tried 3 times: %d attempts", stub.requestCount()).isZero();

        stub.endOutage();
        assertRetryPendingFinishes(job.id(), 12);
    }

    @Test
    void aHungProviderCostsOneTimeoutPerAttemptLeavesPairsPendingAndRetryPendingFinishesThem() throws InterruptedException {
        stub.startOutage(Reply.hang());
        qaImport(Stack.openAi(stub).requestTimeout(Duration.ofMillis(300)).maxRetries(1).build());

        // Up to two requests in flight, two attempts of 300 ms each (the second request is not sent when the first
        // one's attempts have already stopped the run). The stub answers a hung request only when it closes, after
        // the test: the import ended because the client gave up on every attempt by its own deadline.
        ImportJob job = importCsv(8);

        int attempts = stub.requestCount();
        assertThat(attempts % 2).as("every request sent was tried twice: %d attempts", attempts).isZero();
        assertThat(attempts).isBetween(2, 4);
        stub.awaitHanging(attempts);
        assertThat(stub.hanging()).as("every attempt is still unanswered").isEqualTo(attempts);
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.embeddedCount()).isZero();
        assertThat(job.errorMessage()).isEqualTo("embedding: " + endpoint() + ": gave up after 2 attempts; last error: "
                + "no response within 300 ms (timeout) (8 pairs left pending; retry with retryPending)");
        assertAllPending(job.id(), 8);

        // The provider works again; a client with the usual timeout, as 300 ms would also time out an answer on a
        // loaded machine and send its inputs twice.
        stub.endOutage();
        qa.close();
        qaImport(Stack.openAi(stub).maxRetries(1).build());
        assertRetryPendingFinishes(job.id(), 8);
    }

    @Test
    void aRejectedKeyStopsTheStageAndTheKeyIsInNoMessageResultRowOrLogLine() {
        stub.close();
        stub = StubEmbeddingServer.builder().requireApiKey(RIGHT_KEY).start();
        // 4 inputs per request, 1 in flight: 40 pairs are 10 requests; once the first is refused, none follows.
        qaImport(Stack.openAi(stub).apiKey(KEY).limits(new EmbeddingLimits(4, 10_000, 1_000, 1)).build());

        ImportJob job;
        List<RecordedRequest> sentByImport;
        EmbeddingResult retry;
        List<RecordedRequest> sentByRetry;
        String logged;
        try (LogCapture log = new LogCapture()) {
            job = importCsv(40);
            sentByImport = stub.requests();
            stub.resetStats();
            retry = qa.retryPending(job.id());
            sentByRetry = stub.requests();
            logged = log.text();
        }

        // The key was really sent, and the stub echoed it back in its 401.
        assertThat(sentByImport).isNotEmpty().allSatisfy(r -> assertThat(r.header("authorization")).isEqualTo("Bearer " + KEY));
        assertThat(sentByImport).as("the stage stops: no request after the one refused").hasSize(1)
                .flatExtracting(RecordedRequest::inputs).as("a 401 is neither retried nor split").doesNotHaveDuplicates();
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.embeddedCount()).isZero();
        assertThat(job.embeddingErrorCount()).as("nothing is marked FAILED for a bad key").isZero();
        assertThat(job.errorMessage()).startsWith("embedding: " + endpoint() + ": HTTP 401: Incorrect API key provided: ****")
                .contains("(authentication failed: check the API key)")
                .endsWith("(40 pairs left pending; retry with retryPending)");
        assertAllPending(job.id(), 40);
        assertThat(retry.embedded()).isZero();
        assertThat(retry.failed()).isZero();
        assertThat(retry.pending()).isEqualTo(40);
        assertThat(retry.requests()).isEqualTo(sentByRetry.size()).isEqualTo(1L);
        assertThat(retry.error()).startsWith(endpoint() + ": HTTP 401: Incorrect API key provided: ****")
                .endsWith("(authentication failed: check the API key)");
        assertThat(logged).as("the stage's warning was captured").contains("embedding stopped: " + endpoint() + ": HTTP 401");
        assertNoKey(job.errorMessage());
        assertNoKey(qa.getJob(job.id()).orElseThrow().toString());
        assertNoKey(retry.toString());
        assertNoKey(Stack.storedText(ds, job.id()));
        assertNoKey(logged);
    }

    @Test
    void exhaustedQuotaIsFatalNotRetriedAndLeavesPairsPending() {
        stub.startOutage(Reply.openAiError(429, "You exceeded your current quota, please check your plan and billing details.",
                "insufficient_quota", "insufficient_quota"));
        qaImport(Stack.openAi(stub).limits(new EmbeddingLimits(4, 10_000, 1_000, 1)).build());

        ImportJob job = importCsv(40);

        assertThat(stub.requests()).as("the stage stops: no request after the one refused").hasSize(1)
                .flatExtracting(RecordedRequest::inputs).as("no retry, no split").doesNotHaveDuplicates();
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.embeddingErrorCount()).isZero();
        assertThat(job.errorMessage()).isEqualTo("embedding: " + endpoint() + ": HTTP 429: You exceeded your current quota, "
                + "please check your plan and billing details. (quota exhausted: add credit or raise the quota)"
                + " (40 pairs left pending; retry with retryPending)");
        assertAllPending(job.id(), 40);

        stub.endOutage();
        assertRetryPendingFinishes(job.id(), 40);
    }
}
