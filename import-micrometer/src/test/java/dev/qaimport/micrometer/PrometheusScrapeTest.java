package dev.qaimport.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.ImportOptions;
import dev.qaimport.QaImport;
import dev.qaimport.micrometer.internal.MeterObserver;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.spi.EmbeddingRequestEvent;
import dev.qaimport.spi.EmbeddingRequestEvent.Outcome;
import dev.qaimport.spi.ImportObserver;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a Prometheus server scrapes: the names and labels the README shows. */
class PrometheusScrapeTest {
    @Test
    void scrapesTheNamesTheReadmeShows() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (QaImport qa = MetricsImportTest.qaImport().build(); QaImportMetrics metrics = QaImportMetrics.bind(qa, registry)) {
            MetricsImportTest.run(qa, MetricsImportTest.csv("a", 20, 2, 3), ImportOptions.defaults());

            String scrape = registry.scrape();

            assertThat(scrape.lines()).contains(
                    "qaimport_rows_total{collection=\"default\",outcome=\"created\"} 20.0",
                    "qaimport_rows_total{collection=\"default\",outcome=\"skipped\"} 2.0",
                    "qaimport_rows_total{collection=\"default\",outcome=\"rejected\"} 3.0",
                    "qaimport_batches_total{collection=\"default\"} 3.0",
                    "qaimport_batch_commit_seconds_count{collection=\"default\"} 3",
                    "qaimport_job_seconds_count{collection=\"default\",status=\"completed\"} 1",
                    "qaimport_jobs_finished_total{collection=\"default\",status=\"completed\"} 1.0",
                    "qaimport_jobs_queued{collection=\"default\"} 0.0",
                    "qaimport_embeddings_pending{collection=\"default\"} 20.0");
            assertThat(scrape).doesNotContain(MetricsImportTest.FILE);
        }
    }

    @Test
    void scrapesTheEmbeddingNamesTheReadmeShows() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EmbeddingProfile profile = EmbeddingProfile.of("openai", "text-embedding-3-small");
        try (MeterObserver observer = new MeterObserver(registry, Tags.empty())) {
            observer.onRequest(new EmbeddingRequestEvent(profile, Outcome.RATE_LIMITED, Duration.ofMillis(80), 190, 11_873));
            observer.onRateLimitWait(profile, Duration.ofMillis(1_200));
            observer.onRequest(new EmbeddingRequestEvent(profile, Outcome.OK, Duration.ofMillis(832), 190, 11_873));
            observer.onEmbeddingsCommitted(new ImportObserver.EmbeddingsCommitted(profile, 190, 0, 4));

            String tags = "{model=\"text-embedding-3-small\",provider=\"openai\"} ";
            assertThat(registry.scrape().lines()).contains(
                    "qaimport_embedding_requests_total{model=\"text-embedding-3-small\",outcome=\"ok\",provider=\"openai\"} 1.0",
                    "qaimport_embedding_requests_total{model=\"text-embedding-3-small\",outcome=\"429\",provider=\"openai\"} 1.0",
                    "qaimport_embedding_request_seconds_count" + tags + "2",
                    "qaimport_embedding_request_seconds_sum" + tags + "0.912",
                    "qaimport_embedding_request_inputs_sum" + tags + "190.0",
                    "qaimport_embedding_request_tokens_sum" + tags + "11873.0",
                    "qaimport_embedding_ratelimit_wait_seconds_count" + tags + "1",
                    "qaimport_embedding_ratelimit_wait_seconds_sum" + tags + "1.2",
                    "qaimport_embedding_cache_hits_total" + tags + "4.0",
                    "qaimport_embedding_pairs_total{model=\"text-embedding-3-small\",outcome=\"embedded\",provider=\"openai\"} 190.0");
        }
        assertThat(registry.getMeters()).isEmpty();
    }
}
