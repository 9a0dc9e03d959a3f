package dev.qaimport.jdbc;

import dev.qaimport.jdbc.internal.OwnedPool;
import dev.qaimport.jdbc.internal.StoreCore;
import dev.qaimport.jdbc.internal.TablePrefix;
import dev.qaimport.spi.BatchTransaction;
import dev.qaimport.spi.EmbeddingRepository;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.JobRepository;
import dev.qaimport.spi.PayloadStore;
import dev.qaimport.spi.QueryRepository;
import dev.qaimport.spi.ReembedRepository;
import dev.qaimport.spi.StoreException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;

/**
 * The JDBC implementation of qa-import's storage, on H2 2.2+, PostgreSQL 10+ and MariaDB 10.6+
 * (or MySQL 8). Immutable and thread-safe: one instance serves every job, worker and thread of a
 * process.
 *
 * <pre>{@code
 * JdbcImportStore store = JdbcImportStore.builder(dataSource).installSchema(true).build();
 * store.verify();
 * }</pre>
 *
 * <p>Bring your own pool ({@link #create}, {@link #builder(DataSource)}): the store never closes
 * it. Or let the store build a HikariCP pool ({@link #fromUrl}, {@link #builder(String, String,
 * String)}, needs {@code com.zaxxer:HikariCP} on the class path), which {@link #close()} closes.
 * Creating a store connects once to detect the {@link Dialect}; see {@code docs/SCHEMA.md} for the
 * tables and the driver settings that make batched inserts fast.
 */
public final class JdbcImportStore implements ImportStore, AutoCloseable {
    /** Default size of the chunks uploads are stored in: 1 MiB (256 KiB on H2). */
    public static final int DEFAULT_PAYLOAD_CHUNK_SIZE = 1 << 20;
    /**
     * Default chunk size on H2, whose MVStore keeps pages of large values on the heap: with 1 MiB
     * chunks a 64 MiB heap runs out of memory storing a 300 MiB upload; with 256 KiB it does not.
     */
    public static final int DEFAULT_H2_PAYLOAD_CHUNK_SIZE = 256 << 10;
    /** Smallest chunk size accepted. */
    public static final int MIN_PAYLOAD_CHUNK_SIZE = 1 << 10;
    /** Largest chunk size accepted, well inside MariaDB's default 16 MiB packet limit. */
    public static final int MAX_PAYLOAD_CHUNK_SIZE = 8 << 20;

    private final StoreCore core;
    private final AutoCloseable ownedPool;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdbcImportStore(StoreCore core, AutoCloseable ownedPool) {
        this.core = core;
        this.ownedPool = ownedPool;
    }

    /**
     * A store on the caller's data source, with the defaults; the schema must be installed.
     *
     * @throws StoreException of kind {@code FATAL} if the database cannot be reached or is not
     *                        supported
     */
    public static JdbcImportStore create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /** A builder for a store on the caller's data source, which the store never closes. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"), null, null, null);
    }

    /**
     * A store with its own HikariCP pool for {@code jdbcUrl}, closed by {@link #close()}. On
     * PostgreSQL the pool sets {@code reWriteBatchedInserts=true}; on MariaDB/MySQL it runs
     * transactions at READ COMMITTED. The schema must be installed (or use
     * {@link #builder(String, String, String)} with {@code installSchema(true)}).
     *
     * @throws StoreException of kind {@code FATAL} if the database cannot be reached; the
     *                        message names the URL without its password
     */
    public static JdbcImportStore fromUrl(String jdbcUrl, String user, String password) {
        return builder(jdbcUrl, user, password).build();
    }

    /** A builder for a store with its own HikariCP pool, as {@link #fromUrl}. */
    public static Builder builder(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("jdbcUrl does not start with 'jdbc:': " + jdbcUrl.split("[?;]", 2)[0]);
        }
        return new Builder(null, jdbcUrl, user, password);
    }

    /** The database family this store talks to. */
    public Dialect dialect() {
        return core.dialect();
    }

    /** The prefix of this store's table names; empty for none. */
    public String tablePrefix() {
        return core.prefix().value();
    }

    /**
     * Checks that the database is reachable, every table and column exists, and (on MariaDB)
     * that the session is strict.
     *
     * @throws StoreException of kind {@code FATAL} saying what is missing and how to install the
     *                        schema, or that the database cannot be reached (with its URL, never
     *                        its password)
     */
    @Override
    public void verify() {
        core.verify();
    }

    @Override
    public JobRepository jobs() {
        return core.jobs();
    }

    @Override
    public EmbeddingRepository embeddings() {
        return core.embeddings();
    }

    @Override
    public QueryRepository queries() {
        return core.queries();
    }

    @Override
    public ReembedRepository reembeddings() {
        return core.reembeddings();
    }

    /** Uploads kept in the database in chunks; the name is {@code "database"}. */
    @Override
    public PayloadStore databasePayloads() {
        return core.databasePayloads();
    }

    @Override
    public void afterBulkWrite(long rowsWritten) {
        core.afterBulkWrite(rowsWritten);
    }

    @Override
    public <T> T inTransaction(Function<BatchTransaction, T> work) {
        return core.inTransaction(work);
    }

    /**
     * Closes the pool this store created, if it created one; a data source passed in by the
     * caller is left open. Idempotent.
     */
    @Override
    public void close() {
        if (ownedPool != null && closed.compareAndSet(false, true)) {
            try {
                ownedPool.close();
            } catch (Exception e) {
                throw new StoreException(StoreException.Kind.FATAL, "closing the connection pool of " + core.description()
                        + " failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcImportStore[" + core.dialect().displayName() + ", " + core.description()
                + (core.prefix().isNone() ? "" : ", table prefix " + core.prefix()) + "]";
    }

    /** Options of a {@link JdbcImportStore}; not thread-safe, {@link #build()} once configured. */
    public static final class Builder {
        private final DataSource dataSource;
        private final String jdbcUrl;
        private final String user;
        private final String password;
        private boolean installSchema;
        private TablePrefix tablePrefix = TablePrefix.NONE;
        private int payloadChunkSize;
        private Clock clock = Clock.systemUTC();

        private Builder(DataSource dataSource, String jdbcUrl, String user, String password) {
            this.dataSource = dataSource;
            this.jdbcUrl = jdbcUrl;
            this.user = user;
            this.password = password;
        }

        /**
         * Whether {@link #build()} installs the schema (idempotently, safe from several processes
         * at once). Default {@code false}: production schemas usually belong to a migration tool.
         */
        public Builder installSchema(boolean installSchema) {
            this.installSchema = installSchema;
            return this;
        }

        /**
         * A prefix for every table, constraint and index name, so that qa-import's tables never
         * clash with the application's own: with {@code "acme_"} the store uses
         * {@code acme_import_jobs}, {@code acme_qa_pairs} and so on. Default {@code ""}, none.
         * Install the schema with the same prefix ({@link #installSchema}, or
         * {@link SchemaInstaller#install(DataSource, String)}); stores with different prefixes can
         * share one database or schema and never see each other's data.
         *
         * @param prefix a lower-case letter followed by lower-case letters, digits or {@code _}, at
         *               most 16 characters (so that every prefixed name fits PostgreSQL's 63-byte
         *               identifier limit), or {@code ""}
         * @throws IllegalArgumentException naming the prefix and the rule, if it is not one
         */
        public Builder tablePrefix(String prefix) {
            this.tablePrefix = TablePrefix.of(prefix);
            return this;
        }

        /**
         * Bytes per stored chunk of an upload in the database payload store, between
         * {@value #MIN_PAYLOAD_CHUNK_SIZE} and {@value #MAX_PAYLOAD_CHUNK_SIZE}; default 1 MiB, or
         * 256 KiB on H2. Readers do not depend on it, so it can change between runs.
         */
        public Builder payloadChunkSize(int bytes) {
            if (bytes < MIN_PAYLOAD_CHUNK_SIZE) {
                throw new IllegalArgumentException("payloadChunkSize < " + MIN_PAYLOAD_CHUNK_SIZE + ": " + bytes);
            }
            if (bytes > MAX_PAYLOAD_CHUNK_SIZE) {
                throw new IllegalArgumentException("payloadChunkSize > " + MAX_PAYLOAD_CHUNK_SIZE + ": " + bytes);
            }
            this.payloadChunkSize = bytes;
            return this;
        }

        /**
         * The clock for the few timestamps no caller supplies (row errors' and reset pairs'
         * times); default {@link Clock#systemUTC()}. Leases use the times passed to each call.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Connects once to detect the dialect (and install the schema if asked).
         *
         * @throws StoreException of kind {@code FATAL} if the database cannot be reached or is
         *                        not supported
         */
        public JdbcImportStore build() {
            ToIntFunction<Dialect> chunkSize = chunkSize(payloadChunkSize);
            if (dataSource != null) {
                return new JdbcImportStore(StoreCore.open(dataSource, clock, chunkSize, installSchema, tablePrefix), null);
            }
            DataSource pool = pool();
            try {
                return new JdbcImportStore(StoreCore.open(pool, clock, chunkSize, installSchema, tablePrefix), (AutoCloseable) pool);
            } catch (RuntimeException e) {
                try {
                    ((AutoCloseable) pool).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        /** The chunk size asked for, or (for 0, not set) the default of the dialect the store finds. */
        private static ToIntFunction<Dialect> chunkSize(int requested) {
            return dialect -> requested > 0 ? requested
                    : dialect == Dialect.H2 ? DEFAULT_H2_PAYLOAD_CHUNK_SIZE : DEFAULT_PAYLOAD_CHUNK_SIZE;
        }

        private DataSource pool() {
            try {
                return OwnedPool.create(jdbcUrl, user, password);
            } catch (NoClassDefFoundError e) {
                throw new IllegalStateException("JdbcImportStore.fromUrl needs HikariCP (com.zaxxer:HikariCP) on the "
                        + "class path; add it, or pass your own DataSource to JdbcImportStore.create", e);
            }
        }
    }
}
