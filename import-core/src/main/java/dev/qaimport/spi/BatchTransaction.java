package dev.qaimport.spi;

import dev.qaimport.model.JobLease;
import dev.qaimport.model.RowError;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The operations of one batch, all inside a single database transaction: check the lease, look
 * up duplicates, write pairs and row errors, advance the job. Obtained from
 * {@link ImportStore#inTransaction}; not thread-safe; must not escape it.
 */
public interface BatchTransaction {
    /** What {@link #fence} found. */
    enum Fence {
        /** The lease is current and was renewed; go on. */
        HELD,
        /** The lease is current and was renewed, but a caller asked to cancel the job. */
        CANCEL_REQUESTED,
        /**
         * Another worker claimed the job, it is no longer processing, or its stored checkpoint is
         * behind the lease's: write nothing.
         */
        LOST
    }

    /**
     * Locks the job's row for the rest of the transaction, checks that {@code lease} is still
     * the current one and renews it to {@code leaseUntil}. Must be the first call of a batch.
     * The batch processor presents the lease with the checkpoint of its own last commit as
     * {@link JobLease#checkpointRow()}; a stored checkpoint behind it means the database lost
     * commits it had acknowledged (a crash of H2, or of PostgreSQL with
     * {@code synchronous_commit = off}), and the answer is {@link Fence#LOST}: going on would
     * leave the lost rows out for good.
     */
    Fence fence(JobLease lease, Instant now, Instant leaseUntil);

    /**
     * The stored pairs of {@code collection} whose question key is one of {@code keys}: key to the
     * id of one such pair (the oldest). Pairs of other collections are never found.
     */
    Map<String, UUID> findByQuestionKeys(String collection, Collection<String> keys);

    /** Inserts pairs with embedding status {@code PENDING} using JDBC batching. */
    void insertPairs(List<NewPair> pairs);

    /** Overwrites pairs found as duplicates and puts their embedding back to {@code PENDING}. */
    void updatePairs(List<PairUpdate> updates);

    /** Stores row errors of a job. */
    void insertErrors(UUID jobId, List<RowError> errors);

    /** Adds a batch's counts to the job and moves its checkpoint. */
    void advanceJob(JobLease lease, JobAdvance advance, Instant now);

    /**
     * Runs {@code work} under a savepoint. If it throws a {@link StoreException}, rolls back to
     * the savepoint (so that the transaction stays usable, also on PostgreSQL) and rethrows.
     */
    <T> T withSavepoint(Supplier<T> work);

    /**
     * The counts one batch adds to its job.
     *
     * @param lastRow   the last record of the batch: the new checkpoint and processed count
     * @param created   pairs inserted
     * @param updated   pairs overwritten (duplicate policy {@code UPDATE})
     * @param errors    rows rejected
     * @param skipped   rows skipped as duplicates
     * @param bytesRead payload bytes consumed up to the end of this batch
     * @param totalRows records in the file if the parser has reached its end, else {@code -1}
     */
    record JobAdvance(long lastRow, int created, int updated, int errors, int skipped, long bytesRead, long totalRows) {
    }
}
