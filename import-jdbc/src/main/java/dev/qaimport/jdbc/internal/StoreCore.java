package dev.qaimport.jdbc.internal;

import dev.qaimport.jdbc.Dialect;
import dev.qaimport.spi.BatchTransaction;
import dev.qaimport.spi.EmbeddingRepository;
import dev.qaimport.spi.JobRepository;
import dev.qaimport.spi.PayloadStore;
import dev.qaimport.spi.QueryRepository;
import dev.qaimport.spi.ReembedRepository;
import dev.qaimport.spi.StoreException;
import dev.qaimport.spi.StoreException.Kind;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * The implementation behind {@code JdbcImportStore}: repositories wired once. Immutable and
 * thread-safe. Public only for {@code JdbcImportStore}, which composes it with the pool it may own;
 * nothing here depends on the API classes but {@link Dialect}.
 */
public final class StoreCore {

    private final DataSource dataSource;
    private final Db db;
    private final JdbcJobs jobs;
    private final JdbcEmbeddings embeddings;
    private final JdbcQueries queries;
    private final JdbcReembeddings reembeddings;
    private final DatabasePayloads payloads;
    private final PairWriter pairWriter;

    private StoreCore(DataSource dataSource, Db db, int chunkSize) {
        this.dataSource = dataSource;
        this.db = db;
        this.jobs = new JdbcJobs(db);
        this.embeddings = new JdbcEmbeddings(db, jobs.counters());
        this.queries = new JdbcQueries(db);
        this.reembeddings = new JdbcReembeddings(db);
        this.payloads = new DatabasePayloads(db, chunkSize,
                db.dialect() == Dialect.MARIADB && classPresent("org.mariadb.jdbc.Connection"));
        PairWriter batch = new BatchPairWriter(db);
        this.pairWriter = db.dialect() == Dialect.POSTGRESQL && classPresent("org.postgresql.PGConnection")
                ? new CopyPairWriter(batch, db.prefix()) : batch;
    }

    /**
     * Whether an optional driver class is there. Checked here, not in {@link CopyPairWriter} or
     * {@link MariaDbBinary}, so that those classes are never loaded without their driver.
     */
    private static boolean classPresent(String name) {
        try {
            Class.forName(name, false, StoreCore.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Connects once to learn the dialect (and installs the schema if asked).
     *
     * @param chunkSize bytes per payload chunk for the dialect found
     * @param prefix    the prefix of every table name, {@link TablePrefix#NONE} for none
     *
     * @throws StoreException of kind {@code FATAL} if the database cannot be reached or is not
     *                        supported; the message names the URL without secrets
     */
    public static StoreCore open(DataSource dataSource, Clock clock, ToIntFunction<Dialect> chunkSize, boolean installSchema,
            TablePrefix prefix) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(chunkSize, "chunkSize");
        String description = Redact.describe(dataSource);
        Dialect dialect;
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            String reason = e instanceof SQLException ? SqlErrors.summary(e.getMessage())
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + SqlErrors.summary(e.getMessage()));
            throw new StoreException(Kind.FATAL, "cannot connect to the database at " + description + ": " + reason, e);
        }
        try (c) {
            if (description.startsWith("data source ")) {
                description = Redact.url(c.getMetaData().getURL());
            }
            dialect = Schema.detect(c);
            if (installSchema) {
                Schema.install(c, dialect, prefix);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate((installSchema ? "installing the qa-import schema in " : "inspecting ") + description, e);
        }
        return new StoreCore(dataSource, new Db(jdbi(dataSource, prefix), dialect, prefix, clock, description),
                chunkSize.applyAsInt(dialect));
    }

    /**
     * The store's JDBI: with a prefix, its template engine rewrites the table names of every
     * statement (see {@link PrefixingTemplateEngine}); without one it is JDBI as it comes.
     */
    private static Jdbi jdbi(DataSource dataSource, TablePrefix prefix) {
        Jdbi jdbi = Jdbi.create(dataSource);
        if (!prefix.isNone()) {
            SqlStatements statements = jdbi.getConfig(SqlStatements.class);
            statements.setTemplateEngine(new PrefixingTemplateEngine(prefix, statements.getTemplateEngine()));
        }
        return jdbi;
    }

    public Dialect dialect() {
        return db.dialect();
    }

    public TablePrefix prefix() {
        return db.prefix();
    }

    /** The database's URL without secrets. */
    public String description() {
        return db.description();
    }

    public void verify() {
        SchemaCheck.verify(dataSource, db.dialect(), db.prefix(), db.description());
    }

    public JobRepository jobs() {
        return jobs;
    }

    public EmbeddingRepository embeddings() {
        return embeddings;
    }

    public QueryRepository queries() {
        return queries;
    }

    public ReembedRepository reembeddings() {
        return reembeddings;
    }

    public PayloadStore databasePayloads() {
        return payloads;
    }

    /** Rows an import must have written before its statistics are refreshed. */
    static final long ANALYZE_AFTER_ROWS = 1_000;

    /**
     * On PostgreSQL, {@code ANALYZE qa_pairs} (with the prefix) after an import of at least
     * {@link #ANALYZE_AFTER_ROWS} rows (sampling 30,000 rows takes a fraction of a second). Without
     * it, a planner that still believes the table is empty sent each embedding claim through the
     * wrong index: 29 ms per claim instead of under one. Needs the table's owner; without that
     * privilege it logs and carries on, and autovacuum catches up later.
     */
    public void afterBulkWrite(long rowsWritten) {
        if (rowsWritten >= ANALYZE_AFTER_ROWS) {
            db.analyze("qa_pairs");
        }
    }

    public <T> T inTransaction(Function<BatchTransaction, T> work) {
        Objects.requireNonNull(work, "work");
        return db.inTransaction("a batch transaction", h -> {
            JdbcBatch tx = new JdbcBatch(db, h, pairWriter);
            try {
                return work.apply(tx);
            } finally {
                tx.close();
            }
        });
    }
}
