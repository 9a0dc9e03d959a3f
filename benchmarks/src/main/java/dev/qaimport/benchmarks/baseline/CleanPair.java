package dev.qaimport.benchmarks.baseline;

/**
 * A sanitized, valid row ready to store.
 *
 * @param row         1-based index of the record in the file
 * @param question    plain-text question
 * @param answer      answer in the basic HTML safelist
 * @param category    plain-text category, {@code null} when absent
 * @param tags        plain-text tags joined with {@code ;}, {@code null} when none
 * @param questionKey duplicate key: SHA-256 of the NFKC, case-folded, space-collapsed question
 */
public record CleanPair(long row, String question, String answer, String category, String tags, String questionKey) implements Checked {
}
