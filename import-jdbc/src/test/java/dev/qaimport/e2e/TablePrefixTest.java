package dev.qaimport.e2e;

import static dev.qaimport.e2e.E2e.errors;
import static dev.qaimport.e2e.E2e.pairs;
import static dev.qaimport.e2e.E2e.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.EmbeddingInput;
import dev.qaimport.ProgressCallback;
import dev.qaimport.QaImport;
import dev.qaimport.SearchHit;
import dev.qaimport.jdbc.Dialect;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.SchemaInstaller;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.Reembedding;
import dev.qaimport.spi.StoreException;
import dev.qaimport.testing.ScriptedEmbeddings;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stores with different table prefixes, and one without, in one database (one PostgreSQL schema):
 * each installs, imports, embeds, searches and re-embeds in its own tables and never sees another's
 * rows. Every test makes databases of its own, since {@code TestDatabase.clean()} knows only the
 * unprefixed tables.
 */
class TablePrefixTest {
    /** One store and its import: the prefix, what it imported, what it should see. */
    private record Tenant(String prefix, JdbcImportStore store, QaImport qa, String name, int rows, int errorRows) {
        List<String> questions() {
            List<String> out = IntStream.rangeClosed(1, rows).mapToObj(i -> "Question " + name + "-" + i + "?")
                    .collect(Collectors.toList());
            out.add("What is shared?");
            return out;
        }

        String csv() {
            StringBuilder csv = new StringBuilder(E2e.csv(name, rows)).append(row("What is shared?", "Shared answer of " + name, "", ""));
            for (int i = 1; i <= errorRows; i++) {
                csv.append(row("Question " + name + " without an answer " + i + "?", "", "", ""));
            }
            return csv.toString();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void storesWithDifferentPrefixesInOneDatabaseSeeOnlyTheirOwnJobsPairsErrorsVectorsAndHits(Dialect dialect) {
        try (TestDatabase db = TestDatabases.create(dialect)) {
            for (String prefix : List.of("", "acme_", "beta_")) {
                assertThat(SchemaInstaller.install(db.dataSource(), prefix)).isEqualTo(dialect);
            }
            List<Tenant> tenants = new ArrayList<>();
            try {
                // Batches of 50 go through COPY on PostgreSQL, batches of 10 through the JDBC batch; acme keeps its upload.
                tenants.add(tenant(db, "", "plain", 18, 0, 50, false));
                tenants.add(tenant(db, "acme_", "acme", 30, 1, 50, true));
                tenants.add(tenant(db, "beta_", "beta", 24, 2, 10, false));
                Map<String, ImportJob> jobs = new java.util.LinkedHashMap<>();
                for (Tenant t : tenants) {
                    ImportJob job = E2e.run(t.qa(), t.name() + ".csv", t.csv());
                    assertThat(job).extracting(ImportJob::status, ImportJob::successCount, ImportJob::errorCount, ImportJob::skippedCount,
                            ImportJob::embeddedCount).as(t.name()).containsExactly(JobStatus.COMPLETED, t.rows() + 1L,
                            (long) t.errorRows(), 0L, t.rows() + 1L);
                    jobs.put(t.prefix(), job);
                }

                for (Tenant t : tenants) {
                    UUID own = jobs.get(t.prefix()).id();
                    assertThat(t.qa().recentJobs(10)).extracting(ImportJob::id).as(t.name()).containsExactly(own);
                    assertThat(pairs(t.qa(), own)).extracting(QAPair::question).containsExactlyInAnyOrderElementsOf(t.questions());
                    assertThat(errors(t.qa(), own)).hasSize(t.errorRows());
                    for (Tenant other : tenants) {
                        if (other != t) {
                            UUID theirs = jobs.get(other.prefix()).id();
                            assertThat(t.qa().getJob(theirs)).isEmpty();
                            assertThat(pairs(t.qa(), theirs)).isEmpty();
                            assertThat(errors(t.qa(), theirs)).isEmpty();
                        }
                    }
                    List<SearchHit> hits = t.qa().search("Question " + t.name() + "-3?", 5);
                    assertThat(hits.get(0).question()).isEqualTo("Question " + t.name() + "-3?");
                    assertThat(hits).extracting(SearchHit::question).allSatisfy(q -> assertThat(t.questions()).contains(q));
                    assertThat(t.qa().search("What is shared?", 1)).extracting(SearchHit::answer).containsExactly("Shared answer of " + t.name());

                    assertThat(count(db, t.prefix() + "import_jobs")).isEqualTo(1);
                    assertThat(count(db, t.prefix() + "qa_pairs")).isEqualTo(t.rows() + 1);
                    assertThat(count(db, t.prefix() + "import_row_errors")).isEqualTo(t.errorRows());
                    assertThat(count(db, t.prefix() + "qa_vectors")).as("the same text and model: a vector per store").isEqualTo(t.rows() + 1);
                    assertThat(count(db, t.prefix() + "import_payload_chunks") > 0).isEqualTo(t.prefix().equals("acme_"));
                }

                // One unfinished re-embedding per store: acme's does not stop beta's, and neither touches the plain store.
                Map<String, String> plainKeys = embeddingKeys(db, "");
                ScriptedEmbeddings gamma = new ScriptedEmbeddings("gamma", ScriptedEmbeddings.small().limits());
                UUID acmeMove = tenants.get(1).qa().reembed(gamma, null);
                UUID betaMove = tenants.get(2).qa().reembed(gamma, null);
                assertThat(betaMove).isNotEqualTo(acmeMove);
                for (int i = 1; i <= 2; i++) {
                    Tenant t = tenants.get(i);
                    Reembedding moved = t.qa().processReembedding(i == 1 ? acmeMove : betaMove, ProgressCallback.NONE);
                    assertThat(moved).extracting(Reembedding::status, Reembedding::embedded).containsExactly(JobStatus.COMPLETED, t.rows() + 1L);
                    assertThat(t.qa().recentReembeddings(10)).extracting(Reembedding::id).containsExactly(moved.id());
                }
                assertThat(tenants.get(0).qa().recentReembeddings(10)).isEmpty();
                assertThat(embeddingKeys(db, "")).isEqualTo(plainKeys);
                assertThat(count(db, "qa_vectors")).isEqualTo(19);
                assertThat(count(db, "acme_qa_vectors")).isEqualTo(2 * 31);

                // The catalog: 7 tables per install, and every constraint and index of a prefixed table has its prefix.
                Map<String, List<String>> catalog = Catalog.tables(db);
                assertThat(catalog.keySet()).hasSize(21).containsAll(TestDatabase.TABLES);
                for (String prefix : List.of("acme_", "beta_")) {
                    assertThat(catalog.keySet().stream().filter(table -> table.startsWith(prefix))).hasSize(7);
                    catalog.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).forEach(e -> {
                        for (String names : e.getValue().subList(1, 4)) {
                            for (String name : names.substring(3).split(",")) {
                                if (!name.isEmpty() && !name.matches("primary(_key_\\w+)?")) {
                                    assertThat(name).as(e.getKey()).startsWith(prefix);
                                }
                            }
                        }
                    });
                }

                // Installing again, by either way, changes nothing and keeps every row.
                for (String prefix : List.of("", "acme_", "beta_")) {
                    SchemaInstaller.install(db.dataSource(), prefix);
                    try (JdbcImportStore installing = JdbcImportStore.builder(db.dataSource()).tablePrefix(prefix).installSchema(true).build()) {
                        installing.verify();
                    }
                }
                assertThat(Catalog.tables(db)).isEqualTo(catalog);
                for (Tenant t : tenants) {
                    t.store().verify();
                    assertThat(count(db, t.prefix() + "qa_pairs")).isEqualTo(t.rows() + 1);
                }
            } finally {
                for (Tenant t : tenants) {
                    t.qa().close();
                    t.store().close();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void verifyOfAPrefixedStoreNamesTheMissingPrefixedTable(Dialect dialect) {
        try (TestDatabase db = TestDatabases.create(dialect)) {
            SchemaInstaller.install(db.dataSource());
            String where = db.jdbcUrl().split("[?;]")[0];
            try (JdbcImportStore plain = JdbcImportStore.create(db.dataSource());
                    JdbcImportStore acme = JdbcImportStore.builder(db.dataSource()).tablePrefix("acme_").build()) {
                plain.verify();
                assertThat(acme.tablePrefix()).isEqualTo("acme_");
                assertThat(acme.toString()).endsWith(", table prefix acme_]");
                assertThatThrownBy(acme::verify).isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.FATAL))
                        .hasMessageStartingWith("table acme_import_jobs is missing in " + where)
                        .hasMessageContaining("SchemaInstaller.install(dataSource, \"acme_\")")
                        .hasMessageContaining(".tablePrefix(\"acme_\").installSchema(true)")
                        .hasMessageContaining("SchemaInstaller.script(Dialect." + dialect.name() + ", \"acme_\")");

                SchemaInstaller.install(db.dataSource(), "acme_");
                acme.verify();
                db.jdbi().useHandle(h -> h.execute("DROP TABLE acme_qa_vectors"));
                assertThatThrownBy(acme::verify).isInstanceOf(StoreException.class)
                        .hasMessageStartingWith("table acme_qa_vectors is missing in " + where);
                plain.verify();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acme_", "9lives_", "_acme", "acme-", "acme.", "ac me", "acme_;DROP TABLE qa_pairs;--", "abcdefghijklmnopq"})
    void invalidPrefixesAreRefusedBeforeAnythingConnects(String prefix) {
        DataSource untouchable = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    throw new AssertionError("the data source was used: " + method.getName());
                });
        String message = "invalid table prefix '" + prefix + "': ";
        assertThatThrownBy(() -> JdbcImportStore.builder(untouchable).tablePrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message).hasMessageContaining("at most 16 characters");
        assertThatThrownBy(() -> JdbcImportStore.builder("jdbc:h2:mem:x", "sa", "").tablePrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
        assertThatThrownBy(() -> SchemaInstaller.install(untouchable, prefix))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message).hasMessageContaining("63-byte");
        assertThatThrownBy(() -> SchemaInstaller.script(Dialect.POSTGRESQL, prefix))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    private static Tenant tenant(TestDatabase db, String prefix, String name, int rows, int errorRows, int batchSize, boolean keep) {
        JdbcImportStore store = JdbcImportStore.builder(db.dataSource()).tablePrefix(prefix).build();
        QaImport qa = QaImport.builder().store(store).embeddingService(ScriptedEmbeddings.small()).embeddingInput(EmbeddingInput.question())
                .autoStart(false).recoveryInterval(Duration.ZERO).batchSize(batchSize).keepPayloads(keep)
                .leaseDuration(Duration.ofSeconds(5)).shutdownTimeout(Duration.ofSeconds(10)).build();
        return new Tenant(prefix, store, qa, name, rows, errorRows);
    }

    static long count(TestDatabase db, String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    private static Map<String, String> embeddingKeys(TestDatabase db, String prefix) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT question, embedding_key FROM " + prefix + "qa_pairs")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list()).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
