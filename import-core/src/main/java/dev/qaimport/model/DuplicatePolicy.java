package dev.qaimport.model;

/**
 * What to do with a row whose normalized question already exists, either earlier in the same
 * file or among stored pairs. Questions are compared after sanitizing, case folding and
 * whitespace collapsing.
 */
public enum DuplicatePolicy {
    /** Keep the existing pair and count the row as skipped (the default). */
    SKIP,
    /** Overwrite the existing pair's answer, category and tags; its embedding is redone. */
    UPDATE,
    /** Store the row as a new pair anyway. */
    CREATE
}
