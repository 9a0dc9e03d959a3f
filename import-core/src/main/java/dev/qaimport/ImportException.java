package dev.qaimport;

import java.util.Objects;

/**
 * The one unchecked root of qa-import's exceptions. Each carries a stable {@link #code()} from
 * {@link dev.qaimport.model.ErrorCodes}; messages name the file, line and field where they can
 * and never contain secrets.
 */
public class ImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    /** An exception with a code and a message. */
    public ImportException(String code, String message) {
        this(code, message, null);
    }

    /** An exception with a code, a message and the cause. */
    public ImportException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The stable code, for example {@code MISSING_COLUMNS}. */
    public String code() {
        return code;
    }
}
