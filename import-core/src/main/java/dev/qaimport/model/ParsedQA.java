package dev.qaimport.model;

import java.util.List;
import java.util.Objects;

/**
 * One record as read from a file, before sanitizing and validation.
 *
 * @param row      1-based index of the record in the file (the header is not a record)
 * @param line     1-based physical line on which the record starts (for JSON, the line of its
 *                 opening brace)
 * @param question the raw question, or {@code null} if the record has none
 * @param answer   the raw answer, or {@code null}
 * @param category the raw category, or {@code null}
 * @param tags     raw tags, never {@code null}
 */
public record ParsedQA(long row, long line, String question, String answer, String category, List<String> tags) {
    public ParsedQA {
        if (row < 1) {
            throw new IllegalArgumentException("row < 1: " + row);
        }
        if (line < 1) {
            throw new IllegalArgumentException("line < 1: " + line);
        }
        tags = List.copyOf(Objects.requireNonNullElse(tags, List.of()));
    }

    /** A record with no category and no tags. */
    public static ParsedQA of(long row, long line, String question, String answer) {
        return new ParsedQA(row, line, question, answer, null, List.of());
    }
}
