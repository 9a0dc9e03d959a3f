package dev.qaimport.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.qaimport.model.Reembedding;
import dev.qaimport.spi.StoreException;
import dev.qaimport.testing.ScriptedEmbeddings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A database whose schema was made by the scripts of the release before re-embedding (kept under
 * {@code schema-history/} in the test resources), with an import in it, upgrades in place by
 * running the current script, idempotently, and its pairs can then be embedded and re-embedded.
 */
class SchemaUpgradeTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aDatabaseOfTheEarlierSchemaUpgradesInPlaceAndKeepsItsJobsAndPairs(Dialect dialect) throws Exception {
        try (TestDatabase db = TestDatabases.create(dialect)) {
            runScript(db, "dev/qaimport/jdbc/schema-history/before-reembedding/" + dialect.schemaResource().replaceAll(".*/", ""));
            ImportJob before;
            // What an earlier release stored: an import without embeddings.
            try (JdbcImportStore old = JdbcImportStore.create(db.dataSource());
                    QaImport qa = builder(old).verifyOnBuild(false).build()) {
                before = E2e.run(qa, "faq.csv", E2e.csv("u", 6));
                assertThat(before.status()).isEqualTo(JobStatus.COMPLETED);
            }
            try (JdbcImportStore notYet = JdbcImportStore.create(db.dataSource())) {
                assertThatThrownBy(notYet::verify).isInstanceOf(StoreException.class)
                        .hasMessageStartingWith("table qa_reembeddings is missing in ");
            }

            SchemaInstaller.install(db.dataSource());
            SchemaInstaller.install(db.dataSource());

            ScriptedEmbeddings alpha = new ScriptedEmbeddings("alpha", ScriptedEmbeddings.small().limits());
            try (JdbcImportStore store = JdbcImportStore.create(db.dataSource());
                    QaImport qa = builder(store).embeddingService(alpha).build()) {
                assertThat(qa.getJob(before.id())).get().extracting(ImportJob::successCount).isEqualTo(6L);
                EmbeddingResult embedded = qa.retryPending(before.id());
                assertThat(embedded.embedded()).isEqualTo(6);

                Reembedding moved = qa.processReembedding(qa.reembed(new ScriptedEmbeddings("beta",
                        ScriptedEmbeddings.small().limits()), null), ProgressCallback.NONE);
                assertThat(moved).extracting(Reembedding::status, Reembedding::embedded).containsExactly(JobStatus.COMPLETED, 6L);
                assertThat(E2e.pairs(qa, before.id())).hasSize(6);
            }
        }
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
