package dev.qaimport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.jdbc.Dialect;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.SchemaInstaller;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A prefixed install made by the scripts of the release before collections upgrades in place, its
 * own tables only: on MariaDB the installer's steps look for the prefixed tables' columns and
 * alter those, and an unprefixed install in the same database is left as it was.
 */
class PrefixedUpgradeTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aPrefixedInstallOfTheReleaseBeforeCollectionsUpgradesAndLeavesTheUnprefixedOneAlone(Dialect dialect) throws Exception {
        try (TestDatabase db = TestDatabases.create(dialect)) {
            String old = resource("dev/qaimport/jdbc/schema-history/before-collections/" + dialect.schemaResource().replaceAll(".*/", ""));
            run(db, TablePrefix.of("acme_").script(old));
            run(db, old);
            UUID job = UUID.randomUUID();
            String id = "'" + job + "'";
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO acme_import_jobs (id, filename, source_type, status, options, payload_store, created_at, updated_at) "
                        + "VALUES (" + id + ", 'old.csv', 'CSV', 'COMPLETED', '{}', 'database', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }

            SchemaInstaller.install(db.dataSource(), "acme_");
            SchemaInstaller.install(db.dataSource(), "acme_");

            try (JdbcImportStore acme = JdbcImportStore.builder(db.dataSource()).tablePrefix("acme_").build()) {
                acme.verify();
                assertThat(acme.jobs().find(job)).get().extracting(j -> j.collection()).isEqualTo("default");
            }
            assertThat(columnExists(db, "qa_pairs", "collection")).as("the unprefixed install is not upgraded").isFalse();
            assertThat(columnExists(db, "acme_qa_pairs", "collection")).isTrue();
        }
    }

    private static boolean columnExists(TestDatabase db, String table, String column) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT " + column + " FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PrefixedUpgradeTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void run(TestDatabase db, String script) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String statement : Schema.statements(script)) {
                s.execute(statement);
            }
        }
    }
}
