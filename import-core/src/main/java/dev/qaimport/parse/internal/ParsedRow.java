package dev.qaimport.parse.internal;

import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.RowError;

/**
 * One record read from a file: either a {@link ParsedQA} or, when the record itself could not be
 * read (a ragged row, a JSON Lines line that is not an object), the {@link RowError} saying why.
 * Exactly one of the two is set.
 *
 * @param qa    the record, or {@code null}
 * @param error why the record could not be read, or {@code null}
 */
public record ParsedRow(ParsedQA qa, RowError error) {
    public ParsedRow {
        if ((qa == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of qa and error must be set");
        }
    }

    /** A readable record. */
    public static ParsedRow of(ParsedQA qa) {
        return new ParsedRow(qa, null);
    }

    /** An unreadable record. */
    public static ParsedRow broken(RowError error) {
        return new ParsedRow(null, error);
    }

    /** The record's 1-based index in the file. */
    public long row() {
        return qa != null ? qa.row() : error.row();
    }

    /** The physical line where the record starts. */
    public long line() {
        return qa != null ? qa.line() : error.line();
    }
}
