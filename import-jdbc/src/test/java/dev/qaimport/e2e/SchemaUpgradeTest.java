package dev.qaimport.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.CollectionName;
import dev.qaimport.ProgressCallback;
import dev.qaimport.QaImport;
import dev.qaimport.jdbc.Dialect;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.SchemaInstaller;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.model.EmbeddingResult;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.Reembedding;
import dev.qaimport.spi.StoreException;
import dev.qaimport.testing.ScriptedEmbeddings;
import dev.qaimport.validate.QuestionKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database whose schema was made by the scripts of an earlier release (kept under
 * {@code schema-history/} in the test resources: before re-embedding, and before collections),
 * holding an import that release stored, upgrades in place by running the current script,
 * idempotently: its jobs and pairs join the {@code default} collection, keep their duplicate
 * detection, and can be embedded and re-embedded.
 */
class SchemaUpgradeTest {
    static Stream<Arguments> histories() {
        return Stream.of("before-reembedding", "before-collections")
                .flatMap(history -> Stream.of(Dialect.values()).map(dialect -> Arguments.of(history, dialect)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("histories")
    void aDatabaseOfAnEarlierSchemaUpgradesInPlaceAndKeepsItsJobsAndPairs(String history, Dialect dialect) throws Exception {
        try (TestDatabase db = TestDatabases.create(dialect)) {
            runScript(db, "dev/qaimport/jdbc/schema-history/" + history + "/" + dialect.schemaResource().replaceAll(".*/", ""));
            UUID before = storeAsAnEarlierReleaseDid(db, 6);
            try (JdbcImportStore notYet = JdbcImportStore.create(db.dataSource())) {
                assertThatThrownBy(notYet::verify).isInstanceOf(StoreException.class)
                        .hasMessageStartingWith("table import_jobs in ").hasMessageContaining(" lacks columns this version of "
                                + "qa-import needs (expected id, collection, ");
            }

            SchemaInstaller.install(db.dataSource());
            SchemaInstaller.install(db.dataSource());

            ScriptedEmbeddings alpha = new ScriptedEmbeddings("alpha", ScriptedEmbeddings.small().limits());
            try (JdbcImportStore store = JdbcImportStore.create(db.dataSource());
                    QaImport qa = builder(store).embeddingService(alpha).build()) {
                assertThat(qa.getJob(before)).get().extracting(ImportJob::collection, ImportJob::successCount)
                        .containsExactly(CollectionName.DEFAULT, 6L);
                assertThat(E2e.pairs(qa, before)).hasSize(6).extracting(QAPair::collection).containsOnly(CollectionName.DEFAULT);
                EmbeddingResult embedded = qa.retryPending(before);
                assertThat(embedded.embedded()).isEqualTo(6);
                assertThat(E2e.run(qa, "again.csv", E2e.csv("u", 6)).skippedCount()).as("duplicates of the old pairs").isEqualTo(6);
                assertThat(E2e.run(qa.inCollection("acme"), "acme.csv", E2e.csv("u", 6)).successCount()).isEqualTo(6);

                Reembedding moved = qa.processReembedding(qa.reembed(new ScriptedEmbeddings("beta",
                        ScriptedEmbeddings.small().limits()), null), ProgressCallback.NONE);
                assertThat(moved).extracting(Reembedding::status, Reembedding::embedded).containsExactly(JobStatus.COMPLETED, 6L);
            }
        }
    }

    /** A completed import of {@code rows} pairs whose embeddings are pending, written as an earlier release wrote it. */
    private static UUID storeAsAnEarlierReleaseDid(TestDatabase db, int rows) throws SQLException {
        UUID job = UUID.randomUUID();
        boolean maria = db.dialect() == Dialect.MARIADB;
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        Object now = maria ? LocalDateTime.ofInstant(t, ZoneOffset.UTC) : t.atOffset(ZoneOffset.UTC);
        try (Connection c = db.dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO import_jobs (id, filename, source_type, status, options, "
                    + "payload_store, total_rows, processed_rows, success_count, created_at, updated_at, completed_at) "
                    + "VALUES (?, 'old.csv', 'CSV', 'COMPLETED', '{\"version\":1}', 'database', ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, maria ? job.toString() : job);
                ps.setLong(2, rows);
                ps.setLong(3, rows);
                ps.setLong(4, rows);
                ps.setObject(5, now);
                ps.setObject(6, now);
                ps.setObject(7, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO qa_pairs (id, question, answer, tags, status, import_job_id, "
                    + "source_row, question_key, embedding_status, created_at, updated_at) VALUES (?, ?, ?, '', 'DRAFT', ?, ?, ?, "
                    + "'PENDING', ?, ?)")) {
                for (int i = 1; i <= rows; i++) {
                    UUID id = UUID.randomUUID();
                    String question = "Question u-" + i + "?";
                    ps.setObject(1, maria ? id.toString() : id);
                    ps.setString(2, question);
                    ps.setString(3, "Answer " + i + ".");
                    ps.setObject(4, maria ? job.toString() : job);
                    ps.setLong(5, i);
                    ps.setString(6, QuestionKey.of(question));
                    ps.setObject(7, now);
                    ps.setObject(8, now);
                    ps.executeUpdate();
                }
            }
        }
        return job;
    }

    private static QaImport.Builder builder(JdbcImportStore store) {
        return QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO)
                .leaseDuration(Duration.ofSeconds(5)).shutdownTimeout(Duration.ofSeconds(5));
    }

    /** Runs a script of the shipped shape: {@code --} comment lines, one statement per {@code ;} at a line's end. */
    private static void runScript(TestDatabase db, String resource) throws IOException, SQLException {
        String script;
        try (InputStream in = SchemaUpgradeTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\r?\n")) {
            if (line.isBlank() || line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                String s = current.toString().strip();
                statements.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }
}
