package dev.qaimport.jdbc.internal;

import dev.qaimport.spi.NewPair;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Inserts pairs with one JDBC batch. How fast that is depends on the driver's batching options:
 * {@code reWriteBatchedInserts=true} on PostgreSQL, {@code useBulkStmtsForInserts} (on by default)
 * on MariaDB Connector/J 3 (see docs/SCHEMA.md).
 */
final class BatchPairWriter implements PairWriter {
    static final String INSERT = "INSERT INTO qa_pairs (id, question, answer, category, tags, status, import_job_id, "
            + "source_row, question_key, embedding_status, created_at, updated_at) VALUES (:id, :question, :answer, "
            + ":category, :tags, :status, :jobId, :sourceRow, :questionKey, 'PENDING', :createdAt, :createdAt)";

    private final Db db;

    BatchPairWriter(Db db) {
        this.db = db;
    }

    @Override
    public void insert(Handle handle, List<NewPair> pairs) {
        PreparedBatch batch = handle.prepareBatch(INSERT);
        for (NewPair p : pairs) {
            Objects.requireNonNull(p, "pair");
            Objects.requireNonNull(p.id(), "pair id");
            batch.bind("id", db.uuid(p.id()))
                    .bind("question", p.question())
                    .bind("answer", p.answer())
                    .bind("category", p.category())
                    .bind("tags", Tags.encode(p.tags()))
                    .bind("status", Objects.requireNonNull(p.status(), "pair status").name())
                    .bind("jobId", db.uuid(p.importJobId()))
                    .bind("sourceRow", p.sourceRow())
                    .bind("questionKey", p.questionKey())
                    .bind("createdAt", db.time(Objects.requireNonNull(p.createdAt(), "pair createdAt")))
                    .add();
        }
        batch.execute();
    }
}
