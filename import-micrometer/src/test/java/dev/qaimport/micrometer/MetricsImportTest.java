package dev.qaimport.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.ImportOptions;
import dev.qaimport.QaImport;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.testing.ManualClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meters of real imports into H2, read from a {@link SimpleMeterRegistry}. */
class MetricsImportTest {
    static final String FILE = "customer-secrets-2026.csv";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ManualClock clock = new ManualClock();
    private QaImport qa;

    @AfterEach
    void close() {
        if (qa != null) {
            qa.close();
        }
    }

    static JdbcDataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:metrics-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    /** No automatic start and no recovery sweep: the test runs each job itself. */
    static QaImport.Builder qaImport() {
        return QaImport.builder()
                .store(JdbcImportStore.builder(h2()).installSchema(true).build())
                .autoStart(false)
                .recoveryInterval(Duration.ZERO)
                .batchSize(10);
    }

    /** {@code valid} distinct rows, then {@code duplicates} repeats of the first ones, then {@code invalid} rows without an answer. */
    static byte[] csv(String prefix, int valid, int duplicates, int invalid) {
        StringBuilder sb = new StringBuilder("question,answer\n");
        for (int i = 1; i <= valid; i++) {
            sb.append("Question ").append(prefix).append(' ').append(i).append("?,Answer ").append(i).append(".\n");
        }
        for (int i = 1; i <= duplicates; i++) {
            sb.append("Question ").append(prefix).append(' ').append(i).append("?,Another answer.\n");
        }
        for (int i = 1; i <= invalid; i++) {
            sb.append("Question without an answer ").append(i).append("?,\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private ImportJob run(byte[] content, ImportOptions options) {
        return run(qa, content, options);
    }

    /** Starts a job and runs it in the calling thread, in the collection of the options. */
    static ImportJob run(QaImport qa, byte[] content, ImportOptions options) {
        QaImport in = qa.inCollection(options.collection() != null ? options.collection() : qa.collection());
        UUID id = in.startImport(FILE, new ByteArrayInputStream(content), options);
        return in.processImport(id);
    }

    private double rows(String collection, String outcome) {
        return registry.get("qaimport.rows").tags("collection", collection, "outcome", outcome).counter().count();
    }

    @Test
    void countsRowsBatchesAndJobsOfAnImportByOutcomeAndCollection() {
        qa = qaImport().build();
        QaImportMetrics.bind(qa, registry);

        ImportJob job = run(csv("a", 20, 2, 3), ImportOptions.defaults());
        ImportJob other = run(csv("b", 5, 0, 0), ImportOptions.builder().collection("acme").build());

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(other.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(rows("default", "created")).isEqualTo(20);
        assertThat(rows("default", "skipped")).isEqualTo(2);
        assertThat(rows("default", "rejected")).isEqualTo(3);
        assertThat(rows("default", "updated")).isZero();
        assertThat(rows("acme", "created")).isEqualTo(5);
        // 25 rows in batches of 10; 5 rows in one.
        assertThat(registry.get("qaimport.batches").tags("collection", "default").counter().count()).isEqualTo(3);
        assertThat(registry.get("qaimport.batches").tags("collection", "acme").counter().count()).isEqualTo(1);
        assertThat(registry.get("qaimport.batch.commit").tags("collection", "default").timer().count()).isEqualTo(3);
        assertThat(registry.get("qaimport.jobs.finished").tags("collection", "default", "status", "completed").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("qaimport.job").tags("collection", "acme", "status", "completed").timer().count()).isEqualTo(1);
        assertThat(registry.get("qaimport.rows").counter().getId().getBaseUnit()).isEqualTo("rows");
        assertTagsAreBounded(job);
    }

    @Test
    void countsRowsThatUpdateStoredPairs() {
        qa = qaImport().build();
        QaImportMetrics.bind(qa, registry);
        run(csv("a", 4, 0, 0), ImportOptions.defaults());

        run(csv("a", 4, 0, 0), ImportOptions.builder().duplicatePolicy(dev.qaimport.model.DuplicatePolicy.UPDATE).build());

        assertThat(rows("default", "updated")).isEqualTo(4);
        assertThat(rows("default", "created")).isEqualTo(4);
        assertThat(registry.get("qaimport.jobs.finished").tags("status", "completed").counter().count()).isEqualTo(2);
    }

    @Test
    void gaugesReadTheDatabaseAtMostOncePerTtl() {
        qa = qaImport().build();
        QaImportMetrics metrics = QaImportMetrics.builder(qa, registry).clock(clock).gaugeTtl(Duration.ofSeconds(10)).bind();
        run(csv("a", 7, 0, 0), ImportOptions.defaults());
        qa.startImport(FILE, new ByteArrayInputStream(csv("q", 2, 0, 0)), ImportOptions.defaults());

        assertThat(gauge("qaimport.jobs.queued")).isEqualTo(1);
        assertThat(gauge("qaimport.embeddings.pending")).as("no provider: the pairs wait").isEqualTo(7);
        assertThat(gauge("qaimport.jobs.running")).isZero();
        assertThat(gauge("qaimport.jobs.stale")).isZero();
        assertThat(metrics.databaseReads()).isEqualTo(1);

        qa.startImport(FILE, new ByteArrayInputStream(csv("r", 2, 0, 0)), ImportOptions.defaults());
        clock.advance(Duration.ofSeconds(9));
        assertThat(gauge("qaimport.jobs.queued")).as("still cached").isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(gauge("qaimport.jobs.queued")).isEqualTo(2);
        assertThat(metrics.databaseReads()).isEqualTo(2);
    }

    @Test
    void gaugesOfOtherCollectionsWhenAsked() {
        qa = qaImport().build();
        QaImportMetrics.builder(qa, registry).clock(clock).gaugeCollections("default", "acme").tags(Tags.of("app", "faq")).bind();
        qa.inCollection("acme").startImport(FILE, new ByteArrayInputStream(csv("q", 2, 0, 0)), ImportOptions.defaults());

        assertThat(registry.get("qaimport.jobs.queued").tags("collection", "acme", "app", "faq").gauge().value()).isEqualTo(1);
        assertThat(registry.get("qaimport.jobs.queued").tags("collection", "default").gauge().value()).isZero();
    }

    @Test
    void closeRemovesEveryMeterAndStopsCounting() {
        qa = qaImport().build();
        QaImportMetrics metrics = QaImportMetrics.bind(qa, registry);
        run(csv("a", 3, 0, 0), ImportOptions.defaults());
        assertThat(registry.getMeters()).isNotEmpty();

        metrics.close();
        metrics.close();
        run(csv("b", 3, 0, 0), ImportOptions.defaults());

        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void gaugesShowNaNWhileTheDatabaseCannotBeReadAndAskAgainOnlyAfterTheTtl() throws Exception {
        JdbcDataSource ds = h2();
        qa = QaImport.builder().store(JdbcImportStore.builder(ds).installSchema(true).build()).autoStart(false)
                .recoveryInterval(Duration.ZERO).build();
        QaImportMetrics metrics = QaImportMetrics.builder(qa, registry).clock(clock).bind();
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("DROP TABLE qa_pairs CASCADE");
        }

        assertThat(gauge("qaimport.jobs.queued")).isNaN();
        assertThat(gauge("qaimport.embeddings.pending")).isNaN();
        assertThat(metrics.databaseReads()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(10));
        assertThat(gauge("qaimport.jobs.running")).isNaN();
        assertThat(metrics.databaseReads()).isEqualTo(2);
    }

    @Test
    void refusesBadOptionsByName() {
        qa = qaImport().build();
        assertThatThrownBy(() -> QaImportMetrics.builder(qa, registry).gaugeTtl(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gaugeTtl < 0: PT-1S");
        assertThatThrownBy(() -> QaImportMetrics.bind(null, registry)).hasMessage("qa");
    }

    private double gauge(String name) {
        return registry.get(name).tags("collection", "default").gauge().value();
    }

    /** No tag of any meter holds the file name, a job id or row text. */
    private void assertTagsAreBounded(ImportJob job) {
        for (Meter m : registry.getMeters()) {
            for (Tag t : m.getId().getTags()) {
                assertThat(t.getValue()).doesNotContain(FILE).doesNotContain("customer").doesNotContain(job.id().toString())
                        .doesNotContain("Question");
                assertThat(t.getKey()).isIn("collection", "outcome", "status", "provider", "model", "app");
            }
        }
    }
}
