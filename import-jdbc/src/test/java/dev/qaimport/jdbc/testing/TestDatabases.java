package dev.qaimport.jdbc.testing;

import dev.qaimport.jdbc.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh databases for tests: one per test class, dropped afterwards.
 *
 * <ul>
 *   <li>H2: {@code jdbc:h2:mem:<uuid>;DB_CLOSE_DELAY=-1}, or a file database in a given folder.</li>
 *   <li>PostgreSQL: a new schema {@code qa_<random>} reached with {@code currentSchema=}, dropped
 *       with {@code CASCADE}. {@code QA_IMPORT_PG_URL} (default
 *       {@code jdbc:postgresql://127.0.0.1:5432/test}), {@code QA_IMPORT_PG_USER} (default
 *       {@code postgres}), {@code QA_IMPORT_PG_PASSWORD} (default empty).</li>
 *   <li>MariaDB: a new database {@code qa_<random>}. {@code QA_IMPORT_MARIADB_URL} (default
 *       {@code jdbc:mariadb://127.0.0.1:3306/}), {@code QA_IMPORT_MARIADB_USER} (default
 *       {@code root}), {@code QA_IMPORT_MARIADB_PASSWORD} (default empty). Its sessions run
 *       in time zone {@code +05:30} to prove that the server's zone does not matter.</li>
 * </ul>
 *
 * When a server cannot be reached the test is skipped with a message saying which server and
 * how to configure it, except when the environment variable {@code CI} is {@code true}: then it
 * fails, so that CI never passes by skipping.
 *
 * <p>Other modules use these through import-jdbc's test-jar ({@code <type>test-jar</type>});
 * they need JUnit 5, HikariCP and the JDBC drivers of the databases they use on their test class
 * path.
 */
public final class TestDatabases {
    public static final String PG_URL = env("QA_IMPORT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = env("QA_IMPORT_PG_USER", "postgres");
    public static final String PG_PASSWORD = env("QA_IMPORT_PG_PASSWORD", "");
    public static final String MARIADB_URL = env("QA_IMPORT_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
    public static final String MARIADB_USER = env("QA_IMPORT_MARIADB_USER", "root");
    public static final String MARIADB_PASSWORD = env("QA_IMPORT_MARIADB_PASSWORD", "");

    private TestDatabases() {
    }

    /** A fresh database of the given dialect (H2 in memory). */
    public static TestDatabase create(Dialect dialect) {
        switch (dialect) {
            case H2:
                return h2Memory();
            case POSTGRESQL:
                return postgres();
            case MARIADB:
                return mariadb();
            default:
                throw new IllegalArgumentException("no test database for " + dialect);
        }
    }

    /** A fresh in-memory H2 database. */
    public static TestDatabase h2Memory() {
        String name = "qa_" + UUID.randomUUID().toString().replace("-", "");
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        return new TestDatabase(Dialect.H2, name, url, "sa", "", () -> shutdownH2(url));
    }

    /** A fresh H2 file database in {@code directory}; its files stay for the caller to delete. */
    public static TestDatabase h2File(Path directory) {
        return h2File(directory, "qa_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    /** The H2 file database {@code name} in {@code directory}, created if missing, kept when closed. */
    public static TestDatabase h2File(Path directory, String name) {
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve(name) + ";DB_CLOSE_DELAY=-1";
        return new TestDatabase(Dialect.H2, name, url, "sa", "", () -> shutdownH2(url));
    }

    /** A fresh schema in the PostgreSQL database of {@code QA_IMPORT_PG_URL}. */
    public static TestDatabase postgres() {
        String schema = randomName();
        admin("PostgreSQL", PG_URL, PG_USER, PG_PASSWORD, "QA_IMPORT_PG_URL", "CREATE SCHEMA " + schema);
        String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&reWriteBatchedInserts=true";
        return new TestDatabase(Dialect.POSTGRESQL, schema, url, PG_USER, PG_PASSWORD,
                () -> admin("PostgreSQL", PG_URL, PG_USER, PG_PASSWORD, "QA_IMPORT_PG_URL", "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    /** A fresh database on the MariaDB server of {@code QA_IMPORT_MARIADB_URL}. */
    public static TestDatabase mariadb() {
        String database = randomName();
        admin("MariaDB", MARIADB_URL, MARIADB_USER, MARIADB_PASSWORD, "QA_IMPORT_MARIADB_URL", "CREATE DATABASE " + database);
        String url = withDatabase(MARIADB_URL, database);
        url += (url.contains("?") ? "&" : "?") + "sessionVariables=time_zone='+05:30'";
        return new TestDatabase(Dialect.MARIADB, database, url, MARIADB_USER, MARIADB_PASSWORD,
                () -> admin("MariaDB", MARIADB_URL, MARIADB_USER, MARIADB_PASSWORD, "QA_IMPORT_MARIADB_URL",
                        "DROP DATABASE IF EXISTS " + database));
    }

    /** {@code url} pointing at {@code database} instead of the database it names, if any. */
    static String withDatabase(String url, String database) {
        String[] parts = url.split("\\?", 2);
        String base = parts[0];
        int hostStart = base.indexOf("//");
        int slash = base.indexOf('/', hostStart < 0 ? 0 : hostStart + 2);
        String authority = slash < 0 ? base : base.substring(0, slash);
        return authority + "/" + database + (parts.length > 1 ? "?" + parts[1] : "");
    }

    private static String randomName() {
        return "qa_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    private static void admin(String server, String url, String user, String password, String variable, String sql) {
        admin(server, url, user, password, variable, sql, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /**
     * Runs {@code sql} on the server; when it cannot be reached, fails under CI and otherwise
     * aborts the test (a skip with the reason).
     */
    static void admin(String server, String url, String user, String password, String variable, String sql, boolean ci) {
        DriverManager.setLoginTimeout(5);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            String message = server + " is not reachable at " + url + " as " + user + " ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "). Start it or point " + variable + " at one.";
            if (ci) {
                throw new IllegalStateException(message + " CI=true, so this fails instead of skipping.", e);
            }
            Assumptions.abort(message + " Skipped (set CI=true to make this a failure).");
        }
    }

    private static void shutdownH2(String url) {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // Already shut down.
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
