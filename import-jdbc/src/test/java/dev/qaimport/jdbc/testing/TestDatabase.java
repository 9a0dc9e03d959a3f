package dev.qaimport.jdbc.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.qaimport.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * A database of its own for one test class: a fresh H2 database, PostgreSQL schema or MariaDB
 * database, with a small HikariCP pool on it. {@link #close()} closes the pools and drops what
 * it created. Obtain one from {@link TestDatabases}.
 */
public final class TestDatabase implements AutoCloseable {
    /** Tables of the qa-import schema, children first, so that deleting in this order respects foreign keys. */
    public static final List<String> TABLES = List.of(
            "qa_reembedding_pairs", "qa_reembeddings", "import_payload_chunks", "import_row_errors", "qa_pairs", "qa_vectors",
            "import_jobs");

    private final Dialect dialect;
    private final String name;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Runnable drop;
    private final HikariDataSource dataSource;
    private final List<HikariDataSource> extraPools = new ArrayList<>();

    TestDatabase(Dialect dialect, String name, String jdbcUrl, String user, String password, Runnable drop) {
        this.dialect = dialect;
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.drop = drop;
        this.dataSource = pool(null, "main");
    }

    /** The database family. */
    public Dialect dialect() {
        return dialect;
    }

    /** The name of the fresh database or schema (for H2, of the database). */
    public String name() {
        return name;
    }

    /** A JDBC URL that reaches exactly this database or schema. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The shared pool (up to 10 connections); closed by {@link #close()}. */
    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** A JDBI on {@link #dataSource()}, for looking at raw rows in tests. */
    public Jdbi jdbi() {
        return Jdbi.create(dataSource);
    }

    /**
     * Another pool on the same database whose connections first run {@code initSql} (for example
     * a short lock timeout); closed by {@link #close()}.
     */
    public synchronized DataSource newDataSource(String initSql) {
        HikariDataSource pool = pool(Objects.requireNonNull(initSql, "initSql"), "extra-" + extraPools.size());
        extraPools.add(pool);
        return pool;
    }

    private HikariDataSource pool(String initSql, String suffix) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("test-" + name + "-" + suffix);
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        if (initSql != null) {
            config.setConnectionInitSql(initSql);
        }
        return new HikariDataSource(config);
    }

    /** Deletes every row of the qa-import tables that exist; tables not installed are skipped. */
    public void clean() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try {
                    s.executeUpdate("DELETE FROM " + table);
                } catch (SQLException e) {
                    // The table is not installed in this database.
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cleaning " + name + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        for (HikariDataSource pool : extraPools) {
            pool.close();
        }
        extraPools.clear();
        dataSource.close();
        drop.run();
    }

    @Override
    public String toString() {
        return dialect.displayName() + " " + name;
    }
}
