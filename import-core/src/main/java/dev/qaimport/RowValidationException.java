package dev.qaimport;

import dev.qaimport.model.RowError;
import java.util.List;

/**
 * Thrown by the single-record API {@link QACreator#createFromParsed} when a record is invalid.
 * Batch APIs never throw for data problems; they return {@link RowError}s.
 */
public class RowValidationException extends ImportException {
    private static final long serialVersionUID = 1L;

    private final transient List<RowError> errors;

    /** An exception listing {@code errors} (at least one). */
    public RowValidationException(List<RowError> errors) {
        super(errors.get(0).code(), errors.get(0).toString() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        this.errors = List.copyOf(errors);
    }

    /** Every problem found. */
    public List<RowError> errors() {
        return errors;
    }
}
