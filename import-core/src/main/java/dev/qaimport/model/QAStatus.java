package dev.qaimport.model;

/** The editorial state of a {@link QAPair}. Imports always create drafts. */
public enum QAStatus {
    /** Imported, not yet reviewed. */
    DRAFT,
    /** Reviewed and visible to end users. */
    PUBLISHED,
    /** Retired. */
    ARCHIVED
}
