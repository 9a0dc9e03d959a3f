package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qaimport.jdbc.Dialect;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The program on the production databases, {@code --db jdbc:postgresql://…} and
 * {@code --db jdbc:mariadb://…}, each test in a fresh schema or database. Without a server the
 * tests are skipped with a message, and fail when {@code CI=true} (see {@link TestDatabases}).
 */
class CliDatabasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<TestDatabase> databases = new ArrayList<>();

    @AfterEach
    void dropDatabases() {
        databases.forEach(TestDatabase::close);
    }

    private TestDatabase fresh(Dialect dialect) {
        TestDatabase db = TestDatabases.create(dialect);
        databases.add(db);
        return db;
    }

    private Cli cli(TestDatabase db) {
        return new Cli(dir).env("QA_IMPORT_DB_USER", db.user()).env("QA_IMPORT_DB_PASSWORD", db.password());
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void importsTheSampleFileIntoAFreshDatabase(Dialect dialect) throws Exception {
        TestDatabase db = fresh(dialect);

        Cli.Result r = cli(db).run("import", Cli.sample("faq-sample.csv").toString(), "--db", db.jdbcUrl(), "--embeddings", "none", "--json");

        assertThat(r.status()).as(r.toString()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(json.get("totalRows").asLong()).isEqualTo(200);
        assertThat(json.get("successCount").asLong()).isEqualTo(190);
        assertThat(json.get("skippedCount").asLong()).isEqualTo(3);
        assertThat(json.get("errorCount").asLong()).isEqualTo(7);
        // The database is this test's alone, so every row in it is the import's.
        assertThat(count(db, "SELECT COUNT(*) FROM import_jobs")).isEqualTo(1);
        assertThat(count(db, "SELECT COUNT(*) FROM qa_pairs")).isEqualTo(json.get("successCount").asLong());
        assertThat(count(db, "SELECT COUNT(*) FROM import_row_errors")).isEqualTo(json.get("errorCount").asLong());
        assertThat(Files.exists(dir.resolve("qa-import-data"))).as("the default H2 database stays untouched").isFalse();

        Cli.Result status = cli(db).run("status", json.get("jobId").asText(), "--db", db.jdbcUrl(), "--json");
        assertThat(JSON.readTree(status.out()).get("successCount").asLong()).isEqualTo(190);
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void aDryRunInstallsNoSchemaInADatabaseThatHasNone(Dialect dialect) throws Exception {
        TestDatabase db = fresh(dialect);

        Cli.Result r = cli(db).run("import", Cli.sample("faq-sample.csv").toString(), "--db", db.jdbcUrl(), "--dry-run", "--json");

        assertThat(r.status()).as(r.toString()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("comparedWithDatabase").asBoolean()).isFalse();
        assertThat(json.get("wouldCreate").asLong()).isEqualTo(190);
        assertThat(count(db, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?", db.name())).as("tables").isZero();
    }

    private static long count(TestDatabase db, String sql, String... parameters) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
