package dev.qaimport.spi;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.util.Objects;

/**
 * An embedding call failed. The kind tells the embedding stage what to do; the message names the
 * provider and the HTTP status where there is one, never an API key.
 */
public class EmbeddingException extends ImportException {
    private static final long serialVersionUID = 1L;

    /** How the embedding stage reacts. */
    public enum Kind {
        /** The provider is unavailable (after the client's own retries): leave pairs pending. */
        TRANSIENT,
        /** The provider refused some input of the request (too long, bad content): split it. */
        INPUT_REJECTED,
        /** Retrying will not help (bad key, unknown model, exhausted quota): stop the stage. */
        FATAL
    }

    private final Kind kind;

    /** An exception of the given kind. */
    public EmbeddingException(Kind kind, String message, Throwable cause) {
        super(ErrorCodes.EMBEDDING, message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** An exception of the given kind without a cause. */
    public EmbeddingException(Kind kind, String message) {
        this(kind, message, null);
    }

    /** How the embedding stage reacts. */
    public Kind kind() {
        return kind;
    }
}
