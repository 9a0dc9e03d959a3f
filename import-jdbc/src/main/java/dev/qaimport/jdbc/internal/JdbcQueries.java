package dev.qaimport.jdbc.internal;

import dev.qaimport.model.EmbeddingStatus;
import dev.qaimport.model.ImportCounts;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.QAStatus;
import dev.qaimport.model.RowError;
import dev.qaimport.spi.QueryRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Read access to pairs and row errors, paged by row number (keyset paging, no OFFSET). */
final class JdbcQueries implements QueryRepository {
    private static final String PAIR_COLUMNS = "id, collection, question, answer, category, tags, status, import_job_id, source_row, "
            + "question_key, embedding_status, created_at";

    private final Db db;

    JdbcQueries(Db db) {
        this.db = db;
    }

    @Override
    public List<RowError> errors(UUID jobId, long afterRow, int limit) {
        Objects.requireNonNull(jobId, "jobId");
        JdbcJobs.positive("limit", limit);
        return db.withHandle("reading row errors of job " + jobId, h -> h.createQuery(
                "SELECT source_row, source_line, field, code, message, original_question, original_answer "
                        + "FROM import_row_errors WHERE job_id = :jobId AND source_row > :afterRow "
                        + "ORDER BY source_row, id LIMIT :limit")
                .bind("jobId", db.uuid(jobId))
                .bind("afterRow", afterRow)
                .bind("limit", limit)
                .map((rs, ctx) -> new RowError(rs.getLong("source_row"), rs.getLong("source_line"), rs.getString("field"),
                        rs.getString("code"), rs.getString("message"), rs.getString("original_question"),
                        rs.getString("original_answer")))
                .list());
    }

    @Override
    public Optional<QAPair> pair(UUID pairId) {
        Objects.requireNonNull(pairId, "pairId");
        return db.withHandle("reading pair " + pairId, h -> h.createQuery(
                "SELECT " + PAIR_COLUMNS + " FROM qa_pairs WHERE id = :id")
                .bind("id", db.uuid(pairId))
                .map((rs, ctx) -> pair(rs))
                .findOne());
    }

    @Override
    public List<QAPair> pairsOfJob(UUID jobId, long afterRow, int limit) {
        Objects.requireNonNull(jobId, "jobId");
        JdbcJobs.positive("limit", limit);
        return db.withHandle("reading pairs of job " + jobId, h -> h.createQuery(
                "SELECT " + PAIR_COLUMNS + " FROM qa_pairs WHERE import_job_id = :jobId AND source_row > :afterRow "
                        + "ORDER BY source_row LIMIT :limit")
                .bind("jobId", db.uuid(jobId))
                .bind("afterRow", afterRow)
                .bind("limit", limit)
                .map((rs, ctx) -> pair(rs))
                .list());
    }

    @Override
    public long countPairs(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return db.withHandle("counting pairs of job " + jobId, h -> h.createQuery(
                "SELECT COUNT(*) FROM qa_pairs WHERE import_job_id = :jobId")
                .bind("jobId", db.uuid(jobId))
                .mapTo(Long.class)
                .one());
    }

    @Override
    public ImportCounts counts(String collection, Instant now) {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(now, "now");
        return db.withHandle("counting the work of collection " + collection, h -> {
            ImportCounts jobs = h.createQuery("SELECT "
                    + "COALESCE(SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END), 0) AS queued, "
                    + "COALESCE(SUM(CASE WHEN status = 'PROCESSING' AND lease_expires_at >= :now THEN 1 ELSE 0 END), 0) AS running, "
                    + "COALESCE(SUM(CASE WHEN status = 'PROCESSING' AND lease_expires_at < :now THEN 1 ELSE 0 END), 0) AS stale "
                    + "FROM import_jobs WHERE collection = :collection AND status IN ('PENDING', 'PROCESSING')")
                    .bind("now", db.time(now))
                    .bind("collection", collection)
                    .map((rs, ctx) -> new ImportCounts(rs.getLong("queued"), rs.getLong("running"), rs.getLong("stale"), 0))
                    .one();
            long pending = h.createQuery("SELECT COUNT(*) FROM qa_pairs WHERE collection = :collection AND embedding_status = 'PENDING'")
                    .bind("collection", collection)
                    .mapTo(Long.class)
                    .one();
            return new ImportCounts(jobs.queuedJobs(), jobs.runningJobs(), jobs.staleJobs(), pending);
        });
    }

    private QAPair pair(ResultSet rs) throws SQLException {
        long sourceRow = rs.getLong("source_row");
        return new QAPair(
                db.readUuid(rs, "id"),
                rs.getString("collection"),
                rs.getString("question"),
                rs.getString("answer"),
                rs.getString("category"),
                Db.readTags(rs, "tags"),
                Db.readEnum(QAStatus.class, rs.getString("status"), "qa_pairs.status"),
                db.readUuid(rs, "import_job_id"),
                sourceRow,
                rs.getString("question_key"),
                Db.readEnum(EmbeddingStatus.class, rs.getString("embedding_status"), "qa_pairs.embedding_status"),
                db.readInstant(rs, "created_at"));
    }
}
