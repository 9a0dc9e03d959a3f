package dev.qaimport.model;

/** The life-cycle state of an {@link ImportJob}. */
public enum JobStatus {
    /** Stored and waiting for a worker. */
    PENDING,
    /** Claimed by a worker that holds its lease. */
    PROCESSING,
    /** Every row was read; row errors may exist. Terminal. */
    COMPLETED,
    /** A fatal error stopped the job; committed rows stay. Terminal. */
    FAILED,
    /** Cancelled by a caller; committed rows stay. Terminal. */
    CANCELLED;

    /** Whether no further processing will happen. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
