package dev.qaimport.jdbc.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The embedding counters of jobs ({@code embedded_count}, {@code embedding_error_count}), kept in
 * the transactions of the embedding stage that change pairs. Owned by {@link JdbcJobs}. Such a
 * transaction locks its job rows first, in id order, as a batch transaction does, so that it
 * cannot deadlock with a running import.
 */
final class JobCounters {
    private final Db db;

    JobCounters(Db db) {
        this.db = db;
    }

    /** Locks the job rows, in id order (the set's). */
    void lock(Handle h, SortedSet<UUID> jobIds) {
        for (UUID id : jobIds) {
            lock(h, id);
        }
    }

    /** Locks one job row. */
    void lock(Handle h, UUID jobId) {
        h.createQuery("SELECT id FROM import_jobs WHERE id = :id FOR UPDATE")
                .bind("id", db.uuid(jobId))
                .map((rs, ctx) -> Boolean.TRUE)
                .findOne();
    }

    /** Adds the pairs {@code tally} counted to their jobs, in id order. */
    void add(Handle h, Tally tally, Instant now) {
        if (tally.byJob.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("UPDATE import_jobs SET embedded_count = embedded_count + :embedded, "
                + "embedding_error_count = embedding_error_count + :failed, updated_at = :now WHERE id = :id");
        for (Map.Entry<UUID, long[]> e : new TreeMap<>(tally.byJob).entrySet()) {
            batch.bind("embedded", e.getValue()[0])
                    .bind("failed", e.getValue()[1])
                    .bind("now", db.time(now))
                    .bind("id", db.uuid(e.getKey()))
                    .add();
        }
        batch.execute();
    }

    /** Lowers the job's embedding error count by {@code reset} pairs put back to pending, never below 0. */
    void lowerEmbeddingErrors(Handle h, UUID jobId, int reset, Instant now) {
        h.createUpdate("UPDATE import_jobs SET embedding_error_count = CASE WHEN embedding_error_count > :reset "
                + "THEN embedding_error_count - :reset ELSE 0 END, updated_at = :now WHERE id = :jobId")
                .bind("reset", reset)
                .bind("now", db.time(now))
                .bind("jobId", db.uuid(jobId))
                .execute();
    }

    /** The pairs one completion changed, embedded and failed, per job. Not thread-safe. */
    static final class Tally {
        private final Map<UUID, long[]> byJob = new HashMap<>();

        /** Counts one changed pair for its job (nothing for {@code null}); returns 1. */
        int count(UUID job, boolean embedded) {
            if (job != null) {
                byJob.computeIfAbsent(job, k -> new long[2])[embedded ? 0 : 1]++;
            }
            return 1;
        }
    }
}
