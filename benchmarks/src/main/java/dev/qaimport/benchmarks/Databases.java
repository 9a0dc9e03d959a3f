package dev.qaimport.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates a fresh, empty database per run and removes it afterwards: a new H2 file directory, a
 * new PostgreSQL schema in the configured database, a new MariaDB database. Connection settings
 * come from the environment ({@code QA_BENCH_PG_URL}, {@code QA_BENCH_PG_USER},
 * {@code QA_BENCH_PG_PASSWORD}, {@code QA_BENCH_MARIADB_URL}, {@code QA_BENCH_MARIADB_USER},
 * {@code QA_BENCH_MARIADB_PASSWORD}) with the local servers as defaults.
 */
final class Databases implements AutoCloseable {
    private final Path workDir;
    private final Set<Target> live = ConcurrentHashMap.newKeySet();
    private final Thread hook = new Thread(this::dropLive, "benchmark-databases-cleanup");
    private final String pgUrl = env("QA_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private final String pgUser = env("QA_BENCH_PG_USER", "postgres");
    private final String pgPassword = env("QA_BENCH_PG_PASSWORD", "");
    private final String mariaUrl = stripSlash(env("QA_BENCH_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306"));
    private final String mariaUser = env("QA_BENCH_MARIADB_USER", "root");
    private final String mariaPassword = env("QA_BENCH_MARIADB_PASSWORD", "");
    private final String suffix = Long.toString(ProcessHandle.current().pid());
    private final AtomicInteger counter = new AtomicInteger();

    Databases(Path workDir) {
        this.workDir = workDir;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * An empty database for one run.
     *
     * @param database which kind
     * @param jdbcUrl  where it is (without variant properties)
     * @param user     user
     * @param password password
     * @param name     the H2 directory, PostgreSQL schema or MariaDB database
     */
    record Target(Database database, String jdbcUrl, String user, String password, String name) {
        @Override
        public String toString() {
            return database.id() + " " + jdbcUrl;
        }
    }

    Target fresh(Database database) throws SQLException, IOException {
        Target target = create(database);
        live.add(target);
        return target;
    }

    private Target create(Database database) throws SQLException, IOException {
        return switch (database) {
            case H2 -> {
                Path dir = workDir.resolve("h2-" + counter.incrementAndGet());
                Files.createDirectories(dir);
                yield new Target(database, "jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath(), "sa", "", dir.toString());
            }
            case POSTGRESQL -> {
                String schema = "qa_bench_" + suffix;
                try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword); Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                    st.execute("CREATE SCHEMA " + schema);
                }
                yield new Target(database, pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema, pgUser, pgPassword, schema);
            }
            case MARIADB -> {
                String name = "qa_bench_" + suffix;
                try (Connection c = DriverManager.getConnection(mariaUrl + "/", mariaUser, mariaPassword); Statement st = c.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + name);
                    st.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                }
                yield new Target(database, mariaUrl + "/" + name, mariaUser, mariaPassword, name);
            }
        };
    }

    /** Rows in {@code table} of {@code target}, or -1 when the table does not exist. */
    long count(Target target, String table) {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    void drop(Target target) throws SQLException, IOException {
        live.remove(target);
        switch (target.database()) {
            case H2 -> Workspace.deleteRecursively(Path.of(target.name()));
            case POSTGRESQL -> {
                try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword); Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + target.name() + " CASCADE");
                }
            }
            case MARIADB -> {
                try (Connection c = DriverManager.getConnection(mariaUrl + "/", mariaUser, mariaPassword); Statement st = c.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + target.name());
                }
            }
        }
    }

    /** The server's version string, or why it could not be read. */
    String version(Database database) {
        String sql = switch (database) {
            case H2 -> "SELECT H2VERSION()";
            case POSTGRESQL -> "SHOW server_version";
            case MARIADB -> "SELECT VERSION()";
        };
        String url = switch (database) {
            case H2 -> "jdbc:h2:mem:version";
            case POSTGRESQL -> pgUrl;
            case MARIADB -> mariaUrl + "/";
        };
        String user = database == Database.POSTGRESQL ? pgUser : database == Database.MARIADB ? mariaUser : "sa";
        String password = database == Database.POSTGRESQL ? pgPassword : database == Database.MARIADB ? mariaPassword : "";
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "unreachable (" + e.getMessage() + ")";
        }
    }

    /** Drops what a run interrupted by Ctrl-C left behind. */
    private void dropLive() {
        for (Target target : live) {
            try {
                drop(target);
            } catch (SQLException | IOException | RuntimeException e) {
                System.err.println("could not drop " + target + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        dropLive();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or has run.
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
