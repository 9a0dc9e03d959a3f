package dev.qaimport.spi;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.util.Objects;

/**
 * A database failure, classified so that the core can react without knowing SQL: bisect a batch
 * on {@link Kind#DATA}, retry on {@link Kind#TRANSIENT}, fail the job on {@link Kind#FATAL}.
 */
public class StoreException extends ImportException {
    private static final long serialVersionUID = 1L;

    /** How the core should react. */
    public enum Kind {
        /** One of the written values was refused (constraint, value too long, bad data). */
        DATA,
        /** The database is unreachable or asked for a retry (deadlock, serialization, connection loss). */
        TRANSIENT,
        /** Anything else: a missing schema, a permission problem, a bug. */
        FATAL
    }

    private final Kind kind;

    /** An exception of the given kind. */
    public StoreException(Kind kind, String message, Throwable cause) {
        super(ErrorCodes.STORAGE, message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** How the core should react. */
    public Kind kind() {
        return kind;
    }
}
