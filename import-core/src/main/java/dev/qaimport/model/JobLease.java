package dev.qaimport.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Proof that a worker owns a job for a while. Every batch commit presents the lease; the store
 * refuses it once another worker has claimed the job (fencing on {@code attempt}).
 *
 * @param jobId         the job
 * @param owner         the worker's id
 * @param attempt       the claim number; a later claim invalidates earlier leases
 * @param expiresAt     when the lease runs out unless renewed
 * @param checkpointRow the last record committed before this claim; processing resumes after it
 * @param countedAttempts the claims that count towards {@code maxAttempts}, this one included: claims
 *                      after a graceful release or a retry start counting again
 */
public record JobLease(UUID jobId, String owner, int attempt, Instant expiresAt, long checkpointRow, int countedAttempts) {
    public JobLease {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A lease whose every attempt counts. */
    public JobLease(UUID jobId, String owner, int attempt, Instant expiresAt, long checkpointRow) {
        this(jobId, owner, attempt, expiresAt, checkpointRow, attempt);
    }

    /** The same lease with another checkpoint. */
    public JobLease withCheckpoint(long row) {
        return new JobLease(jobId, owner, attempt, expiresAt, row, countedAttempts);
    }
}
