package dev.qaimport.e2e;

import static dev.qaimport.e2e.TablePrefixTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.EmbeddingInput;
import dev.qaimport.ImportOptions;
import dev.qaimport.ProgressCallback;
import dev.qaimport.QaImport;
import dev.qaimport.jdbc.Dialect;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.SchemaInstaller;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.EmbeddingStatus;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.Reembedding;
import dev.qaimport.testing.ScriptedEmbeddings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An application whose own tables are named like qa-import's, with constraint and index names
 * like qa-import's too, and no qa-import tables without a prefix: a prefixed install and every
 * kind of write and read leave the application's tables as they were. Since no unprefixed
 * qa-import table exists here, a statement that forgot the prefix fails.
 */
class TablePrefixAppTablesTest {
    /** The application's tables; their constraint and index names are the ones qa-import's scripts declare unprefixed. */
    private static final List<String> APP_DDL = List.of(
            "CREATE TABLE import_jobs (id INTEGER NOT NULL, name VARCHAR(100) NOT NULL, CONSTRAINT pk_import_jobs PRIMARY KEY (id))",
            "CREATE TABLE qa_pairs (id INTEGER NOT NULL, title VARCHAR(100) NOT NULL, CONSTRAINT pk_qa_pairs PRIMARY KEY (id))",
            "CREATE INDEX ix_qa_pairs_question_key ON qa_pairs (title)",
            "CREATE TABLE import_row_errors (id INTEGER NOT NULL, job INTEGER NOT NULL, CONSTRAINT pk_import_row_errors PRIMARY KEY (id), "
                    + "CONSTRAINT fk_import_row_errors_job FOREIGN KEY (job) REFERENCES import_jobs (id))",
            "INSERT INTO import_jobs (id, name) VALUES (1, 'the application''s job')",
            "INSERT INTO qa_pairs (id, title) VALUES (7, 'the application''s row')",
            "INSERT INTO import_row_errors (id, job) VALUES (3, 1)");

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anApplicationsOwnTablesNamedLikeOursAreUntouchedByAPrefixedInstallAndImport(Dialect dialect) {
        try (TestDatabase db = TestDatabases.create(dialect)) {
            db.jdbi().useHandle(h -> APP_DDL.forEach(h::execute));
            Map<String, List<String>> appTables = Catalog.tables(db);

            ScriptedEmbeddings alpha = ScriptedEmbeddings.small();
            try (JdbcImportStore store = JdbcImportStore.builder(db.dataSource()).tablePrefix("acme_").installSchema(true).build();
                    QaImport qa = QaImport.builder().store(store).embeddingService(alpha).embeddingInput(EmbeddingInput.question())
                            .autoStart(false).recoveryInterval(Duration.ZERO).batchSize(20).leaseDuration(Duration.ofSeconds(5))
                            .shutdownTimeout(Duration.ofSeconds(10)).build()) {
                SchemaInstaller.install(db.dataSource(), "acme_");
                store.verify();

                ImportJob first = E2e.run(qa, "faq.csv", E2e.csv("app", 40) + E2e.row("A question without an answer?", "", "", ""));
                assertThat(first).extracting(ImportJob::status, ImportJob::successCount, ImportJob::errorCount, ImportJob::embeddedCount)
                        .containsExactly(JobStatus.COMPLETED, 40L, 1L, 40L);
                ImportJob again = E2e.run(qa, "again.csv", E2e.utf8(E2e.csv("app", 3).replace("Answer", "Better answer")),
                        ImportOptions.builder().duplicatePolicy(DuplicatePolicy.UPDATE).build());
                assertThat(again).extracting(ImportJob::status, ImportJob::successCount).containsExactly(JobStatus.COMPLETED, 3L);
                assertThat(E2e.pairs(qa, again.id())).extracting(QAPair::answer).allSatisfy(a -> assertThat(a).startsWith("Better answer"));
                assertThat(E2e.errors(qa, first.id())).hasSize(1);
                assertThat(qa.search("Question app-7?", 3).get(0).question()).isEqualTo("Question app-7?");
                assertThat(qa.retryFailed(first.id()).embedded()).isZero();

                Reembedding moved = qa.processReembedding(qa.reembed(new ScriptedEmbeddings("beta", alpha.limits()), null),
                        ProgressCallback.NONE);
                assertThat(moved).extracting(Reembedding::status, Reembedding::embedded).containsExactly(JobStatus.COMPLETED, 40L);
                assertThat(E2e.pairs(qa, first.id())).extracting(QAPair::embeddingStatus).containsOnly(EmbeddingStatus.EMBEDDED);

                assertThat(qa.recentJobs(10)).hasSize(2);
                assertThat(count(db, "acme_qa_pairs")).isEqualTo(40);
                assertThat(count(db, "acme_import_row_errors")).isEqualTo(1);
                assertThat(count(db, "acme_qa_vectors")).isEqualTo(80);
                assertThat(count(db, "acme_import_payload_chunks")).as("uploads are deleted when their job ends").isZero();
                assertThat(count(db, "acme_qa_reembedding_pairs")).isZero();

                if (dialect == Dialect.POSTGRESQL) {
                    // The statistics refresh after a large import analyzes the prefixed table, not the application's.
                    store.afterBulkWrite(1_000);
                    assertThat(reltuples(db, "acme_qa_pairs")).isEqualTo(40);
                    assertThat(reltuples(db, "qa_pairs")).isLessThan(1);
                }
            }

            Map<String, List<String>> after = Catalog.tables(db);
            assertThat(after.keySet()).hasSize(3 + 7);
            assertThat(after).containsAllEntriesOf(appTables);
            assertThat(after.get("acme_qa_pairs").get(3)).contains("acme_ix_qa_pairs_question_key_collection", "acme_ix_qa_pairs_embedding_claim");
            assertThat(rows(db, "SELECT id, name FROM import_jobs")).containsExactly("1 the application's job");
            assertThat(rows(db, "SELECT id, title FROM qa_pairs")).containsExactly("7 the application's row");
            assertThat(rows(db, "SELECT id, job FROM import_row_errors")).containsExactly("3 1");
        }
    }

    private static List<String> rows(TestDatabase db, String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2)).list())
                .stream().collect(Collectors.toList());
    }

    private static double reltuples(TestDatabase db, String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT reltuples FROM pg_class WHERE oid = CAST(:t AS regclass)")
                .bind("t", table).mapTo(Double.class).one());
    }
}
