package dev.qaimport.benchmarks;

/**
 * What an import contender reports when it is done; the harness checks it against the database
 * and against what the generator wrote.
 *
 * @param rowsRead records read from the file
 * @param inserted pairs stored
 * @param errors   rows rejected as invalid (row errors recorded)
 * @param skipped  rows skipped as duplicates
 */
public record ImportOutcome(long rowsRead, long inserted, long errors, long skipped) {
}
