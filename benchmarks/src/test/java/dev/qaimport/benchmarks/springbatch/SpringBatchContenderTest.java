package dev.qaimport.benchmarks.springbatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.benchmarks.Database;
import dev.qaimport.benchmarks.ImportOutcome;
import dev.qaimport.benchmarks.ImportSpec;
import dev.qaimport.benchmarks.Variant;
import dev.qaimport.benchmarks.baseline.NaiveJdbcContender;
import dev.qaimport.benchmarks.data.FaqGenerator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spring Batch job and the naive baseline do the same work on the same file: same counts, same rows. */
class SpringBatchContenderTest {
    @TempDir
    Path dir;

    @Test
    void importsValidRowsRecordsErrorsAndSkipsDuplicatesWithAJdbcJobRepository() throws Exception {
        FaqGenerator.Summary file = FaqGenerator.standard(600).write(dir.resolve("faq.csv"));
        String url = "jdbc:h2:file:" + dir.resolve("sb").toAbsolutePath();
        UUID runId = UUID.randomUUID();

        ImportOutcome outcome = new SpringBatchContender().run(new ImportSpec(Database.H2, url, "sa", "", file.file(), 100, runId));

        assertThat(outcome).isEqualTo(new ImportOutcome(600, file.validRows(), file.invalidRows(), file.duplicateRows()));
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            assertThat(count(st, "SELECT COUNT(*) FROM qa_pairs WHERE import_job_id = '" + runId + "' AND status = 'DRAFT' "
                    + "AND embedding_status = 'PENDING'")).isEqualTo(file.validRows());
            assertThat(count(st, "SELECT COUNT(DISTINCT question_key) FROM qa_pairs")).isEqualTo(file.validRows());
            assertThat(count(st, "SELECT COUNT(*) FROM import_errors WHERE line >= source_row + 1 AND field IS NOT NULL")).isEqualTo(file.invalidRows());
            assertThat(count(st, "SELECT COUNT(*) FROM qa_pairs WHERE question LIKE '%<%' OR answer LIKE '%<script%'")).isZero();
            try (ResultSet rs = st.executeQuery("SELECT STATUS FROM BATCH_JOB_EXECUTION")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("COMPLETED");
                assertThat(rs.next()).isFalse();
            }
            assertThat(count(st, "SELECT COMMIT_COUNT FROM BATCH_STEP_EXECUTION")).isEqualTo(6);
        }
    }

    @Test
    void naiveJdbcStoresTheSameAsSpringBatch() throws Exception {
        FaqGenerator.Summary file = FaqGenerator.standard(400).write(dir.resolve("faq.csv"));
        String sbUrl = "jdbc:h2:file:" + dir.resolve("sb").toAbsolutePath();
        String naiveUrl = "jdbc:h2:file:" + dir.resolve("naive").toAbsolutePath();

        ImportOutcome sb = new SpringBatchContender().run(new ImportSpec(Database.H2, sbUrl, "sa", "", file.file(), 50, UUID.randomUUID()));
        ImportOutcome naive = new NaiveJdbcContender().run(new ImportSpec(Database.H2, naiveUrl, "sa", "", file.file(), 50, UUID.randomUUID()));

        assertThat(naive).isEqualTo(sb);
        String rows = "SELECT source_row, question, answer, category, tags, question_key FROM qa_pairs ORDER BY source_row";
        String errors = "SELECT source_row, line, field, message FROM import_errors ORDER BY source_row";
        assertThat(dump(naiveUrl, rows)).isEqualTo(dump(sbUrl, rows));
        assertThat(dump(naiveUrl, errors)).isEqualTo(dump(sbUrl, errors)).contains("question is required");
    }

    @Test
    void runsOnPostgreSqlVariantsOnly() {
        SpringBatchContender contender = new SpringBatchContender();
        assertThat(contender.variants(Database.POSTGRESQL)).containsExactly(Variant.DEFAULT, Variant.PG_REWRITE);
        assertThat(contender.variants(Database.MARIADB)).containsExactly(Variant.DEFAULT);
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String dump(String url, String sql) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    out.append(rs.getString(i)).append('\t');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
