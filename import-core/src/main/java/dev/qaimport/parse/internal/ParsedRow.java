package dev.qaimport.parse.internal;

import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.RowError;
import dev.qaimport.validate.internal.FieldLocator;

/**
 * One record read from a file: either a {@link ParsedQA} or, when the record itself could not be
 * read (a ragged row, a JSON Lines line that is not an object), the {@link RowError} saying why.
 * Exactly one of the two is set.
 *
 * @param qa    the record, or {@code null}
 * @param error why the record could not be read, or {@code null}
 * @param where where the record's fields are in the source, for the messages of later errors;
 *              {@link FieldLocator#NONE} unless the reader knows more than the row and line
 */
public record ParsedRow(ParsedQA qa, RowError error, FieldLocator where) {
    public ParsedRow {
        if ((qa == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of qa and error must be set");
        }
        if (where == null) {
            where = FieldLocator.NONE;
        }
    }

    /** A readable record. */
    public static ParsedRow of(ParsedQA qa) {
        return new ParsedRow(qa, null, FieldLocator.NONE);
    }

    /** A readable record whose fields are where {@code where} says. */
    public static ParsedRow of(ParsedQA qa, FieldLocator where) {
        return new ParsedRow(qa, null, where);
    }

    /** An unreadable record. */
    public static ParsedRow broken(RowError error) {
        return new ParsedRow(null, error, FieldLocator.NONE);
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
