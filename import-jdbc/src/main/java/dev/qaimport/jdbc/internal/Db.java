package dev.qaimport.jdbc.internal;

import dev.qaimport.ImportException;
import dev.qaimport.jdbc.Dialect;
import dev.qaimport.spi.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database as the repositories see it: a {@link Jdbi}, its {@link Dialect}, the table
 * prefix, the clock, and the per-dialect binding of UUIDs and instants. The repositories write
 * table names unprefixed: statements run through the {@link Jdbi} get the prefix from its
 * template engine ({@link PrefixingTemplateEngine}); SQL run on a bare connection must go through
 * {@link #sql} first. Every entry point translates driver exceptions
 * into {@link StoreException}s. Thread-safe.
 *
 * <p>Instants are stored with microsecond precision (the finest all three databases keep) and
 * without any time-zone arithmetic by the driver: {@code OffsetDateTime} at UTC for
 * {@code TIMESTAMP WITH TIME ZONE} on PostgreSQL and H2, and UTC wall-clock {@code LocalDateTime}
 * for MariaDB's {@code DATETIME(6)}. So neither the JVM's nor the server's time zone matters.
 */
final class Db {
    private static final Logger LOG = LoggerFactory.getLogger(Db.class);

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final TablePrefix prefix;
    private final Clock clock;
    private final String description;

    Db(Jdbi jdbi, Dialect dialect, TablePrefix prefix, Clock clock, String description) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.description = Objects.requireNonNull(description, "description");
    }

    Dialect dialect() {
        return dialect;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    TablePrefix prefix() {
        return prefix;
    }

    /**
     * On PostgreSQL, refreshes the planner's statistics of {@code table} (unprefixed) with
     * {@code ANALYZE}; elsewhere does nothing. It needs the table's owner: without that privilege
     * it logs and carries on, and autovacuum catches up later.
     */
    void analyze(String table) {
        if (dialect != Dialect.POSTGRESQL) {
            return;
        }
        String named = prefix.table(table);
        try {
            withHandle("analyzing " + named, h -> h.execute("ANALYZE " + table));
        } catch (RuntimeException e) {
            LOG.info("could not refresh the statistics of {} ({}); the database will do it in its own time", named, e.getMessage());
        }
    }

    /**
     * {@code sql} with the table prefix, for statements that bypass JDBI's rendering (a bare
     * {@code PreparedStatement}, PostgreSQL's COPY).
     */
    String sql(String sql) {
        return prefix.sql(sql);
    }

    /** The database's URL without secrets, for messages. */
    String description() {
        return description;
    }

    /** The clock's current time, at the precision stored. */
    Instant now() {
        return micros(clock.instant());
    }

    /** Runs {@code work} on a handle in auto-commit mode. */
    <T> T withHandle(String what, HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.withHandle(work);
        } catch (ImportException e) {
            throw e;
        } catch (JdbiException e) {
            throw SqlErrors.translate(what, e);
        }
    }

    /** Runs {@code work} in one transaction, committing if it returns. */
    <T> T inTransaction(String what, HandleCallback<T, RuntimeException> work) {
        return inTransaction(what, true, work);
    }

    /**
     * As {@link #inTransaction(String, HandleCallback)}; {@code indexOnly} {@code false} lets
     * PostgreSQL scan tables (for the one statement that reads a whole table, the vectors for
     * search).
     */
    <T> T inTransaction(String what, boolean indexOnly, HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.withHandle(h -> inTransaction(h, indexOnly, work));
        } catch (ImportException e) {
            throw e;
        } catch (JdbiException e) {
            throw SqlErrors.translate(what, e);
        }
    }

    /**
     * As {@link #inTransaction(String, HandleCallback)}, for a transaction whose loss in a database
     * crash is harmless (see {@link #deferFlush}): on PostgreSQL its commit does not wait for the
     * WAL flush.
     */
    <T> T inDeferredTransaction(String what, HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.withHandle(h -> inTransaction(h, true, hh -> {
                deferFlush(hh);
                return work.withHandle(hh);
            }));
        } catch (ImportException e) {
            throw e;
        } catch (JdbiException e) {
            throw SqlErrors.translate(what, e);
        }
    }

    /**
     * Runs {@code work} in a transaction on {@code handle}. On MariaDB the transaction runs at
     * READ COMMITTED: InnoDB's default REPEATABLE READ takes gap locks for locking reads, which
     * makes concurrent claims block or deadlock instead of skipping each other. PostgreSQL and
     * H2 default to READ COMMITTED already (and asking pgjdbc would cost a round trip).
     */
    <T> T inTransaction(Handle handle, HandleCallback<T, RuntimeException> work) {
        return inTransaction(handle, true, work);
    }

    /**
     * On PostgreSQL every qa-import transaction runs with sequential and bitmap scans off
     * (transaction-local settings, so they end with the transaction and never leak into a pooled
     * connection). All its statements look rows up by key or take the first rows of an index in
     * order, but the tables a first large import fills have no statistics (autovacuum's ANALYZE
     * runs minutes later, if at all), and the planner then misjudges them: it scanned the whole
     * table for a list of keys (batches of 50 took from 10 s to 140 s for 100,000 rows), and for an
     * embedding claim it read and sorted every pending pair of the job to keep 100 (50 ms per
     * claim instead of 0.4 ms). Plain index scans are right for every one of these statements.
     * JIT compilation is off as well: the disabled scan types inflate cost estimates past
     * {@code jit_above_cost}, and compiling a key lookup took 100 ms where running it takes one.
     */
    private <T> T inTransaction(Handle handle, boolean indexOnly, HandleCallback<T, RuntimeException> work) {
        if (dialect == Dialect.MARIADB) {
            return handle.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work);
        }
        if (dialect == Dialect.POSTGRESQL && indexOnly) {
            return handle.inTransaction(h -> {
                h.createQuery("SELECT set_config('enable_seqscan', 'off', true) AS s, set_config('enable_bitmapscan', 'off', true) AS b, "
                        + "set_config('jit', 'off', true) AS j").mapToMap().one();
                return work.withHandle(h);
            });
        }
        return handle.inTransaction(work);
    }

    /**
     * On PostgreSQL, lets the current transaction commit without waiting for the WAL flush
     * ({@code synchronous_commit = off}, transaction-local). Only for transactions a database
     * crash may lose without harm: a lease-fenced import batch (its rows, row errors and the
     * job's checkpoint are one transaction, so a crash can only lose a suffix of batches, which
     * the next batch's fence or recovery notices and redoes; the job's final state commits
     * synchronously and, the WAL being ordered, flushes every batch before it), and the embedding
     * stage's claims and results (a lost claim expires; a lost result leaves its pair pending,
     * with counters in the same transaction). Waiting for the disk at every one of these commits
     * cost more than half the embedding stage's time and most of a small-batch import's.
     */
    void deferFlush(Handle handle) {
        if (dialect == Dialect.POSTGRESQL) {
            handle.createQuery("SELECT set_config('synchronous_commit', 'off', true) AS s").mapToMap().one();
        }
    }

    /**
     * A named parameter to bind only when {@code value} is not {@code null} (the statement then
     * names it): JDBI refuses bindings a statement does not use.
     */
    static java.util.Map<String, Object> optional(String name, Object value) {
        return value == null ? java.util.Map.of() : java.util.Map.of(name, value);
    }

    /** A PostgreSQL array parameter of {@code sqlType} elements (one parameter for a whole list). */
    static Argument array(String sqlType, Object[] values) {
        return (position, statement, ctx) -> statement.setArray(position, statement.getConnection().createArrayOf(sqlType, values));
    }

    /** A bind argument for a UUID column (native on PostgreSQL and H2, CHAR(36) on MariaDB). */
    Argument uuid(UUID value) {
        if (dialect == Dialect.MARIADB) {
            String text = value == null ? null : value.toString();
            return (position, statement, ctx) -> {
                if (text == null) {
                    statement.setNull(position, Types.CHAR);
                } else {
                    statement.setString(position, text);
                }
            };
        }
        return (position, statement, ctx) -> {
            if (value == null) {
                statement.setNull(position, Types.OTHER);
            } else {
                statement.setObject(position, value);
            }
        };
    }

    /** A bind argument for a timestamp column; see the class comment. */
    Argument time(Instant value) {
        if (dialect == Dialect.MARIADB) {
            LocalDateTime utc = value == null ? null : LocalDateTime.ofInstant(micros(value), ZoneOffset.UTC);
            return (position, statement, ctx) -> {
                if (utc == null) {
                    statement.setNull(position, Types.TIMESTAMP);
                } else {
                    statement.setObject(position, utc);
                }
            };
        }
        OffsetDateTime utc = value == null ? null : micros(value).atOffset(ZoneOffset.UTC);
        return (position, statement, ctx) -> {
            if (utc == null) {
                statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(position, utc);
            }
        };
    }

    /** Reads a UUID column; {@code null} for SQL NULL. */
    UUID readUuid(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof UUID) {
            return (UUID) value;
        }
        try {
            return UUID.fromString(value.toString().strip());
        } catch (IllegalArgumentException e) {
            throw new StoreException(StoreException.Kind.FATAL, "column " + column + " holds '" + value
                    + "', which is not a UUID", e);
        }
    }

    /** Reads a timestamp column written by {@link #time}; {@code null} for SQL NULL. */
    Instant readInstant(ResultSet rs, String column) throws SQLException {
        if (dialect == Dialect.MARIADB) {
            LocalDateTime utc = rs.getObject(column, LocalDateTime.class);
            return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
        }
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Reads a tags column written by {@link Tags#encode}. */
    static java.util.List<String> readTags(ResultSet rs, String column) throws SQLException {
        try {
            return Tags.decode(rs.getString(column));
        } catch (IllegalArgumentException e) {
            throw new StoreException(StoreException.Kind.FATAL, "column " + column + ": " + e.getMessage(), e);
        }
    }

    /** {@code instant} truncated to microseconds, the precision every supported database keeps. */
    static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Reads an enum constant stored by name, failing with a clear message for unknown names. */
    static <E extends Enum<E>> E readEnum(Class<E> type, String value, String column) {
        if (value == null) {
            throw new StoreException(StoreException.Kind.FATAL, "column " + column + " is NULL", null);
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw new StoreException(StoreException.Kind.FATAL, "column " + column + " holds unknown value '"
                    + value + "' (expected one of " + java.util.Arrays.toString(type.getEnumConstants()) + ")", e);
        }
    }
}
