package dev.qaimport.jdbc.internal;

import dev.qaimport.spi.EmbeddingRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Pairs and vectors for the embedding stage; claims are {@link EmbeddingClaims}'. Writes that touch both jobs and pairs lock the job rows first, in
 * id order, as a batch transaction does, so that they cannot deadlock with a running import.
 */
final class JdbcEmbeddings implements EmbeddingRepository {
    /** Longest failure reason kept with a pair. */
    static final int MAX_REASON = 2000;
    private final Db db;
    private final EmbeddingClaims claims;
    private final VectorCache vectors;
    private final VectorSearch search;

    private final JobCounters counters;

    JdbcEmbeddings(Db db, JobCounters counters) {
        this.db = db;
        this.counters = counters;
        this.claims = new EmbeddingClaims(db);
        this.vectors = new VectorCache(db);
        this.search = new VectorSearch(db);
    }

    @Override
    public List<PendingPair> claimPending(UUID jobId, String owner, int limit, Instant now, Instant claimUntil) {
        return claims.claimPending(jobId, owner, limit, now, claimUntil);
    }

    @Override
    public List<PendingPair> claimPairs(Collection<UUID> pairIds, String owner, Instant now, Instant claimUntil) {
        return claims.claimPairs(pairIds, owner, now, claimUntil);
    }

    @Override
    public void release(String owner, Collection<UUID> pairIds) {
        claims.release(owner, pairIds);
    }

    @Override
    public long countPending(UUID jobId) {
        return claims.countPending(jobId);
    }

    @Override
    public Map<String, float[]> findVectors(Collection<String> keys) {
        return vectors.findVectors(keys);
    }

    @Override
    public void storeVectors(String model, Map<String, float[]> vectorsByKey, Instant now) {
        vectors.storeVectors(model, vectorsByKey, now);
    }

    @Override
    public void forEachVector(String model, Consumer<StoredVector> consumer) {
        search.forEachVector(model, consumer);
    }

    @Override
    public int complete(String owner, List<EmbeddedPair> embedded, List<FailedPair> failed, Instant now) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(embedded, "embedded");
        Objects.requireNonNull(failed, "failed");
        Objects.requireNonNull(now, "now");
        if (embedded.isEmpty() && failed.isEmpty()) {
            return 0;
        }
        Map<UUID, EmbeddedPair> byPairEmbedded = new LinkedHashMap<>();
        for (EmbeddedPair e : embedded) {
            Objects.requireNonNull(e, "embedded pair");
            Objects.requireNonNull(e.pairId(), "pairId");
            Objects.requireNonNull(e.key(), "key of pair " + e.pairId());
            byPairEmbedded.put(e.pairId(), e);
        }
        Map<UUID, FailedPair> byPairFailed = new LinkedHashMap<>();
        for (FailedPair f : failed) {
            Objects.requireNonNull(f, "failed pair");
            Objects.requireNonNull(f.pairId(), "pairId");
            if (!byPairEmbedded.containsKey(f.pairId())) {
                byPairFailed.put(f.pairId(), f);
            }
        }
        return db.inDeferredTransaction("completing " + (byPairEmbedded.size() + byPairFailed.size()) + " embeddings", h -> {
            TreeSet<UUID> jobs = new TreeSet<>();
            embedded.forEach(e -> addIfPresent(jobs, e.importJobId()));
            failed.forEach(f -> addIfPresent(jobs, f.importJobId()));
            counters.lock(h, jobs);
            vectors.store(h, embedded, now);
            vectors.requireStoredKeys(h, embedded);
            JobCounters.Tally tally = new JobCounters.Tally();
            int changed = switch (db.dialect()) {
                case POSTGRESQL -> markPostgres(h, owner, byPairEmbedded.values(), byPairFailed.values(), now, tally);
                case H2 -> markConditionally(h, owner, byPairEmbedded.values(), byPairFailed.values(), now, tally);
                default -> markLocked(h, owner, byPairEmbedded, byPairFailed, now, tally);
            };
            counters.add(h, tally, now);
            return changed;
        });
    }

    /** The condition under which a pair is still this owner's to complete. */
    private static final String STILL_CLAIMED = "embedding_status = 'PENDING' AND embedding_claim_owner = :owner";
    private static final String SET_EMBEDDED = "embedding_status = 'EMBEDDED', embedding_error = NULL, "
            + "embedding_claim_owner = NULL, embedding_claim_until = NULL, updated_at = :now";
    private static final String SET_FAILED = "embedding_status = 'FAILED', embedding_key = NULL, "
            + "embedding_claim_owner = NULL, embedding_claim_until = NULL, updated_at = :now";

    /**
     * PostgreSQL: one statement per outcome, over arrays of ids (and keys or reasons), whose
     * {@code RETURNING} says which pairs changed and which job each belongs to now.
     */
    private int markPostgres(Handle h, String owner, Collection<EmbeddedPair> embedded, Collection<FailedPair> failed, Instant now,
            JobCounters.Tally tally) {
        int changed = 0;
        if (!embedded.isEmpty()) {
            changed += markByArrays(h, "embedding_key = v.x, " + SET_EMBEDDED, embedded.stream().map(EmbeddedPair::pairId),
                    Db.array("varchar", embedded.stream().map(EmbeddedPair::key).toArray(String[]::new)), owner, now, tally, true);
        }
        if (!failed.isEmpty()) {
            changed += markByArrays(h, "embedding_error = v.x, " + SET_FAILED, failed.stream().map(FailedPair::pairId),
                    Db.array("text", failed.stream().map(f -> reason(f.reason())).toArray(String[]::new)), owner, now, tally, false);
        }
        return changed;
    }

    /** One {@code UPDATE ... FROM unnest(ids, values)} setting {@code set} (where {@code v.x} is each pair's value). */
    private int markByArrays(Handle h, String set, java.util.stream.Stream<UUID> ids, org.jdbi.v3.core.argument.Argument values, String owner,
            Instant now, JobCounters.Tally tally, boolean embedded) {
        return h.createQuery("UPDATE qa_pairs p SET " + set + " FROM unnest(:ids, :values) AS v(id, x) WHERE p.id = v.id AND p."
                        + STILL_CLAIMED.replace(" AND ", " AND p.") + " RETURNING p.import_job_id")
                .bind("ids", Db.array("uuid", ids.toArray(UUID[]::new)))
                .bind("values", values)
                .bind("now", db.time(now))
                .bind("owner", owner)
                .map((rs, ctx) -> db.readUuid(rs, "import_job_id"))
                .list()
                .stream()
                .mapToInt(job -> tally.count(job, embedded))
                .sum();
    }

    /**
     * H2: a batch of conditional single-row updates, whose exact update counts say which pairs
     * changed; the condition repeats the job the pair was claimed for, so that the counts go to
     * the right job. No {@code SELECT ... FOR UPDATE} first: H2 locks a row by rewriting it.
     */
    private int markConditionally(Handle h, String owner, Collection<EmbeddedPair> embedded, Collection<FailedPair> failed, Instant now,
            JobCounters.Tally tally) {
        int changed = 0;
        List<UUID> doneJobs = new ArrayList<>();
        PreparedBatch done = h.prepareBatch("UPDATE qa_pairs SET embedding_key = :key, " + SET_EMBEDDED
                + " WHERE id = :id AND " + STILL_CLAIMED + " AND " + SAME_JOB);
        for (EmbeddedPair e : embedded) {
            bindJob(done.bind("key", e.key()).bind("now", db.time(now)).bind("id", db.uuid(e.pairId())).bind("owner", owner), e.importJobId())
                    .add();
            doneJobs.add(e.importJobId());
        }
        changed += countChanged(done, doneJobs, tally, true);
        List<UUID> failedJobs = new ArrayList<>();
        PreparedBatch rejected = h.prepareBatch("UPDATE qa_pairs SET embedding_error = :reason, " + SET_FAILED
                + " WHERE id = :id AND " + STILL_CLAIMED + " AND " + SAME_JOB);
        for (FailedPair f : failed) {
            bindJob(rejected.bind("reason", reason(f.reason())).bind("now", db.time(now)).bind("id", db.uuid(f.pairId())).bind("owner", owner),
                    f.importJobId()).add();
            failedJobs.add(f.importJobId());
        }
        changed += countChanged(rejected, failedJobs, tally, false);
        return changed;
    }

    /** The pair still belongs to the job it was claimed for ({@code :job}, or none when {@code :noJob}). */
    private static final String SAME_JOB = "((import_job_id = :job) OR (import_job_id IS NULL AND :noJob))";

    private PreparedBatch bindJob(PreparedBatch batch, UUID job) {
        return batch.bind("job", job == null ? db.uuid(NO_JOB) : db.uuid(job)).bind("noJob", job == null);
    }

    /** Stands in for "no job" in {@link #SAME_JOB}, where the parameter must still have a UUID type; never a real job id. */
    private static final UUID NO_JOB = new UUID(0, 0);

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

    /**
     * MariaDB: the pairs still claimed are locked and read first (InnoDB's row locks are cheap,
     * and with some driver settings a batch reports no per-row counts), then updated by id.
     */
    private int markLocked(Handle h, String owner, Map<UUID, EmbeddedPair> byPairEmbedded, Map<UUID, FailedPair> byPairFailed, Instant now,
            JobCounters.Tally tally) {
        List<UUID> all = new ArrayList<>(byPairEmbedded.keySet());
        all.addAll(byPairFailed.keySet());
        Map<UUID, UUID> owned = ownedPairs(h, all, owner);
        if (owned.isEmpty()) {
            return 0;
        }
        PreparedBatch done = h.prepareBatch("UPDATE qa_pairs SET embedding_key = :key, " + SET_EMBEDDED + " WHERE id = :id");
        PreparedBatch rejected = h.prepareBatch("UPDATE qa_pairs SET embedding_error = :reason, " + SET_FAILED + " WHERE id = :id");
        for (Map.Entry<UUID, UUID> pair : owned.entrySet()) {
            EmbeddedPair e = byPairEmbedded.get(pair.getKey());
            if (e != null) {
                done.bind("key", e.key()).bind("now", db.time(now)).bind("id", db.uuid(e.pairId())).add();
            } else {
                FailedPair f = byPairFailed.get(pair.getKey());
                rejected.bind("reason", reason(f.reason())).bind("now", db.time(now)).bind("id", db.uuid(f.pairId())).add();
            }
            tally.count(pair.getValue(), e != null);
        }
        if (done.size() > 0) {
            done.execute();
        }
        if (rejected.size() > 0) {
            rejected.execute();
        }
        return owned.size();
    }

    private static void addIfPresent(Collection<UUID> ids, UUID id) {
        if (id != null) {
            ids.add(id);
        }
    }

    /** The given pairs that are still pending and claimed by {@code owner}, locked, with their job. */
    private Map<UUID, UUID> ownedPairs(Handle h, List<UUID> pairIds, String owner) {
        Map<UUID, UUID> owned = new LinkedHashMap<>();
        for (List<UUID> chunk : IdLists.chunks(pairIds)) {
            h.createQuery("SELECT id, import_job_id FROM qa_pairs WHERE id IN (<ids>) AND embedding_status = 'PENDING' "
                    + "AND embedding_claim_owner = :owner ORDER BY id FOR UPDATE")
                    .bindList("ids", IdLists.values(db, chunk))
                    .bind("owner", owner)
                    .map((rs, ctx) -> new UUID[] {db.readUuid(rs, "id"), db.readUuid(rs, "import_job_id")})
                    .forEach(row -> owned.put(row[0], row[1]));
        }
        return owned;
    }

    @Override
    public int resetFailed(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        Instant now = db.now();
        return db.inTransaction("resetting failed embeddings of job " + jobId, h -> {
            counters.lock(h, jobId);
            int reset = h.createUpdate("UPDATE qa_pairs SET embedding_status = 'PENDING', embedding_error = NULL, "
                    + "embedding_claim_owner = NULL, embedding_claim_until = NULL, updated_at = :now "
                    + "WHERE import_job_id = :jobId AND embedding_status = 'FAILED'")
                    .bind("now", db.time(now))
                    .bind("jobId", db.uuid(jobId))
                    .execute();
            if (reset > 0) {
                counters.lowerEmbeddingErrors(h, jobId, reset, now);
            }
            return reset;
        });
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return "rejected by the embedding provider";
        }
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
    }
}
