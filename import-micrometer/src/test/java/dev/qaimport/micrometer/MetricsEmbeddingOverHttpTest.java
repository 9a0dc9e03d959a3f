package dev.qaimport.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.ImportOptions;
import dev.qaimport.QaImport;
import dev.qaimport.embed.http.HttpEmbeddingService;
import dev.qaimport.embed.http.testing.Reply;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.spi.EmbeddingLimits;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedding meters of real imports into H2, embedded by {@link HttpEmbeddingService} against a
 * provider played by the JDK's HTTP server that answers some requests with 429 and 500. The
 * provider asks for no wait ({@code retry-after-ms: 0}), so nothing sleeps.
 */
class MetricsEmbeddingOverHttpTest {
    static final String KEY = "sk-test-metrics-0123456789";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private StubEmbeddingServer stub;
    private QaImport qa;

    @BeforeEach
    void start() {
        stub = StubEmbeddingServer.start();
        // Four inputs per request, one request at a time: 10 pairs are 3 requests (4, 4, 2), in order.
        HttpEmbeddingService service = HttpEmbeddingService.openAi()
                .baseUrl(stub.baseUrl())
                .apiKey(KEY)
                .model("text-embedding-3-small")
                .limits(new EmbeddingLimits(4, 10_000, 1_000, 1))
                .maxRetries(3)
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        qa = MetricsImportTest.qaImport().embeddingService(service).build();
    }

    @AfterEach
    void stop() {
        qa.close();
        stub.close();
    }

    private ImportJob run(String prefix, ImportOptions options) {
        return MetricsImportTest.run(qa, MetricsImportTest.csv(prefix, 10, 0, 0), options);
    }

    private double requests(String outcome) {
        return registry.get("qaimport.embedding.requests")
                .tags("outcome", outcome, "provider", "openai", "model", "text-embedding-3-small").counter().count();
    }

    @Test
    void countsRequestsByOutcomeWaitsInputsTokensAndCacheHits() {
        QaImportMetrics.bind(qa, registry);
        Reply tooMany = Reply.openAiError(429, "Rate limit reached", "requests", null).withHeader("retry-after-ms", "0");
        stub.enqueue(tooMany, tooMany, Reply.openAiError(500, "The server had an error", "server_error", null)
                .withHeader("retry-after-ms", "0"));

        ImportJob job = run("a", ImportOptions.defaults());

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.embeddedCount()).isEqualTo(10);
        assertThat(requests("ok")).isEqualTo(3);
        assertThat(requests("429")).isEqualTo(2);
        assertThat(requests("5xx")).isEqualTo(1);
        assertThat(requests("timeout")).isZero();
        assertThat(requests("rejected_input")).isZero();
        assertThat(stub.requestCount()).isEqualTo(6);
        assertThat(registry.get("qaimport.embedding.request").timer().count()).isEqualTo(6);
        assertThat(registry.get("qaimport.embedding.ratelimit.wait").timer().count()).as("one wait after each 429").isEqualTo(2);
        assertThat(registry.get("qaimport.embedding.request.inputs").summary().count()).isEqualTo(3);
        assertThat(registry.get("qaimport.embedding.request.inputs").summary().totalAmount()).isEqualTo(10);
        long tokens = 0;
        for (int i = 1; i <= 10; i++) {
            tokens += StubEmbeddingServer.tokensOf("Question a " + i + "?\n\nAnswer " + i + ".");
        }
        assertThat(registry.get("qaimport.embedding.request.tokens").summary().totalAmount()).isEqualTo(tokens);
        assertThat(registry.get("qaimport.embedding.pairs").tags("outcome", "embedded").counter().count()).isEqualTo(10);
        assertThat(registry.get("qaimport.embedding.cache.hits").counter().count()).isZero();

        // The same texts in another collection: every vector comes from the cache, no request is sent.
        ImportJob again = run("a", ImportOptions.builder().collection("acme").build());

        assertThat(again.embeddedCount()).isEqualTo(10);
        assertThat(stub.requestCount()).isEqualTo(6);
        assertThat(registry.get("qaimport.embedding.cache.hits").counter().count()).isEqualTo(10);
        assertThat(requests("ok")).isEqualTo(3);
        assertNoTagHoldsASecretOrAName();
    }

    @Test
    void countsTheRequestOfASearch() {
        run("s", ImportOptions.defaults());
        QaImportMetrics.bind(qa, registry);

        assertThat(qa.search("Question s 1?", 3)).hasSize(3);

        assertThat(requests("ok")).isEqualTo(1);
        assertThat(registry.get("qaimport.embedding.request.inputs").summary().totalAmount()).isEqualTo(1);
    }

    @Test
    void countsInputsTheProviderRejects() {
        stub.close();
        stub = StubEmbeddingServer.builder().rejectInputsContaining("Question b 3?").start();
        HttpEmbeddingService service = HttpEmbeddingService.openAi().baseUrl(stub.baseUrl()).model("m")
                .limits(new EmbeddingLimits(4, 10_000, 1_000, 1)).maxRetries(0).build();
        qa.close();
        qa = MetricsImportTest.qaImport().embeddingService(service).build();
        QaImportMetrics.bind(qa, registry);

        ImportJob job = run("b", ImportOptions.defaults());

        assertThat(job.embeddedCount()).isEqualTo(9);
        assertThat(registry.get("qaimport.embedding.requests").tags("outcome", "rejected_input", "model", "m").counter().count())
                .isPositive();
        assertThat(registry.get("qaimport.embedding.pairs").tags("outcome", "failed").counter().count()).isEqualTo(1);
    }

    private void assertNoTagHoldsASecretOrAName() {
        for (Meter m : registry.getMeters()) {
            for (Tag t : m.getId().getTags()) {
                assertThat(t.getValue()).doesNotContain(KEY).doesNotContain(MetricsImportTest.FILE).doesNotContain("127.0.0.1")
                        .doesNotContain("Question");
            }
        }
    }
}
