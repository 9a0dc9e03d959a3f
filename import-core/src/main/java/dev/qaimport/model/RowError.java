package dev.qaimport.model;

import java.util.Objects;

/**
 * A problem with one record. Data problems are results, never exceptions: a row error is stored
 * with the job and the import goes on.
 *
 * @param row      1-based record index in the file, or 0 for a problem that belongs to no record
 * @param line     1-based physical line where the record starts, or 0 if unknown
 * @param field    the field concerned ({@code question}, {@code answer}, {@code category},
 *                 {@code tags}), or {@code row} for the record as a whole
 * @param code     a stable machine-readable code, see {@link ErrorCodes}
 * @param message  a human-readable explanation
 * @param question the record's raw question (shortened), or {@code null}, kept for reports
 * @param answer   the record's raw answer (shortened), or {@code null}, kept for reports
 */
public record RowError(long row, long line, String field, String code, String message, String question, String answer) {
    /** Raw values kept with an error are shortened to this many characters. */
    public static final int MAX_ORIGINAL_LENGTH = 500;

    public RowError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        question = shorten(question);
        answer = shorten(answer);
    }

    /** An error without the original values. */
    public RowError(long row, long line, String field, String code, String message) {
        this(row, line, field, code, message, null, null);
    }

    /** The same error carrying the raw question and answer of the record it belongs to. */
    public RowError withOriginal(String rawQuestion, String rawAnswer) {
        return new RowError(row, line, field, code, message, rawQuestion, rawAnswer);
    }

    private static String shorten(String s) {
        if (s == null || s.length() <= MAX_ORIGINAL_LENGTH) {
            return s;
        }
        int end = MAX_ORIGINAL_LENGTH;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    @Override
    public String toString() {
        return "row " + row + " (line " + line + "), " + field + ": " + message + " [" + code + "]";
    }
}
