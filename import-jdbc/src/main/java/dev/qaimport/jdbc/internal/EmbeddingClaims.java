package dev.qaimport.jdbc.internal;

import dev.qaimport.jdbc.Dialect;
import dev.qaimport.spi.EmbeddingRepository.PendingPair;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The claims of the embedding stage: per pair ({@code embedding_claim_owner},
 * {@code embedding_claim_until}), taken with {@code FOR UPDATE SKIP LOCKED} so that concurrent
 * workers take different pairs, and released without a change of status.
 */
final class EmbeddingClaims {
    /** Times an unlocked claim (H2) looks for candidates again after another worker took them all. */
    static final int MAX_UNLOCKED_ROUNDS = 8;

    private static final String PAIR_COLUMNS = "id, import_job_id, question, answer, category, tags";
    private static final String CLAIM_FREE = "embedding_status = 'PENDING' "
            + "AND (embedding_claim_until IS NULL OR embedding_claim_until < :now)";

    /**
     * The order in which pending pairs are claimed: job by job (job ids are time-ordered), in file
     * order within a job. It is the column list of the claim index, with the status its constant
     * first column, so that no database sorts the pending pairs to find the first few (H2 only
     * reads an index in order when ORDER BY names its leading columns exactly).
     */
    static final String CLAIM_ORDER = "embedding_status, import_job_id, source_row";

    private final Db db;

    EmbeddingClaims(Db db) {
        this.db = db;
    }

    /** See {@link dev.qaimport.spi.EmbeddingRepository#claimPending}. */
    List<PendingPair> claimPending(UUID jobId, String owner, int limit, Instant now, Instant claimUntil) {
        return claim(jobId == null ? "" : " AND import_job_id = :jobId", jobId, null, owner, limit, now, claimUntil);
    }

    /** See {@link dev.qaimport.spi.EmbeddingRepository#claimPendingWithoutJob}. */
    List<PendingPair> claimPendingWithoutJob(String collection, String owner, int limit, Instant now, Instant claimUntil) {
        return claim(" AND import_job_id IS NULL" + (collection == null ? "" : " AND collection = :collection"), null, collection, owner,
                limit, now, claimUntil);
    }

    /** See {@link dev.qaimport.spi.EmbeddingRepository#jobsWithPending}. */
    List<UUID> jobsWithPending(String collection, UUID afterJobId, int limit) {
        JdbcJobs.positive("limit", limit);
        String after = (afterJobId == null ? "" : " AND import_job_id > :after")
                + (collection == null ? "" : " AND collection = :collection");
        return db.withHandle("listing jobs with pending embeddings", h -> {
            var query = h.createQuery("SELECT DISTINCT import_job_id FROM qa_pairs WHERE embedding_status = 'PENDING' "
                    + "AND import_job_id IS NOT NULL" + after + " ORDER BY import_job_id LIMIT :limit")
                    .bind("limit", limit)
                    .bindMap(Db.optional("collection", collection));
            if (afterJobId != null) {
                query.bind("after", db.uuid(afterJobId));
            }
            return query.map((rs, ctx) -> db.readUuid(rs, "import_job_id")).list();
        });
    }

    /**
     * Claims pending pairs within {@code job}, a condition on {@code import_job_id} naming
     * {@code :jobId} if any, and {@code :collection} if {@code collection} is given.
     */
    private List<PendingPair> claim(String job, UUID jobId, String collection, String owner, int limit, Instant now,
            Instant claimUntil) {
        checkClaim(owner, now, claimUntil);
        JdbcJobs.positive("limit", limit);
        // H2 locks every row that matches a FOR UPDATE query with ORDER BY and LIMIT, not only the
        // rows it returns: each claim rewrote every pending pair (the whole table, in a first
        // import) and a concurrent claimer found nothing. There the candidates are read without a
        // lock and the conditional update in mark() alone decides who owns them.
        String lock = db.dialect() == Dialect.H2 ? "" : " FOR UPDATE SKIP LOCKED";
        String sql = "SELECT " + PAIR_COLUMNS + " FROM qa_pairs WHERE " + CLAIM_FREE + job + " ORDER BY " + CLAIM_ORDER + " LIMIT :limit" + lock;
        return db.inDeferredTransaction("claiming pending embeddings", h -> {
            for (int round = 0; ; round++) {
                var query = h.createQuery(sql)
                        .bind("now", db.time(now))
                        .bind("limit", limit)
                        .bindMap(Db.optional("collection", collection));
                if (jobId != null) {
                    query.bind("jobId", db.uuid(jobId));
                }
                List<PendingPair> candidates = query.map((rs, ctx) -> pending(rs)).list();
                List<PendingPair> mine = mark(h, candidates, owner, now, claimUntil);
                // Without a lock another worker may have taken every candidate first: look again, so
                // that an empty answer keeps meaning "nothing left to claim".
                if (!mine.isEmpty() || candidates.isEmpty() || !lock.isEmpty() || round >= MAX_UNLOCKED_ROUNDS) {
                    return mine;
                }
            }
        });
    }

    /** See {@link dev.qaimport.spi.EmbeddingRepository#claimPairs}. */
    List<PendingPair> claimPairs(Collection<UUID> pairIds, String owner, Instant now, Instant claimUntil) {
        Objects.requireNonNull(pairIds, "pairIds");
        checkClaim(owner, now, claimUntil);
        List<UUID> ids = IdLists.distinct(pairIds);
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.inDeferredTransaction("claiming " + ids.size() + " pairs for embedding", h -> {
            List<PendingPair> claimed = new ArrayList<>();
            for (List<UUID> chunk : IdLists.chunks(ids)) {
                List<PendingPair> candidates = h.createQuery("SELECT " + PAIR_COLUMNS + " FROM qa_pairs WHERE id IN (<ids>) AND "
                        + CLAIM_FREE + " ORDER BY " + CLAIM_ORDER + " FOR UPDATE SKIP LOCKED")
                        .bindList("ids", IdLists.values(db, chunk))
                        .bind("now", db.time(now))
                        .map((rs, ctx) -> pending(rs))
                        .list();
                claimed.addAll(mark(h, candidates, owner, now, claimUntil));
            }
            return claimed;
        });
    }

    /**
     * Claims the candidates. The update repeats the condition, so a database that handed out a
     * row another transaction changed meanwhile (or, on H2, candidates read without a lock) cannot
     * make two workers own it; in that case only the rows actually taken are returned.
     */
    private List<PendingPair> mark(Handle h, List<PendingPair> candidates, String owner, Instant now, Instant claimUntil) {
        if (candidates.isEmpty()) {
            return candidates;
        }
        List<UUID> ids = candidates.stream().map(PendingPair::id).toList();
        int changed = h.createUpdate("UPDATE qa_pairs SET embedding_claim_owner = :owner, embedding_claim_until = :until "
                + "WHERE id IN (<ids>) AND " + CLAIM_FREE)
                .bind("owner", owner)
                .bind("until", db.time(claimUntil))
                .bind("now", db.time(now))
                .bindList("ids", IdLists.values(db, ids))
                .execute();
        if (changed == candidates.size()) {
            return candidates;
        }
        List<UUID> mine = h.createQuery("SELECT id FROM qa_pairs WHERE id IN (<ids>) AND embedding_claim_owner = :owner "
                + "AND embedding_claim_until = :until")
                .bindList("ids", IdLists.values(db, ids))
                .bind("owner", owner)
                .bind("until", db.time(claimUntil))
                .map((rs, ctx) -> db.readUuid(rs, "id"))
                .list();
        return candidates.stream().filter(p -> mine.contains(p.id())).toList();
    }

    private PendingPair pending(ResultSet rs) throws SQLException {
        return new PendingPair(db.readUuid(rs, "id"), db.readUuid(rs, "import_job_id"), rs.getString("question"),
                rs.getString("answer"), rs.getString("category"), Db.readTags(rs, "tags"));
    }

    /** See {@link dev.qaimport.spi.EmbeddingRepository#release}. */
    void release(String owner, Collection<UUID> pairIds) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(pairIds, "pairIds");
        List<UUID> ids = IdLists.distinct(pairIds);
        if (ids.isEmpty()) {
            return;
        }
        db.inDeferredTransaction("releasing " + ids.size() + " embedding claims", h -> {
            for (List<UUID> chunk : IdLists.chunks(ids)) {
                h.createUpdate("UPDATE qa_pairs SET embedding_claim_owner = NULL, embedding_claim_until = NULL "
                        + "WHERE id IN (<ids>) AND embedding_claim_owner = :owner")
                        .bindList("ids", IdLists.values(db, chunk))
                        .bind("owner", owner)
                        .execute();
            }
            return null;
        });
    }

    /** See {@link dev.qaimport.spi.EmbeddingRepository#countPending}. */
    long countPending(UUID jobId) {
        String job = jobId == null ? "" : " AND import_job_id = :jobId";
        return db.withHandle("counting pending embeddings", h -> {
            var query = h.createQuery("SELECT COUNT(*) FROM qa_pairs WHERE embedding_status = 'PENDING'" + job);
            if (jobId != null) {
                query.bind("jobId", db.uuid(jobId));
            }
            return query.mapTo(Long.class).one();
        });
    }

    private static void checkClaim(String owner, Instant now, Instant claimUntil) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(claimUntil, "claimUntil");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("owner is blank");
        }
        if (!claimUntil.isAfter(now)) {
            throw new IllegalArgumentException("claimUntil " + claimUntil + " is not after now " + now);
        }
    }
}
