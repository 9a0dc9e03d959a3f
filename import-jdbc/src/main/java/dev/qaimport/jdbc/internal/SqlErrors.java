package dev.qaimport.jdbc.internal;

import dev.qaimport.spi.StoreException;
import dev.qaimport.spi.StoreException.Kind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The translation of driver exceptions into {@link StoreException}s: the kind from the SQLState class (and a
 * few vendor codes), the message from the database's first line, cut before anything that
 * echoes row values (PostgreSQL's {@code Detail:}, H2's key values, pgjdbc's batch statement
 * text). The message names the constraint or column where the database does; it never holds a
 * whole row or a password.
 */
final class SqlErrors {
    /** Longest database text kept in a message. */
    static final int MAX_DETAIL = 300;

    private static final Set<String> TRANSIENT_STATES = Set.of(
            "57P01", "57P02", "57P03", // PostgreSQL: admin/crash shutdown, cannot connect now
            "55P03", // PostgreSQL: lock_not_available (lock_timeout)
            "53300", // PostgreSQL: too_many_connections
            "57014", // PostgreSQL: query_canceled (statement_timeout)
            "HYT00", "HYT01", // timeouts (H2 lock timeout)
            "90067", // H2: connection broken (the AUTO_SERVER process serving the file died)
            "90121", // H2: database closed under the session (JVM shutdown, or a lost AUTO_SERVER): not the job's fault
            "70100"); // MariaDB: query interrupted

    // MariaDB/MySQL error codes whose SQLState is the unspecific HY000 or 08S01.
    private static final Set<Integer> TRANSIENT_MYSQL_CODES = Set.of(
            1205, // lock wait timeout
            1213, // deadlock
            1040, // too many connections
            1053, // server shutdown in progress
            2006, // server has gone away
            2013, // lost connection during query
            3572); // NOWAIT lock not available (MySQL)

    private static final String[] VALUE_MARKERS = {
        " Detail:", "\tDetail:", "; SQL statement:", " VALUES ", " ( /* ", ": \"'", "Failing row contains",
        " Call getNextException", " Where:",
    };
    private static final Pattern PREFIXES = Pattern.compile("^(\\(conn=\\d+\\)\\s*|ERROR:\\s*)+");

    private SqlErrors() {
    }

    /**
     * A {@link StoreException} for {@code failure} while doing {@code what} (a phrase such as
     * {@code "inserting 50 pairs of job …"}). Store exceptions pass through unchanged.
     */
    static StoreException translate(String what, Throwable failure) {
        if (failure instanceof StoreException) {
            return (StoreException) failure;
        }
        SQLException sql = mostSpecific(failure);
        if (sql == null) {
            return new StoreException(Kind.FATAL, what + " failed: " + failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + summary(failure.getMessage())), failure);
        }
        Kind kind = classify(sql);
        String state = sql.getSQLState() == null ? "" : " [SQLState " + sql.getSQLState() + "]";
        return new StoreException(kind, what + " failed: " + summary(sql.getMessage()) + state, sql);
    }

    /** How the core should react to {@code e}. */
    static Kind classify(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.length() >= 2) {
            String stateClass = state.substring(0, 2);
            if (stateClass.equals("23") || stateClass.equals("22")) {
                return Kind.DATA;
            }
            if (stateClass.equals("08") || stateClass.equals("40") || TRANSIENT_STATES.contains(state.toUpperCase(Locale.ROOT))) {
                return Kind.TRANSIENT;
            }
        }
        if (TRANSIENT_MYSQL_CODES.contains(e.getErrorCode())) {
            return Kind.TRANSIENT;
        }
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return Kind.TRANSIENT;
        }
        return Kind.FATAL;
    }

    /**
     * The database's own explanation, first line only, cut before any echoed values and
     * shortened to {@value #MAX_DETAIL} characters.
     */
    static String summary(String message) {
        if (message == null || message.isBlank()) {
            return "(no message from the driver)";
        }
        String m = message;
        int newline = m.indexOf('\n');
        if (newline >= 0) {
            m = m.substring(0, newline);
        }
        for (String marker : VALUE_MARKERS) {
            int at = m.indexOf(marker);
            if (at >= 0) {
                m = m.substring(0, at);
            }
        }
        m = PREFIXES.matcher(m.strip()).replaceFirst("").strip();
        if (m.length() > MAX_DETAIL) {
            m = m.substring(0, MAX_DETAIL) + "…";
        }
        return m;
    }

    /**
     * The exception that carries the database's reason: a batch failure's next exception (the
     * batch exception itself repeats the statement with its values on PostgreSQL).
     */
    private static SQLException mostSpecific(Throwable failure) {
        SQLException found = null;
        for (Throwable t = failure; t != null && found == null; t = t.getCause()) {
            if (t instanceof SQLException) {
                found = (SQLException) t;
            }
        }
        for (int guard = 0; found instanceof BatchUpdateException && guard < 10; guard++) {
            SQLException next = found.getNextException();
            if (next == null && found.getCause() instanceof SQLException) {
                next = (SQLException) found.getCause();
            }
            if (next == null) {
                break;
            }
            found = next;
        }
        return found;
    }
}
