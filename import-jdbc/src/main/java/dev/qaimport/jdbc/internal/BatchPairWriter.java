package dev.qaimport.jdbc.internal;

import dev.qaimport.spi.NewPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * Inserts pairs with one JDBC batch of positional parameters: this is the hottest statement of an
 * import, so it skips JDBI's named-parameter binding. How fast it is depends on the driver's
 * batching options: {@code reWriteBatchedInserts=true} on PostgreSQL, {@code useBulkStmtsForInserts}
 * (on by default) on MariaDB Connector/J 3 (see docs/SCHEMA.md).
 */
final class BatchPairWriter implements PairWriter {
    static final String INSERT = "INSERT INTO qa_pairs (id, question, answer, category, tags, status, import_job_id, "
            + "source_row, question_key, embedding_status, created_at, updated_at, collection) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)";

    private final Db db;
    private final String insert;

    BatchPairWriter(Db db) {
        this.db = db;
        this.insert = db.sql(INSERT);
    }

    @Override
    public void insert(Handle handle, List<NewPair> pairs) throws SQLException {
        Connection c = handle.getConnection();
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (NewPair p : pairs) {
                Objects.requireNonNull(p, "pair");
                Objects.requireNonNull(p.id(), "pair id");
                db.uuid(p.id()).apply(1, ps, null);
                ps.setString(2, p.question());
                ps.setString(3, p.answer());
                if (p.category() == null) {
                    ps.setNull(4, Types.VARCHAR);
                } else {
                    ps.setString(4, p.category());
                }
                ps.setString(5, Tags.encode(p.tags()));
                ps.setString(6, Objects.requireNonNull(p.status(), "pair status").name());
                db.uuid(p.importJobId()).apply(7, ps, null);
                ps.setLong(8, p.sourceRow());
                ps.setString(9, p.questionKey());
                db.time(Objects.requireNonNull(p.createdAt(), "pair createdAt")).apply(10, ps, null);
                db.time(p.createdAt()).apply(11, ps, null);
                ps.setString(12, Objects.requireNonNull(p.collection(), "pair collection"));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
