package dev.qaimport.embed.http.internal;

/**
 * A response with a success status that could not be used. {@link #parseable()} tells a garbled
 * body (not JSON, cut short: worth a retry) from well-formed JSON of the wrong shape (a wrong
 * endpoint or an incompatible server: retrying cannot help).
 */
public final class MalformedResponseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean parseable;

    MalformedResponseException(String message, boolean parseable) {
        super(message);
        this.parseable = parseable;
    }

    static MalformedResponseException garbled(String message) {
        return new MalformedResponseException(message, false);
    }

    static MalformedResponseException shape(String message) {
        return new MalformedResponseException(message, true);
    }

    /** Whether the body was valid JSON (of the wrong shape) rather than garbled. */
    public boolean parseable() {
        return parseable;
    }
}
