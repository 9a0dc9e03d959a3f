package dev.qaimport.benchmarks.baseline;

/**
 * Why a row was rejected.
 *
 * @param row     1-based index of the record in the file
 * @param line    physical line where the record starts
 * @param field   the offending field
 * @param message what is wrong, naming the limit
 */
public record RowProblem(long row, long line, String field, String message) implements Checked {
}
