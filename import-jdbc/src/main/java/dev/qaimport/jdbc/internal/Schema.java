package dev.qaimport.jdbc.internal;

import dev.qaimport.jdbc.Dialect;
import dev.qaimport.spi.StoreException;
import dev.qaimport.spi.StoreException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The schema scripts and what is done with them: detecting the dialect, installing a script,
 * and checking that the tables are there.
 *
 * <p>Installing is safe from several processes at once: on PostgreSQL the script runs in one
 * transaction under {@code pg_advisory_xact_lock} (concurrent {@code CREATE TABLE IF NOT EXISTS}
 * can otherwise fail on the catalog's unique index); on MariaDB under {@code GET_LOCK} named after
 * the database. H2 has no such lock and its {@code CREATE INDEX IF NOT EXISTS} is not atomic
 * (two sessions can both find the index missing, and one then fails with "object already
 * exists"), so installs within one JVM are serialized by a lock, and a statement that fails
 * anyway (another process raced it) is retried: every statement is idempotent.
 *
 * <p>Public only for {@code SchemaInstaller}: {@link #script} and {@link #install(DataSource, TablePrefix)}.
 * The check that the schema is there is {@link SchemaCheck}.
 */
public final class Schema {
    /** The tables and the columns this version reads and writes. */
    static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("import_jobs", JdbcJobs.COLUMNS + ", options, payload_store, updated_count, attempt_base");
        TABLES.put("qa_pairs", "id, collection, question, answer, category, tags, status, import_job_id, source_row, question_key, "
                + "embedding_status, embedding_key, embedding_error, embedding_claim_owner, embedding_claim_until, "
                + "created_at, updated_at");
        TABLES.put("import_row_errors", "id, job_id, source_row, source_line, field, code, message, original_question, "
                + "original_answer, created_at");
        TABLES.put("qa_vectors", "embedding_key, model, dimensions, vector, created_at");
        TABLES.put("import_payload_chunks", "job_id, seq, data");
        TABLES.put("qa_reembeddings", JdbcReembeddings.COLUMNS + ", active");
        TABLES.put("qa_reembedding_pairs", "reembedding_id, pair_id, pair_version, embedding_key, embedding_error");
    }

    /** Key of the PostgreSQL advisory lock (the bytes of "qaimport"). */
    static final long PG_LOCK_KEY = 0x7161696d706f7274L;
    /** Seconds to wait for another process's install on MariaDB. */
    static final int MARIADB_LOCK_SECONDS = 60;

    /** Attempts per statement on H2 before giving up. */
    static final int H2_ATTEMPTS = 5;
    private static final java.util.concurrent.locks.ReentrantLock H2_INSTALL = new java.util.concurrent.locks.ReentrantLock();

    private Schema() {
    }

    /** The dialect of the database {@code connection} talks to. */
    static Dialect detect(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        return Dialect.detect(meta.getDatabaseProductName(), meta.getDatabaseMajorVersion(),
                meta.getDatabaseMinorVersion(), meta.getDatabaseProductVersion());
    }

    /** The schema script of {@code dialect} as shipped, unprefixed. */
    public static String script(Dialect dialect) {
        String resource = dialect.schemaResource();
        try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing from the class path: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read schema resource " + resource, e);
        }
    }

    /** The schema script of {@code dialect} with {@code prefix} on every table, constraint and index name. */
    public static String script(Dialect dialect, TablePrefix prefix) {
        return prefix.script(script(dialect));
    }

    /**
     * The statements of a script: {@code --} comment lines dropped, statements ending with a
     * {@code ;} at the end of a line. The shipped scripts keep to that shape.
     */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\r?\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    /**
     * Installs the schema through {@code dataSource}; returns the dialect it found. Failures name
     * the database by its URL without secrets.
     */
    public static Dialect install(DataSource dataSource, TablePrefix prefix) {
        String description = Redact.describe(dataSource);
        try (Connection c = dataSource.getConnection()) {
            Dialect dialect = detect(c);
            install(c, dialect, prefix);
            return dialect;
        } catch (SQLException e) {
            throw SqlErrors.translate("installing the qa-import schema in " + description, e);
        }
    }

    /**
     * Installs the script of {@code dialect}, rendered with {@code prefix}. Installs with different
     * prefixes share one lock: they are rare and quick, and one lock needs no second name.
     */
    static void install(Connection c, Dialect dialect, TablePrefix prefix) throws SQLException {
        List<String> statements = statements(script(dialect, prefix));
        boolean autoCommit = c.getAutoCommit();
        try {
            switch (dialect) {
                case POSTGRESQL:
                    c.setAutoCommit(false);
                    try {
                        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                            lock.setLong(1, PG_LOCK_KEY);
                            lock.execute();
                        }
                        run(c, statements);
                        c.commit();
                    } catch (SQLException | RuntimeException e) {
                        rollbackQuietly(c, e);
                        throw e;
                    }
                    break;
                case MARIADB:
                    c.setAutoCommit(true);
                    String name = mariaDbLockName(c);
                    acquireMariaDbLock(c, name);
                    try {
                        run(c, statements);
                        MariaDbUpgrades.apply(c, prefix);
                    } finally {
                        try (PreparedStatement release = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                            release.setString(1, name);
                            release.execute();
                        }
                    }
                    break;
                case H2:
                    c.setAutoCommit(true);
                    H2_INSTALL.lock();
                    try {
                        runRetrying(c, statements);
                    } finally {
                        H2_INSTALL.unlock();
                    }
                    break;
                default:
                    throw new IllegalStateException("no installer for " + dialect);
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void run(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static void runRetrying(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                for (int attempt = 1; ; attempt++) {
                    try {
                        s.execute(sql);
                        break;
                    } catch (SQLException e) {
                        if (attempt >= H2_ATTEMPTS) {
                            throw e;
                        }
                        pause(attempt * 20L);
                    }
                }
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(Kind.FATAL, "interrupted while installing the schema", e);
        }
    }

    private static String mariaDbLockName(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
            String database = rs.next() ? rs.getString(1) : null;
            if (database == null) {
                throw new StoreException(Kind.FATAL, "no database selected: put the database name in the JDBC URL "
                        + "(jdbc:mariadb://host:3306/NAME)", null);
            }
            String name = "qa_import_schema:" + database;
            return name.length() <= 64 ? name : name.substring(0, 64);
        }
    }

    private static void acquireMariaDbLock(Connection c, String name) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            lock.setString(1, name);
            lock.setInt(2, MARIADB_LOCK_SECONDS);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next() || rs.getInt(1) != 1) {
                    throw new StoreException(Kind.TRANSIENT, "another process held the schema lock '" + name
                            + "' for more than " + MARIADB_LOCK_SECONDS + " s", null);
                }
            }
        }
    }

    private static void rollbackQuietly(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

}
