package dev.qaimport.batch.internal;

/** Why a pipeline run ended. */
public enum StopReason {
    /** Every row of the source was committed. */
    END_OF_INPUT,
    /** A caller asked to cancel the job; the current batch was committed first. */
    CANCELLED,
    /** This process is shutting down; the current batch was committed first. */
    SHUTDOWN,
    /** Another worker holds the job now; nothing more was written. */
    LEASE_LOST
}
