package dev.qaimport.jdbc.internal;

import dev.qaimport.jdbc.Dialect;
import dev.qaimport.spi.ReembedRepository.Staged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The two writes of a re-embedding's attempt that touch many rows: staging a commit's worth of
 * outcomes, and the switch of the scope's pairs to what was staged. Each is one transaction
 * whose first statement is the fence on the attempt's lease: a process that lost it changes
 * nothing. Both use only correlated subqueries, which the three databases run alike.
 */
final class ReembedSwitch {
    /** A pair of the scope (as {@code qa_pairs}) whose staged row is of its current version. */
    private static final String CURRENT = "SELECT 1 FROM qa_reembedding_pairs s WHERE s.reembedding_id = :rid "
            + "AND s.pair_id = qa_pairs.id AND s.pair_version = qa_pairs.updated_at";
    private static final String FREE = "embedding_claim_owner = NULL, embedding_claim_until = NULL";

    private final Db db;
    /**
     * By re-embedding: the rows this process has staged for it, and how many at its last
     * {@code ANALYZE}. Dropped at the switch; one cancelled leaves two numbers behind.
     */
    private final Map<UUID, long[]> stagedHere = new HashMap<>();

    ReembedSwitch(Db db) {
        this.db = db;
    }

    boolean stage(JdbcReembeddings owner, UUID id, String worker, int attempt, List<Staged> staged, long reused, Instant now,
            Instant leaseUntil) {
        List<UUID> ids = new ArrayList<>(staged.size());
        long embedded = 0;
        for (Staged s : staged) {
            ids.add(s.pairId());
            if (s.key() != null) {
                embedded++;
            }
        }
        long embeddedNew = embedded;
        long failedNew = staged.size() - embedded;
        return db.inDeferredTransaction("staging " + staged.size() + " re-embedded pairs", h -> {
            // Staged twice (an attempt never does it, but the rows must stay counted once): the
            // earlier row is replaced and no longer counted.
            Map<UUID, Boolean> earlier = earlier(h, id, ids);
            long e = embeddedNew - earlier.values().stream().filter(Boolean::booleanValue).count();
            long f = failedNew - earlier.values().stream().filter(b -> !b).count();
            int held = owner.held(h.createUpdate("UPDATE qa_reembeddings SET embedded_count = embedded_count + :e, "
                    + "failed_count = failed_count + :f, reused_count = reused_count + :r, lease_expires_at = :until, "
                    + "updated_at = :now WHERE " + JdbcReembeddings.HELD), id, worker, attempt)
                    .bind("e", e)
                    .bind("f", f)
                    .bind("r", reused)
                    .bind("until", db.time(leaseUntil))
                    .bind("now", db.time(now))
                    .execute();
            if (held == 0) {
                return false;
            }
            if (!earlier.isEmpty()) {
                for (List<UUID> chunk : IdLists.chunks(new ArrayList<>(earlier.keySet()))) {
                    h.createUpdate("DELETE FROM qa_reembedding_pairs WHERE reembedding_id = :rid AND pair_id IN (<ids>)")
                            .bind("rid", db.uuid(id))
                            .bindList("ids", IdLists.values(db, chunk))
                            .execute();
                }
            }
            PreparedBatch batch = h.prepareBatch("INSERT INTO qa_reembedding_pairs (reembedding_id, pair_id, pair_version, "
                    + "embedding_key, embedding_error) VALUES (:rid, :pair, :version, :key, :error)");
            for (Staged s : staged) {
                batch.bind("rid", db.uuid(id))
                        .bind("pair", db.uuid(s.pairId()))
                        .bind("version", db.time(s.version()))
                        .bind("key", s.key())
                        .bind("error", s.error())
                        .add();
            }
            if (!staged.isEmpty()) {
                batch.execute();
            }
            return true;
        }) && analyzeAsItGrows(id, staged.size());
    }

    /**
     * On PostgreSQL, {@code ANALYZE} the staging table each time this process has doubled what it
     * staged for the re-embedding (from {@link StoreCore#ANALYZE_AFTER_ROWS} rows on): ten times
     * for a million pairs. The table fills from empty within one run, faster than autovacuum looks
     * at it, and a planner that still believes it empty reads every staged row of the re-embedding
     * to find a commit's earlier rows: a re-embedding of a million pairs ran at 1,000 pairs a second
     * and falling, where it runs at about 25,000 with statistics. Without the privilege it logs and
     * carries on.
     *
     * @return {@code true}, so that it can follow the staging's result
     */
    private boolean analyzeAsItGrows(UUID id, int rows) {
        if (db.dialect() != Dialect.POSTGRESQL) {
            return true;
        }
        boolean due;
        synchronized (stagedHere) {
            long[] counts = stagedHere.computeIfAbsent(id, k -> new long[2]);
            counts[0] += rows;
            due = counts[0] >= StoreCore.ANALYZE_AFTER_ROWS && counts[0] >= 2 * counts[1];
            if (due) {
                counts[1] = counts[0];
            }
        }
        if (due) {
            db.analyze("qa_reembedding_pairs");
        }
        return true;
    }

    /** Rows staged already for these pairs: whether each holds a vector. */
    private Map<UUID, Boolean> earlier(Handle h, UUID id, List<UUID> ids) {
        Map<UUID, Boolean> found = new HashMap<>();
        for (List<UUID> chunk : IdLists.chunks(IdLists.distinct(ids))) {
            h.createQuery("SELECT pair_id, embedding_key FROM qa_reembedding_pairs WHERE reembedding_id = :rid AND pair_id IN (<ids>)")
                    .bind("rid", db.uuid(id))
                    .bindList("ids", IdLists.values(db, chunk))
                    .map((rs, ctx) -> {
                        found.put(db.readUuid(rs, "pair_id"), rs.getString("embedding_key") != null);
                        return null;
                    })
                    .list();
        }
        return found;
    }

    /**
     * The switch. Staged vectors and rejections go to the pairs still at their staged version;
     * then every other pair of the scope goes back to pending, without a vector; the scope's jobs
     * have their embedding counts recounted; the staged rows go.
     */
    boolean complete(JdbcReembeddings owner, UUID id, String worker, int attempt, Instant now) {
        synchronized (stagedHere) {
            stagedHere.remove(id);
        }
        return db.inTransaction("switching the pairs to their re-embedded vectors", false, h -> {
            int held = owner.held(h.createUpdate("UPDATE qa_reembeddings SET status = 'COMPLETED', active = NULL, lease_owner = NULL, "
                    + "lease_expires_at = NULL, message = NULL, completed_at = :now, updated_at = :now WHERE " + JdbcReembeddings.HELD),
                    id, worker, attempt)
                    .bind("now", db.time(now))
                    .execute();
            if (held == 0) {
                return false;
            }
            Map.Entry<String, UUID> of = h.createQuery("SELECT collection, job_id FROM qa_reembeddings WHERE id = :id")
                    .bind("id", db.uuid(id))
                    .map((rs, ctx) -> new java.util.AbstractMap.SimpleEntry<>(rs.getString("collection"), db.readUuid(rs, "job_id")))
                    .one();
            String collection = of.getKey();
            UUID jobId = of.getValue();
            String scope = "collection = :collection AND " + (jobId == null ? "" : "import_job_id = :jobId AND ");
            update(h, "UPDATE qa_pairs SET embedding_key = (SELECT s.embedding_key FROM qa_reembedding_pairs s "
                    + "WHERE s.reembedding_id = :rid AND s.pair_id = qa_pairs.id), embedding_status = 'EMBEDDED', "
                    + "embedding_error = NULL, " + FREE + " WHERE " + scope + "EXISTS (" + CURRENT + " AND s.embedding_key IS NOT NULL)",
                    id, collection, jobId, null);
            update(h, "UPDATE qa_pairs SET embedding_error = (SELECT s.embedding_error FROM qa_reembedding_pairs s "
                    + "WHERE s.reembedding_id = :rid AND s.pair_id = qa_pairs.id), embedding_status = 'FAILED', "
                    + "embedding_key = NULL, " + FREE + " WHERE " + scope + "EXISTS (" + CURRENT + " AND s.embedding_key IS NULL)",
                    id, collection, jobId, null);
            update(h, "UPDATE qa_pairs SET embedding_status = 'PENDING', embedding_key = NULL, embedding_error = NULL, " + FREE
                    + ", updated_at = :now WHERE " + scope + "NOT EXISTS (" + CURRENT + ")", id, collection, jobId, now);
            var recount = h.createUpdate("UPDATE import_jobs SET embedded_count = (SELECT COUNT(*) FROM qa_pairs p "
                    + "WHERE p.import_job_id = import_jobs.id AND p.embedding_status = 'EMBEDDED'), embedding_error_count = "
                    + "(SELECT COUNT(*) FROM qa_pairs p WHERE p.import_job_id = import_jobs.id AND p.embedding_status = 'FAILED'), "
                    + "embedding_message = NULL, updated_at = :now WHERE " + (jobId == null ? "collection = :collection" : "id = :jobId"))
                    .bind("now", db.time(now));
            if (jobId == null) {
                recount.bind("collection", collection);
            }
            if (jobId != null) {
                recount.bind("jobId", db.uuid(jobId));
            }
            recount.execute();
            h.createUpdate("DELETE FROM qa_reembedding_pairs WHERE reembedding_id = :rid").bind("rid", db.uuid(id)).execute();
            return true;
        });
    }

    private void update(Handle h, String sql, UUID id, String collection, UUID jobId, Instant now) {
        var update = h.createUpdate(sql).bind("rid", db.uuid(id)).bind("collection", collection);
        if (jobId != null) {
            update.bind("jobId", db.uuid(jobId));
        }
        if (now != null) {
            update.bind("now", db.time(now));
        }
        update.execute();
    }
}
