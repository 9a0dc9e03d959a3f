package dev.qaimport.benchmarks.baseline;

/**
 * One record of the FAQ CSV as read, before sanitizing.
 *
 * @param row      1-based index of the record in the file
 * @param line     physical line where the record starts
 * @param question raw question
 * @param answer   raw answer
 * @param category raw category (empty when absent)
 * @param tags     raw tags, separated by {@code ;}, {@code ,} or {@code |}
 */
public record FaqRow(long row, long line, String question, String answer, String category, String tags) {
}
