package dev.qaimport.jdbc.internal;

import dev.qaimport.ImportException;
import dev.qaimport.jdbc.Dialect;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.RowError;
import dev.qaimport.spi.BatchTransaction;
import dev.qaimport.spi.NewPair;
import dev.qaimport.spi.PairUpdate;
import dev.qaimport.spi.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;

/** One batch's transaction on one handle. Not thread-safe; dead once its transaction ends. */
final class JdbcBatch implements BatchTransaction {
    /** Keys per {@code IN} list: far below every driver's parameter limit, one round trip per batch. */
    static final int IN_CHUNK = 500;

    private final Db db;
    private final Handle handle;
    private final PairWriter writer;
    private boolean open = true;
    private int savepoints;

    JdbcBatch(Db db, Handle handle, PairWriter writer) {
        this.db = db;
        this.handle = handle;
        this.writer = writer;
    }

    void close() {
        open = false;
    }

    private void checkOpen() {
        if (!open) {
            throw new IllegalStateException("the batch transaction has ended; use it only inside inTransaction");
        }
    }

    @Override
    public Fence fence(JobLease lease, Instant now, Instant leaseUntil) {
        checkOpen();
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        try {
            Optional<Fence> found = handle.createQuery("SELECT status, lease_owner, attempt, cancel_requested, processed_rows "
                    + "FROM import_jobs WHERE id = :id FOR UPDATE")
                    .bind("id", db.uuid(lease.jobId()))
                    .map((rs, ctx) -> {
                        // A checkpoint behind the lease's means the database lost commits it had acknowledged.
                        boolean held = "PROCESSING".equals(rs.getString("status"))
                                && lease.owner().equals(rs.getString("lease_owner"))
                                && lease.attempt() == rs.getInt("attempt")
                                && rs.getLong("processed_rows") >= lease.checkpointRow();
                        if (!held) {
                            return Fence.LOST;
                        }
                        return rs.getBoolean("cancel_requested") ? Fence.CANCEL_REQUESTED : Fence.HELD;
                    })
                    .findOne();
            Fence fence = found.orElse(Fence.LOST);
            if (fence != Fence.LOST) {
                db.deferFlush(handle);
                // An expired lease nobody took over is still ours: we hold the row lock now, and a
                // claim needs it too, so renewing here is safe.
                handle.createUpdate("UPDATE import_jobs SET lease_expires_at = :until, updated_at = :now WHERE id = :id")
                        .bind("until", db.time(leaseUntil))
                        .bind("now", db.time(now))
                        .bind("id", db.uuid(lease.jobId()))
                        .execute();
            }
            return fence;
        } catch (JdbiException e) {
            throw SqlErrors.translate("checking the lease of job " + lease.jobId(), e);
        }
    }

    @Override
    public Map<String, UUID> findByQuestionKeys(String collection, Collection<String> keys) {
        checkOpen();
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(keys, "keys");
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        distinct.remove(null);
        Map<String, UUID> found = new HashMap<>();
        try {
            for (int from = 0; from < distinct.size(); from += IN_CHUNK) {
                List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + IN_CHUNK));
                questionKeyQuery(collection, chunk)
                        .map((rs, ctx) -> Map.entry(rs.getString("question_key"), db.readUuid(rs, "id")))
                        .forEach(e -> found.putIfAbsent(e.getKey(), e.getValue()));
            }
        } catch (JdbiException e) {
            throw SqlErrors.translate("looking up " + distinct.size() + " question keys", e);
        }
        return found;
    }

    /**
     * The lookup of one chunk of keys; on PostgreSQL the keys travel as one array parameter, and
     * the transaction does not let the planner scan the table (see {@code Db.inTransaction}).
     */
    private org.jdbi.v3.core.statement.Query questionKeyQuery(String collection, List<String> keys) {
        // The question key leads the index (question_key, collection). With collection first, and
        // ORDER BY naming it, PostgreSQL planned the lookup of a fresh table (no statistics yet) as
        // a scan of the whole collection in index order, filtering the keys: 100 ms per batch and
        // growing, where the key lookup takes 0.1 ms.
        String order = " ORDER BY question_key, created_at, id";
        if (db.dialect() == Dialect.POSTGRESQL) {
            String[] array = keys.toArray(new String[0]);
            return handle.createQuery("SELECT question_key, id FROM qa_pairs WHERE collection = :collection "
                    + "AND question_key = ANY(:keys)" + order)
                    .bind("collection", collection)
                    .bind("keys", Db.array("varchar", array));
        }
        return handle.createQuery("SELECT question_key, id FROM qa_pairs WHERE collection = :collection AND question_key IN (<keys>)"
                + order)
                .bind("collection", collection)
                .bindList("keys", keys);
    }

    @Override
    public void insertPairs(List<NewPair> pairs) {
        checkOpen();
        Objects.requireNonNull(pairs, "pairs");
        if (pairs.isEmpty()) {
            return;
        }
        try {
            writer.insert(handle, pairs);
        } catch (JdbiException | java.sql.SQLException e) {
            throw SqlErrors.translate("inserting " + describe(pairs), e);
        }
    }

    private static String describe(List<NewPair> pairs) {
        NewPair first = pairs.get(0);
        if (pairs.size() == 1) {
            return "the pair of row " + first.sourceRow() + " of job " + first.importJobId();
        }
        return pairs.size() + " pairs (rows " + first.sourceRow() + "-" + pairs.get(pairs.size() - 1).sourceRow()
                + ") of job " + first.importJobId();
    }

    @Override
    public void updatePairs(List<PairUpdate> updates) {
        checkOpen();
        Objects.requireNonNull(updates, "updates");
        if (updates.isEmpty()) {
            return;
        }
        int[] counts;
        try {
            PreparedBatch batch = handle.prepareBatch("UPDATE qa_pairs SET answer = :answer, category = :category, "
                    + "tags = :tags, import_job_id = :jobId, source_row = :sourceRow, embedding_status = 'PENDING', "
                    + "embedding_key = NULL, embedding_error = NULL, embedding_claim_owner = NULL, "
                    + "embedding_claim_until = NULL, updated_at = :updatedAt WHERE id = :id");
            for (PairUpdate u : updates) {
                Objects.requireNonNull(u, "update");
                batch.bind("answer", u.answer())
                        .bind("category", u.category())
                        .bind("tags", Tags.encode(u.tags()))
                        .bind("jobId", db.uuid(u.importJobId()))
                        .bind("sourceRow", u.sourceRow())
                        .bind("updatedAt", db.time(Objects.requireNonNull(u.updatedAt(), "updatedAt")))
                        .bind("id", db.uuid(Objects.requireNonNull(u.pairId(), "pairId")))
                        .add();
            }
            counts = batch.execute();
        } catch (JdbiException e) {
            PairUpdate first = updates.get(0);
            throw SqlErrors.translate("updating " + updates.size() + " pairs for job " + first.importJobId()
                    + " (from row " + first.sourceRow() + ")", e);
        }
        // Counts are exact unless the driver reports SUCCESS_NO_INFO (MariaDB with useBulkStmts).
        for (int i = 0; i < counts.length && i < updates.size(); i++) {
            if (counts[i] == 0) {
                PairUpdate u = updates.get(i);
                throw new StoreException(StoreException.Kind.DATA, "updating pair " + u.pairId() + " for row "
                        + u.sourceRow() + " of job " + u.importJobId() + " failed: the pair no longer exists", null);
            }
        }
    }

    @Override
    public void insertErrors(UUID jobId, List<RowError> errors) {
        checkOpen();
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(errors, "errors");
        if (errors.isEmpty()) {
            return;
        }
        Instant now = db.now();
        try {
            PreparedBatch batch = handle.prepareBatch("INSERT INTO import_row_errors (job_id, source_row, source_line, "
                    + "field, code, message, original_question, original_answer, created_at) VALUES (:jobId, :row, :line, "
                    + ":field, :code, :message, :question, :answer, :createdAt)");
            for (RowError e : errors) {
                Objects.requireNonNull(e, "error");
                batch.bind("jobId", db.uuid(jobId))
                        .bind("row", e.row())
                        .bind("line", e.line())
                        .bind("field", e.field())
                        .bind("code", e.code())
                        .bind("message", e.message())
                        .bind("question", e.question())
                        .bind("answer", e.answer())
                        .bind("createdAt", db.time(now))
                        .add();
            }
            batch.execute();
        } catch (JdbiException e) {
            throw SqlErrors.translate("recording " + errors.size() + " row errors of job " + jobId, e);
        }
    }

    @Override
    public void advanceJob(JobLease lease, JobAdvance advance, Instant now) {
        checkOpen();
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(advance, "advance");
        Objects.requireNonNull(now, "now");
        String total = advance.totalRows() >= 0 ? "total_rows = " + advance.totalRows() + ", " : "";
        int changed;
        try {
            changed = handle.createUpdate("UPDATE import_jobs SET processed_rows = :lastRow, "
                    + "success_count = success_count + :success, updated_count = updated_count + :updated, "
                    + "error_count = error_count + :errors, skipped_count = skipped_count + :skipped, "
                    + "bytes_read = :bytesRead, " + total + "updated_at = :now WHERE " + JdbcJobs.HELD)
                    .bind("lastRow", advance.lastRow())
                    .bind("success", advance.created() + advance.updated())
                    .bind("updated", advance.updated())
                    .bind("errors", advance.errors())
                    .bind("skipped", advance.skipped())
                    .bind("bytesRead", advance.bytesRead())
                    .bind("now", db.time(now))
                    .bind("id", db.uuid(lease.jobId()))
                    .bind("owner", lease.owner())
                    .bind("attempt", lease.attempt())
                    .execute();
        } catch (JdbiException e) {
            throw SqlErrors.translate("advancing job " + lease.jobId() + " to row " + advance.lastRow(), e);
        }
        if (changed != 1) {
            throw new ImportException(ErrorCodes.LEASE_LOST, "job " + lease.jobId() + " is no longer held by "
                    + lease.owner() + " (attempt " + lease.attempt() + "); call fence() first in every batch");
        }
    }

    @Override
    public <T> T withSavepoint(Supplier<T> work) {
        checkOpen();
        Objects.requireNonNull(work, "work");
        String name = "qa_sp_" + (++savepoints);
        try {
            handle.savepoint(name);
        } catch (JdbiException e) {
            throw SqlErrors.translate("setting a savepoint", e);
        }
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            // Any failure, not only a StoreException: the transaction stays usable either way.
            try {
                handle.rollbackToSavepoint(name);
            } catch (JdbiException r) {
                e.addSuppressed(SqlErrors.translate("rolling back to a savepoint", r));
            }
            throw e;
        }
        try {
            handle.releaseSavepoint(name);
        } catch (JdbiException e) {
            throw SqlErrors.translate("releasing a savepoint", e);
        }
        return result;
    }
}
