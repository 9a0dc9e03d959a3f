package dev.qaimport.spi;

import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Jobs and their leases. Every state change a worker makes presents its {@link JobLease}; the
 * repository refuses it (returns {@code false}) once the lease is no longer the current one.
 */
public interface JobRepository {
    /** Inserts a job in status {@code PENDING}. */
    void insert(NewJob job);

    /** The job, if it exists. */
    Optional<ImportJob> find(UUID jobId);

    /** The options text stored with the job. */
    Optional<String> options(UUID jobId);

    /** The name of the payload store holding the job's upload. */
    Optional<String> payloadStore(UUID jobId);

    /** The most recently created jobs of {@code collection}, newest first. */
    List<ImportJob> recent(String collection, int limit);

    /**
     * Claims a specific job if it is {@code PENDING}, or {@code PROCESSING} with a lease that
     * expired before {@code now}. Increments the attempt, sets the owner and expiry, sets
     * {@code startedAt} on the first claim, and moves the job to {@code PROCESSING}.
     *
     * @return the new lease, or empty if the job is not claimable (someone else holds it, or it
     *         is finished)
     */
    Optional<JobLease> claim(UUID jobId, String owner, Instant now, Instant leaseUntil);

    /**
     * Claims the oldest claimable job (as {@link #claim}) of {@code collection}, or of any for
     * {@code null}, skipping jobs other workers are claiming at the same moment
     * ({@code FOR UPDATE SKIP LOCKED} where the database has it).
     */
    Optional<JobLease> claimNext(String collection, String owner, Instant now, Instant leaseUntil);

    /** Extends the lease; {@code false} if it is no longer current. */
    boolean renew(JobLease lease, Instant now, Instant leaseUntil);

    /**
     * Moves a job held under {@code lease} to a terminal status and clears the lease.
     *
     * @param totalRows the number of records in the file, or {@code -1} if unknown
     * @return {@code false} if the lease is no longer current
     */
    boolean finish(JobLease lease, JobStatus status, String errorMessage, long totalRows, Instant now);

    /**
     * Gives up a lease without finishing, so that another worker can claim the job at once
     * (graceful shutdown). The attempt does not count towards {@code maxAttempts}: the next
     * claim's {@link JobLease#countedAttempts()} is 1. {@code false} if the lease is no longer current.
     */
    boolean release(JobLease lease, Instant now);

    /**
     * Asks a job to stop: a {@code PENDING} job, or a {@code PROCESSING} one whose lease has
     * expired (its worker is gone), becomes {@code CANCELLED} at once; a {@code PROCESSING} job
     * with a live lease is flagged and stops after its current batch.
     *
     * @return the status after the call, or empty if there is no such job
     */
    Optional<JobStatus> requestCancel(UUID jobId, Instant now);

    /**
     * Puts a {@code FAILED} or {@code CANCELLED} job back to {@code PENDING}, keeping its
     * checkpoint and counts, so that a worker resumes it after the last committed row; its
     * message and cancel flag are cleared and its attempts count from zero again.
     *
     * @return {@code false} if the job does not exist or is not failed or cancelled
     */
    boolean reopen(UUID jobId, Instant now);

    /**
     * {@code PROCESSING} jobs of {@code collection} (of any for {@code null}) whose lease expired
     * before {@code now}, oldest first.
     */
    List<ImportJob> findStale(String collection, Instant now, int limit);

    /**
     * Fails a job whose lease expired without claiming it (for example after too many attempts).
     *
     * @return {@code false} if the job was claimed or finished meanwhile
     */
    boolean failStale(UUID jobId, int attempt, String errorMessage, Instant now);

    /** Records a message about the embedding stage on a job (or clears it with {@code null}). */
    void setEmbeddingMessage(UUID jobId, String message, Instant now);

    /**
     * Records the job's {@link ImportJob#fileNote() file note} (or clears it with {@code null}),
     * under the lease of the worker reading the file.
     *
     * @return {@code false} if the lease is no longer held
     */
    boolean setFileNote(JobLease lease, String note, Instant now);
}
