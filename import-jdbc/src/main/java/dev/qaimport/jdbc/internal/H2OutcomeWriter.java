package dev.qaimport.jdbc.internal;

import dev.qaimport.spi.EmbeddingRepository.EmbeddedPair;
import dev.qaimport.spi.EmbeddingRepository.FailedPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * H2: a batch of conditional single-row updates, whose exact update counts say which pairs
 * changed; the condition repeats the job the pair was claimed for, so that the counts go to the
 * right job. No {@code SELECT ... FOR UPDATE} first: H2 locks a row by rewriting it.
 */
final class H2OutcomeWriter implements OutcomeWriter {
    /** The pair still belongs to the job it was claimed for ({@code :job}, or none when {@code :noJob}). */
    private static final String SAME_JOB = "((import_job_id = :job) OR (import_job_id IS NULL AND :noJob))";

    /** Stands in for "no job" in {@link #SAME_JOB}, where the parameter must still have a UUID type; never a real job id. */
    private static final UUID NO_JOB = new UUID(0, 0);

    private final Db db;

    H2OutcomeWriter(Db db) {
        this.db = db;
    }

    @Override
    public int mark(Handle h, String owner, Map<UUID, EmbeddedPair> embedded, Map<UUID, FailedPair> failed, Instant now,
            JobCounters.Tally tally) {
        int changed = 0;
        List<UUID> doneJobs = new ArrayList<>();
        PreparedBatch done = h.prepareBatch("UPDATE qa_pairs SET embedding_key = :key, " + SET_EMBEDDED
                + " WHERE id = :id AND " + STILL_CLAIMED + " AND " + SAME_JOB);
        for (EmbeddedPair e : embedded.values()) {
            bindJob(done.bind("key", e.key()).bind("now", db.time(now)).bind("id", db.uuid(e.pairId())).bind("owner", owner), e.importJobId())
                    .add();
            doneJobs.add(e.importJobId());
        }
        changed += countChanged(done, doneJobs, tally, true);
        List<UUID> failedJobs = new ArrayList<>();
        PreparedBatch rejected = h.prepareBatch("UPDATE qa_pairs SET embedding_error = :reason, " + SET_FAILED
                + " WHERE id = :id AND " + STILL_CLAIMED + " AND " + SAME_JOB);
        for (FailedPair f : failed.values()) {
            bindJob(rejected.bind("reason", OutcomeWriter.reason(f.reason())).bind("now", db.time(now)).bind("id", db.uuid(f.pairId()))
                    .bind("owner", owner), f.importJobId()).add();
            failedJobs.add(f.importJobId());
        }
        changed += countChanged(rejected, failedJobs, tally, false);
        return changed;
    }

    private PreparedBatch bindJob(PreparedBatch batch, UUID job) {
        return batch.bind("job", job == null ? db.uuid(NO_JOB) : db.uuid(job)).bind("noJob", job == null);
    }

    private static int countChanged(PreparedBatch batch, List<UUID> jobs, JobCounters.Tally tally, boolean embedded) {
        if (batch.size() == 0) {
            return 0;
        }
        int[] counts = batch.execute();
        int changed = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalStateException("the driver did not report update counts (" + counts[i] + ")");
            }
            if (counts[i] > 0) {
                changed++;
                tally.count(jobs.get(i), embedded);
            }
        }
        return changed;
    }
}
