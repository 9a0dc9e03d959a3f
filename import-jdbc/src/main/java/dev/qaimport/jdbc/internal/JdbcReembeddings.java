package dev.qaimport.jdbc.internal;

import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.Reembedding;
import dev.qaimport.spi.EmbeddingRepository.PendingPair;
import dev.qaimport.spi.ReembedRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Re-embeddings in {@code qa_reembeddings} and what they staged in {@code qa_reembedding_pairs}.
 * Every change an attempt makes is fenced on its lease (owner and attempt, status
 * {@code PROCESSING}), so that a process that lost it changes nothing. The switch is in
 * {@link ReembedSwitch}. Thread-safe.
 */
final class JdbcReembeddings implements ReembedRepository {
    static final String COLUMNS = "id, collection, job_id, provider, base_url, model, dimensions, input_template, status, total_pairs, "
            + "embedded_count, reused_count, failed_count, message, attempt, lease_owner, lease_expires_at, created_at, "
            + "updated_at, completed_at";
    /** The lease of one attempt. */
    static final String HELD = "id = :id AND lease_owner = :owner AND attempt = :attempt AND status = 'PROCESSING'";
    private static final String UNFINISHED = "status IN ('PENDING', 'PROCESSING')";

    private final Db db;
    private final ReembedSwitch switcher;

    JdbcReembeddings(Db db) {
        this.db = db;
        this.switcher = new ReembedSwitch(db);
    }

    @Override
    public boolean create(Reembedding r) {
        Objects.requireNonNull(r, "reembedding");
        EmbeddingProfile p = r.profile();
        return db.inTransaction("starting a re-embedding", h -> {
            if (h.createQuery("SELECT COUNT(*) FROM qa_reembeddings WHERE active = 1 AND collection = :collection")
                    .bind("collection", r.collection()).mapTo(Long.class).one() > 0) {
                return false;
            }
            h.createUpdate("INSERT INTO qa_reembeddings (id, collection, job_id, provider, base_url, model, dimensions, input_template, "
                    + "status, active, total_pairs, created_at, updated_at) VALUES (:id, :collection, :jobId, :provider, :baseUrl, "
                    + ":model, :dimensions, :input, 'PENDING', 1, :total, :now, :now)")
                    .bind("id", db.uuid(r.id()))
                    .bind("collection", r.collection())
                    .bind("jobId", db.uuid(r.jobId()))
                    .bind("provider", p.provider())
                    .bind("baseUrl", p.baseUrl())
                    .bind("model", p.model())
                    .bind("dimensions", p.dimensions())
                    .bind("input", p.input())
                    .bind("total", r.totalPairs())
                    .bind("now", db.time(r.createdAt()))
                    .execute();
            return true;
        });
    }

    @Override
    public Optional<Reembedding> find(UUID id) {
        Objects.requireNonNull(id, "id");
        return db.withHandle("reading a re-embedding", h -> h.createQuery("SELECT " + COLUMNS + " FROM qa_reembeddings WHERE id = :id")
                .bind("id", db.uuid(id))
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    @Override
    public List<Reembedding> recent(String collection, int limit) {
        Objects.requireNonNull(collection, "collection");
        JdbcJobs.positive("limit", limit);
        return db.withHandle("listing re-embeddings", h -> h.createQuery("SELECT " + COLUMNS
                + " FROM qa_reembeddings WHERE collection = :collection ORDER BY created_at DESC, id LIMIT :limit")
                .bind("collection", collection)
                .bind("limit", limit)
                .map((rs, ctx) -> read(rs))
                .list());
    }

    @Override
    public List<Reembedding> unfinished(String collection) {
        return db.withHandle("reading the unfinished re-embeddings", h -> h.createQuery("SELECT " + COLUMNS
                + " FROM qa_reembeddings WHERE " + UNFINISHED + (collection == null ? "" : " AND collection = :collection")
                + " ORDER BY created_at, id")
                .bindMap(Db.optional("collection", collection))
                .map((rs, ctx) -> read(rs))
                .list());
    }

    @Override
    public OptionalInt claim(UUID id, String owner, long totalPairs, Instant now, Instant leaseUntil) {
        Objects.requireNonNull(owner, "owner");
        return db.inTransaction("taking up a re-embedding", h -> {
            int changed = h.createUpdate("UPDATE qa_reembeddings SET status = 'PROCESSING', lease_owner = :owner, "
                    + "lease_expires_at = :until, attempt = attempt + 1, total_pairs = :total, message = NULL, updated_at = :now "
                    + "WHERE id = :id AND " + UNFINISHED + " AND (lease_expires_at IS NULL OR lease_expires_at < :now)")
                    .bind("id", db.uuid(id))
                    .bind("owner", owner)
                    .bind("until", db.time(leaseUntil))
                    .bind("total", totalPairs)
                    .bind("now", db.time(now))
                    .execute();
            if (changed == 0) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(h.createQuery("SELECT attempt FROM qa_reembeddings WHERE id = :id")
                    .bind("id", db.uuid(id))
                    .mapTo(Integer.class)
                    .one());
        });
    }

    @Override
    public boolean renew(UUID id, String owner, int attempt, Instant now, Instant leaseUntil) {
        return db.withHandle("renewing the lease of a re-embedding", h -> held(h.createUpdate("UPDATE qa_reembeddings SET "
                + "lease_expires_at = :until, updated_at = :now WHERE " + HELD), id, owner, attempt)
                .bind("until", db.time(leaseUntil))
                .bind("now", db.time(now))
                .execute() == 1);
    }

    @Override
    public void release(UUID id, String owner, int attempt, String message, Instant now, Instant notBefore) {
        db.withHandle("giving up the lease of a re-embedding", h -> held(h.createUpdate("UPDATE qa_reembeddings SET "
                + "lease_owner = NULL, lease_expires_at = :notBefore, message = :message, updated_at = :now WHERE " + HELD),
                id, owner, attempt)
                .bind("notBefore", db.time(notBefore.isAfter(now) ? notBefore : null))
                .bind("message", message)
                .bind("now", db.time(now))
                .execute());
    }

    /** Binds the lease of one attempt, {@link #HELD}. */
    <S extends SqlStatement<S>> S held(S statement, UUID id, String owner, int attempt) {
        return statement.bind("id", db.uuid(id)).bind("owner", owner).bind("attempt", attempt);
    }

    @Override
    public long countScope(String collection, UUID jobId) {
        return db.withHandle("counting the pairs to re-embed", h -> scope(h.createQuery("SELECT COUNT(*) FROM qa_pairs p WHERE "
                + "p.collection = :collection" + (jobId == null ? "" : " AND p.import_job_id = :jobId")), collection, jobId)
                .mapTo(Long.class)
                .one());
    }

    @Override
    public List<ScopedPair> unstaged(UUID reembeddingId, String collection, UUID jobId, UUID afterPairId, int limit) {
        JdbcJobs.positive("limit", limit);
        String where = "p.collection = :collection AND " + (jobId == null ? "" : "p.import_job_id = :jobId AND ")
                + (afterPairId == null ? "" : "p.id > :after AND ");
        return db.withHandle("reading pairs to re-embed", h -> {
            var query = scope(h.createQuery("SELECT p.id, p.import_job_id, p.question, p.answer, p.category, p.tags, p.updated_at "
                    + "FROM qa_pairs p WHERE " + where + "NOT EXISTS (" + STAGED + ") ORDER BY p.id LIMIT :limit"), collection, jobId)
                    .bind("rid", db.uuid(reembeddingId))
                    .bind("limit", limit);
            if (afterPairId != null) {
                query.bind("after", db.uuid(afterPairId));
            }
            return query.map((rs, ctx) -> new ScopedPair(new PendingPair(db.readUuid(rs, "id"), db.readUuid(rs, "import_job_id"),
                    rs.getString("question"), rs.getString("answer"), rs.getString("category"), Db.readTags(rs, "tags")),
                    db.readInstant(rs, "updated_at"))).list();
        });
    }

    /** The staged row of the pair {@code p} in the re-embedding {@code :rid}. */
    static final String STAGED = "SELECT 1 FROM qa_reembedding_pairs s WHERE s.reembedding_id = :rid AND s.pair_id = p.id";

    @Override
    public long countUnstaged(UUID reembeddingId, String collection, UUID jobId) {
        return db.withHandle("counting pairs left to re-embed", h -> scope(h.createQuery("SELECT COUNT(*) FROM qa_pairs p WHERE "
                + "p.collection = :collection AND " + (jobId == null ? "" : "p.import_job_id = :jobId AND ") + "NOT EXISTS (" + STAGED
                + ")"), collection, jobId)
                .bind("rid", db.uuid(reembeddingId))
                .mapTo(Long.class)
                .one());
    }

    /** Binds a re-embedding's scope: {@code :collection}, and {@code :jobId} when there is one. */
    private <S extends SqlStatement<S>> S scope(S statement, String collection, UUID jobId) {
        Objects.requireNonNull(collection, "collection");
        statement.bind("collection", collection);
        return jobId == null ? statement : statement.bind("jobId", db.uuid(jobId));
    }

    private <S extends SqlStatement<S>> S job(S statement, UUID jobId) {
        return jobId == null ? statement : statement.bind("jobId", db.uuid(jobId));
    }

    @Override
    public boolean stage(UUID reembeddingId, String owner, int attempt, List<Staged> staged, long reused, Instant now,
            Instant leaseUntil) {
        return switcher.stage(this, reembeddingId, owner, attempt, staged, reused, now, leaseUntil);
    }

    @Override
    public boolean complete(UUID reembeddingId, String owner, int attempt, Instant now) {
        return switcher.complete(this, reembeddingId, owner, attempt, now);
    }

    @Override
    public boolean cancel(UUID id, Instant now) {
        Objects.requireNonNull(id, "id");
        return db.inTransaction("cancelling a re-embedding", h -> {
            int changed = h.createUpdate("UPDATE qa_reembeddings SET status = 'CANCELLED', active = NULL, lease_owner = NULL, "
                    + "lease_expires_at = NULL, completed_at = :now, updated_at = :now WHERE id = :id AND " + UNFINISHED)
                    .bind("id", db.uuid(id))
                    .bind("now", db.time(now))
                    .execute();
            if (changed == 1) {
                h.createUpdate("DELETE FROM qa_reembedding_pairs WHERE reembedding_id = :id").bind("id", db.uuid(id)).execute();
            }
            return changed == 1;
        });
    }

    @Override
    public Optional<EmbeddingProfile> completedProfile(String collection, UUID jobId) {
        String which = jobId == null ? "r.job_id IS NULL AND r.collection = :collection"
                : "(r.job_id = :jobId OR (r.job_id IS NULL AND r.collection = (SELECT j.collection FROM import_jobs j WHERE j.id = :jobId))) "
                        + "AND r.completed_at >= (SELECT j.created_at FROM import_jobs j WHERE j.id = :jobId)";
        return db.withHandle("reading the profile of the newest re-embedding", h -> job(h.createQuery("SELECT " + COLUMNS
                + " FROM qa_reembeddings r WHERE r.status = 'COMPLETED' AND " + which + " ORDER BY r.completed_at DESC LIMIT 1")
                .bindMap(Db.optional("collection", jobId == null ? Objects.requireNonNull(collection, "collection") : null)), jobId)
                .map((rs, ctx) -> read(rs).profile())
                .findOne());
    }

    private Reembedding read(ResultSet rs) throws SQLException {
        Object dimensions = rs.getObject("dimensions");
        EmbeddingProfile profile = new EmbeddingProfile(rs.getString("provider"), rs.getString("base_url"), rs.getString("model"),
                dimensions == null ? null : ((Number) dimensions).intValue(), rs.getString("input_template"));
        return new Reembedding(db.readUuid(rs, "id"), rs.getString("collection"), db.readUuid(rs, "job_id"), profile,
                Db.readEnum(JobStatus.class, rs.getString("status"), "qa_reembeddings.status"), rs.getLong("total_pairs"),
                rs.getLong("embedded_count"), rs.getLong("reused_count"), rs.getLong("failed_count"), rs.getString("message"),
                rs.getInt("attempt"), rs.getString("lease_owner"), db.readInstant(rs, "lease_expires_at"),
                db.readInstant(rs, "created_at"), db.readInstant(rs, "updated_at"), db.readInstant(rs, "completed_at"));
    }
}
