package dev.qaimport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.jdbc.Dialect;
import dev.qaimport.jdbc.SchemaInstaller;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.model.QAStatus;
import dev.qaimport.spi.NewPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The prefix itself: which names it rewrites, in statements and in the schema scripts, and which prefixes it refuses. */
class TablePrefixRenderingTest {
    /** Where a script names a table, constraint or index, found independently of the renderer. */
    private static final Pattern NAME_POSITIONS = Pattern.compile("\\b(?:CREATE TABLE IF NOT EXISTS|ALTER TABLE|ON|REFERENCES"
            + "|CONSTRAINT|KEY|INDEX IF NOT EXISTS|DROP INDEX IF EXISTS)\\s+([a-z_][a-z0-9_]*)");

    @Test
    void statementsGetThePrefixOnWholeTableNamesOnly() {
        TablePrefix acme = TablePrefix.of("acme_");
        String sql = "UPDATE import_jobs SET embedded_count = (SELECT COUNT(*) FROM qa_pairs p WHERE p.import_job_id = import_jobs.id), "
                + "x = (SELECT 1 FROM qa_reembedding_pairs s JOIN qa_reembeddings r ON r.id = s.reembedding_id "
                + "WHERE s.pair_id = qa_pairs.id) WHERE id IN (<ids>) AND job = :qa_pairs AND note = 'my_qa_pairs qa_pairs_old'";

        assertThat(acme.sql(sql)).isEqualTo("UPDATE acme_import_jobs SET embedded_count = (SELECT COUNT(*) FROM acme_qa_pairs p "
                + "WHERE p.import_job_id = acme_import_jobs.id), x = (SELECT 1 FROM acme_qa_reembedding_pairs s JOIN acme_qa_reembeddings r "
                + "ON r.id = s.reembedding_id WHERE s.pair_id = acme_qa_pairs.id) WHERE id IN (<ids>) AND job = :qa_pairs "
                + "AND note = 'my_qa_pairs qa_pairs_old'");
        assertThat(acme.sql(acme.sql(sql))).as("idempotent").isEqualTo(acme.sql(sql));
        assertThat(TablePrefix.NONE.sql(sql)).isSameAs(sql);
        assertThat(acme.sql("COPY qa_pairs (id, import_job_id) FROM STDIN")).isEqualTo("COPY acme_qa_pairs (id, import_job_id) FROM STDIN");
        assertThat(acme.sql("INSERT INTO import_payload_chunks (job_id, seq, data) VALUES (?, ?, ?)"))
                .isEqualTo("INSERT INTO acme_import_payload_chunks (job_id, seq, data) VALUES (?, ?, ?)");
        assertThat(acme.sql("SELECT * FROM qa_vectors, import_row_errors")).isEqualTo("SELECT * FROM acme_qa_vectors, acme_import_row_errors");
    }

    /** A new table in a script that the code does not know would be installed unprefixed and never checked. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void theScriptsCreateExactlyTheTablesTheCodeKnows(Dialect dialect) {
        Set<String> created = new LinkedHashSet<>();
        Matcher m = Pattern.compile("CREATE TABLE IF NOT EXISTS ([a-z_]+)").matcher(Schema.script(dialect));
        while (m.find()) {
            created.add(m.group(1));
        }
        assertThat(created).containsExactlyInAnyOrderElementsOf(Schema.TABLES.keySet());
        assertThat(created).containsExactlyInAnyOrderElementsOf(TestDatabase.TABLES);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void theRenderedScriptNamesNothingUnprefixedAndChangesNothingElse(Dialect dialect) {
        String shipped = Schema.script(dialect);
        String rendered = SchemaInstaller.script(dialect, "zq9_");

        List<String> statements = Schema.statements(rendered);
        assertThat(statements).hasSameSizeAs(Schema.statements(shipped));
        Set<String> named = new LinkedHashSet<>();
        for (String statement : statements) {
            Matcher m = NAME_POSITIONS.matcher(withoutComments(statement));
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        assertThat(named).hasSizeGreaterThan(Schema.TABLES.size() + 10).allSatisfy(name -> assertThat(name).startsWith("zq9_"));

        // Every name the shipped script uses, tables and constraints and indexes, is gone as a whole word.
        Set<String> shippedNames = new LinkedHashSet<>();
        Matcher m = NAME_POSITIONS.matcher(withoutComments(shipped));
        while (m.find()) {
            shippedNames.add(m.group(1));
        }
        String code = withoutComments(rendered);
        assertThat(shippedNames).allSatisfy(name ->
                assertThat(Pattern.compile("(?<![a-z0-9_])" + name + "(?![a-z0-9_])").matcher(code).find()).as(name).isFalse());

        // Nothing but names changed: without the prefix (and the header line) the rendered script is the shipped one.
        assertThat(rendered).startsWith("-- Rendered with the table prefix 'zq9_'");
        assertThat(rendered.substring(rendered.indexOf('\n') + 1).replace("zq9_", "")).isEqualTo(shipped);
        assertThat(SchemaInstaller.script(dialect, "")).isEqualTo(shipped).isEqualTo(SchemaInstaller.script(dialect));
    }

    @Test
    void theLongestPrefixedNameFitsPostgresIdentifierLimit() {
        int longest = 0;
        for (Dialect dialect : Dialect.values()) {
            String script = withoutComments(Schema.script(dialect));
            Matcher m = NAME_POSITIONS.matcher(script);
            while (m.find()) {
                longest = Math.max(longest, m.group(1).length());
            }
        }
        assertThat(longest).isEqualTo(TablePrefix.longestName()).isGreaterThan(20);
        assertThat(TablePrefix.MAX_LENGTH + longest).isLessThanOrEqualTo(TablePrefix.IDENTIFIER_LIMIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acme_", "1acme", "_acme", "acme-", "ac me", "acme;drop table qa_pairs", "acmé_", "acme\"", "abcdefghijklmnopq"})
    void invalidPrefixesAreRefusedNamingThePrefixAndTheRule(String prefix) {
        assertThatThrownBy(() -> TablePrefix.of(prefix)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid table prefix '" + prefix + "': ")
                .hasMessageContaining("at most 16 characters")
                .hasMessageContaining("the longest name qa-import creates has " + TablePrefix.longestName() + " characters")
                .hasMessageContaining("PostgreSQL's 63-byte identifier limit");
        assertThatThrownBy(() -> TablePrefix.of(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "acme_", "t2_", "x_y_z", "abcdefghijklmnop"})
    void validPrefixesAreKept(String prefix) {
        assertThat(TablePrefix.of(prefix).value()).isEqualTo(prefix);
        assertThat(TablePrefix.of("").isNone()).isTrue();
    }

    /** Batches of 16 rows or more go through COPY on PostgreSQL, past JDBI: it must name the prefixed table. */
    @Test
    void postgresCopyWritesThePrefixedTable() {
        try (TestDatabase db = TestDatabases.postgres()) {
            SchemaInstaller.install(db.dataSource(), "acme_");
            PairWriter noFallback = (handle, pairs) -> {
                throw new AssertionError("COPY fell back to the batch writer for " + pairs.size() + " pairs");
            };
            CopyPairWriter copy = new CopyPairWriter(noFallback, TablePrefix.of("acme_"));
            UUID job = UUID.randomUUID();
            List<NewPair> pairs = new ArrayList<>();
            for (int i = 1; i <= CopyPairWriter.MIN_ROWS; i++) {
                pairs.add(new NewPair(UUID.randomUUID(), "default", job, i, "Q" + i, "A" + i, null, List.of("t"), "key-" + i, QAStatus.DRAFT,
                        Instant.parse("2030-01-01T00:00:00Z")));
            }
            try (Handle h = db.jdbi().open()) {
                copy.insert(h, pairs);
                assertThat(h.createQuery("SELECT question FROM acme_qa_pairs ORDER BY source_row").mapTo(String.class).list())
                        .isEqualTo(pairs.stream().map(NewPair::question).collect(Collectors.toList()));
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static String withoutComments(String script) {
        return script.lines().map(line -> line.contains("--") ? line.substring(0, line.indexOf("--")) : line)
                .collect(Collectors.joining("\n"));
    }
}
