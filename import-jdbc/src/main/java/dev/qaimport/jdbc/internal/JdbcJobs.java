package dev.qaimport.jdbc.internal;

import dev.qaimport.jdbc.Dialect;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.SourceType;
import dev.qaimport.spi.JobRepository;
import dev.qaimport.spi.NewJob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Jobs and their leases. A claim is one conditional {@code UPDATE} whose condition is checked
 * under the row lock on every supported database, so two workers can never both win it;
 * {@link #claimNext} first picks a candidate with {@code FOR UPDATE SKIP LOCKED} (on H2, a few
 * candidates read without a lock, tried in turn) so that concurrent workers spread over different
 * jobs instead of queueing on one. Every later state
 * change repeats the lease (owner and attempt) in its {@code WHERE} clause: that is the fencing.
 * The embedding counters are kept by the {@link JobCounters} it owns.
 */
final class JdbcJobs implements JobRepository {
    static final String COLUMNS = "id, collection, filename, source_type, status, total_rows, processed_rows, success_count, "
            + "error_count, skipped_count, embedded_count, embedding_error_count, error_message, embedding_message, "
            + "file_note, cancel_requested, payload_bytes, bytes_read, attempt, lease_owner, lease_expires_at, created_at, "
            + "started_at, updated_at, completed_at";

    /** Jobs an unlocked claim (H2) tries in turn. */
    private static final int UNLOCKED_CANDIDATES = 8;
    /** A job nobody holds: waiting, or processing under a lease that ran out before {@code :now}. */
    private static final String CLAIMABLE = "(status = 'PENDING' OR (status = 'PROCESSING' AND lease_expires_at < :now))";

    /** The lease presented is the current one. */
    static final String HELD = "id = :id AND status = 'PROCESSING' AND lease_owner = :owner AND attempt = :attempt";

    private final Db db;
    private final JobCounters counters;

    JdbcJobs(Db db) {
        this.db = db;
        this.counters = new JobCounters(db);
    }

    /** The jobs' embedding counters, which the embedding stage keeps in its own transactions. */
    JobCounters counters() {
        return counters;
    }

    @Override
    public void insert(NewJob job) {
        Objects.requireNonNull(job, "job");
        db.withHandle("inserting job " + job.id(), h -> h.createUpdate(
                "INSERT INTO import_jobs (id, collection, filename, source_type, status, options, payload_store, payload_bytes, "
                        + "created_at, updated_at) VALUES (:id, :collection, :filename, :sourceType, 'PENDING', :options, "
                        + ":payloadStore, :payloadBytes, :createdAt, :createdAt)")
                .bind("id", db.uuid(job.id()))
                .bind("collection", job.collection())
                .bind("filename", job.filename())
                .bind("sourceType", job.sourceType().name())
                .bind("options", job.options())
                .bind("payloadStore", job.payloadStore())
                .bind("payloadBytes", job.payloadBytes())
                .bind("createdAt", db.time(job.createdAt()))
                .execute());
    }

    @Override
    public Optional<ImportJob> find(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return db.withHandle("reading job " + jobId, h -> h.createQuery("SELECT " + COLUMNS + " FROM import_jobs WHERE id = :id")
                .bind("id", db.uuid(jobId))
                .map((rs, ctx) -> job(db, rs))
                .findOne());
    }

    @Override
    public Optional<String> options(UUID jobId) {
        return column(jobId, "options");
    }

    @Override
    public Optional<String> payloadStore(UUID jobId) {
        return column(jobId, "payload_store");
    }

    private Optional<String> column(UUID jobId, String column) {
        Objects.requireNonNull(jobId, "jobId");
        return db.withHandle("reading " + column + " of job " + jobId, h -> h.createQuery(
                "SELECT " + column + " FROM import_jobs WHERE id = :id")
                .bind("id", db.uuid(jobId))
                .mapTo(String.class)
                .findOne());
    }

    @Override
    public List<ImportJob> recent(String collection, int limit) {
        Objects.requireNonNull(collection, "collection");
        positive("limit", limit);
        return db.withHandle("listing recent jobs", h -> h.createQuery(
                "SELECT " + COLUMNS + " FROM import_jobs WHERE collection = :collection ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("collection", collection)
                .bind("limit", limit)
                .map((rs, ctx) -> job(db, rs))
                .list());
    }

    @Override
    public Optional<JobLease> claim(UUID jobId, String owner, Instant now, Instant leaseUntil) {
        Objects.requireNonNull(jobId, "jobId");
        checkLeaseArguments(owner, now, leaseUntil);
        return db.inTransaction("claiming job " + jobId, h -> take(h, jobId, owner, now, leaseUntil));
    }

    @Override
    public Optional<JobLease> claimNext(String collection, String owner, Instant now, Instant leaseUntil) {
        checkLeaseArguments(owner, now, leaseUntil);
        String in = collection == null ? "" : " AND collection = :collection";
        if (db.dialect() == Dialect.H2) {
            // H2 would lock every claimable job for a FOR UPDATE with ORDER BY and LIMIT (see
            // EmbeddingClaims.claimPending): read a few candidates without a lock and let the
            // conditional update decide, trying the next candidate when another worker won.
            return db.inTransaction("claiming the next job", h -> {
                List<UUID> candidates = h.createQuery("SELECT id FROM import_jobs WHERE " + CLAIMABLE + in
                        + " ORDER BY created_at, id LIMIT " + UNLOCKED_CANDIDATES)
                        .bind("now", db.time(now))
                        .bindMap(Db.optional("collection", collection))
                        .map((rs, ctx) -> db.readUuid(rs, "id"))
                        .list();
                for (UUID id : candidates) {
                    Optional<JobLease> lease = take(h, id, owner, now, leaseUntil);
                    if (lease.isPresent()) {
                        return lease;
                    }
                }
                return Optional.<JobLease>empty();
            });
        }
        return db.inTransaction("claiming the next job", h -> {
            Optional<UUID> candidate = h.createQuery("SELECT id FROM import_jobs WHERE " + CLAIMABLE + in
                    + " ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
                    .bind("now", db.time(now))
                    .bindMap(Db.optional("collection", collection))
                    .map((rs, ctx) -> db.readUuid(rs, "id"))
                    .findOne();
            return candidate.flatMap(id -> take(h, id, owner, now, leaseUntil));
        });
    }

    /** The conditional update that is the claim, in the caller's transaction. */
    private Optional<JobLease> take(Handle h, UUID jobId, String owner, Instant now, Instant leaseUntil) {
        int changed = h.createUpdate("UPDATE import_jobs SET status = 'PROCESSING', attempt = attempt + 1, "
                + "lease_owner = :owner, lease_expires_at = :until, started_at = COALESCE(started_at, :now), "
                + "updated_at = :now WHERE id = :id AND " + CLAIMABLE)
                .bind("owner", owner)
                .bind("until", db.time(leaseUntil))
                .bind("now", db.time(now))
                .bind("id", db.uuid(jobId))
                .execute();
        if (changed == 0) {
            return Optional.empty();
        }
        return h.createQuery("SELECT attempt, attempt_base, processed_rows FROM import_jobs WHERE id = :id")
                .bind("id", db.uuid(jobId))
                .map((rs, ctx) -> new JobLease(jobId, owner, rs.getInt("attempt"), Db.micros(leaseUntil),
                        rs.getLong("processed_rows"), rs.getInt("attempt") - rs.getInt("attempt_base")))
                .findOne();
    }

    @Override
    public boolean renew(JobLease lease, Instant now, Instant leaseUntil) {
        Objects.requireNonNull(lease, "lease");
        checkLeaseArguments(lease.owner(), now, leaseUntil);
        return db.withHandle("renewing the lease of job " + lease.jobId(), h -> h.createUpdate(
                "UPDATE import_jobs SET lease_expires_at = :until, updated_at = :now WHERE " + HELD)
                .bind("until", db.time(leaseUntil))
                .bind("now", db.time(now))
                .bind("id", db.uuid(lease.jobId()))
                .bind("owner", lease.owner())
                .bind("attempt", lease.attempt())
                .execute()) == 1;
    }

    @Override
    public boolean finish(JobLease lease, JobStatus status, String errorMessage, long totalRows, Instant now) {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(now, "now");
        if (!status.isTerminal()) {
            throw new IllegalArgumentException("status is not terminal: " + status);
        }
        String total = totalRows >= 0 ? "total_rows = " + totalRows + ", " : "";
        return db.withHandle("finishing job " + lease.jobId(), h -> h.createUpdate(
                "UPDATE import_jobs SET status = :status, error_message = :message, " + total
                        + "lease_owner = NULL, lease_expires_at = NULL, completed_at = :now, updated_at = :now WHERE " + HELD)
                .bind("status", status.name())
                .bind("message", errorMessage)
                .bind("now", db.time(now))
                .bind("id", db.uuid(lease.jobId()))
                .bind("owner", lease.owner())
                .bind("attempt", lease.attempt())
                .execute()) == 1;
    }

    @Override
    public boolean release(JobLease lease, Instant now) {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(now, "now");
        // Back to PENDING (not an expired PROCESSING lease) so that claimNext takes it at once
        // and a cancel request finishes it at once; started_at, attempt and the checkpoint stay.
        // A graceful release is no failed attempt: the attempts counted towards maxAttempts
        // start again with the next claim.
        return db.withHandle("releasing job " + lease.jobId(), h -> h.createUpdate(
                "UPDATE import_jobs SET status = 'PENDING', lease_owner = NULL, lease_expires_at = NULL, "
                        + "attempt_base = attempt, updated_at = :now WHERE " + HELD)
                .bind("now", db.time(now))
                .bind("id", db.uuid(lease.jobId()))
                .bind("owner", lease.owner())
                .bind("attempt", lease.attempt())
                .execute()) == 1;
    }

    @Override
    public Optional<JobStatus> requestCancel(UUID jobId, Instant now) {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(now, "now");
        return db.inTransaction("cancelling job " + jobId, h -> {
            Optional<String> current = h.createQuery("SELECT status FROM import_jobs WHERE id = :id FOR UPDATE")
                    .bind("id", db.uuid(jobId))
                    .mapTo(String.class)
                    .findOne();
            if (current.isEmpty()) {
                return Optional.empty();
            }
            JobStatus status = Db.readEnum(JobStatus.class, current.get(), "import_jobs.status");
            if (status == JobStatus.PENDING) {
                h.createUpdate("UPDATE import_jobs SET status = 'CANCELLED', cancel_requested = TRUE, completed_at = :now, "
                        + "updated_at = :now WHERE id = :id")
                        .bind("now", db.time(now))
                        .bind("id", db.uuid(jobId))
                        .execute();
                return Optional.of(JobStatus.CANCELLED);
            }
            if (status == JobStatus.PROCESSING) {
                // A job whose lease expired has no worker to stop it after its batch: cancel it now
                // (the row lock keeps a claim from slipping in between).
                int dead = h.createUpdate("UPDATE import_jobs SET status = 'CANCELLED', cancel_requested = TRUE, lease_owner = NULL, "
                        + "lease_expires_at = NULL, completed_at = :now, updated_at = :now WHERE id = :id AND lease_expires_at < :now")
                        .bind("now", db.time(now))
                        .bind("id", db.uuid(jobId))
                        .execute();
                if (dead == 1) {
                    return Optional.of(JobStatus.CANCELLED);
                }
                h.createUpdate("UPDATE import_jobs SET cancel_requested = TRUE, updated_at = :now WHERE id = :id")
                        .bind("now", db.time(now))
                        .bind("id", db.uuid(jobId))
                        .execute();
            }
            return Optional.of(status);
        });
    }

    @Override
    public boolean reopen(UUID jobId, Instant now) {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(now, "now");
        // The checkpoint, the counts and the attempt (the fencing token) stay; the attempts counted
        // towards maxAttempts start again.
        return db.withHandle("reopening job " + jobId, h -> h.createUpdate("UPDATE import_jobs SET status = 'PENDING', "
                + "error_message = NULL, embedding_message = NULL, cancel_requested = FALSE, lease_owner = NULL, "
                + "lease_expires_at = NULL, completed_at = NULL, attempt_base = attempt, updated_at = :now "
                + "WHERE id = :id AND status IN ('FAILED', 'CANCELLED')")
                .bind("now", db.time(now))
                .bind("id", db.uuid(jobId))
                .execute()) == 1;
    }

    @Override
    public List<ImportJob> findStale(String collection, Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        positive("limit", limit);
        return db.withHandle("finding stale jobs", h -> h.createQuery("SELECT " + COLUMNS + " FROM import_jobs "
                + "WHERE status = 'PROCESSING' AND lease_expires_at < :now" + (collection == null ? "" : " AND collection = :collection")
                + " ORDER BY created_at, id LIMIT :limit")
                .bind("now", db.time(now))
                .bindMap(Db.optional("collection", collection))
                .bind("limit", limit)
                .map((rs, ctx) -> job(db, rs))
                .list());
    }

    @Override
    public boolean failStale(UUID jobId, int attempt, String errorMessage, Instant now) {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(now, "now");
        return db.withHandle("failing stale job " + jobId, h -> h.createUpdate(
                "UPDATE import_jobs SET status = 'FAILED', error_message = :message, lease_owner = NULL, "
                        + "lease_expires_at = NULL, completed_at = :now, updated_at = :now "
                        + "WHERE id = :id AND status = 'PROCESSING' AND attempt = :attempt AND lease_expires_at < :now")
                .bind("message", errorMessage)
                .bind("now", db.time(now))
                .bind("id", db.uuid(jobId))
                .bind("attempt", attempt)
                .execute()) == 1;
    }

    @Override
    public void setEmbeddingMessage(UUID jobId, String message, Instant now) {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(now, "now");
        db.withHandle("recording the embedding message of job " + jobId, h -> h.createUpdate(
                "UPDATE import_jobs SET embedding_message = :message, updated_at = :now WHERE id = :id")
                .bind("message", message)
                .bind("now", db.time(now))
                .bind("id", db.uuid(jobId))
                .execute());
    }

    @Override
    public boolean setFileNote(JobLease lease, String note, Instant now) {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(now, "now");
        return db.withHandle("recording the file note of job " + lease.jobId(), h -> h.createUpdate(
                "UPDATE import_jobs SET file_note = :note, updated_at = :now WHERE " + HELD)
                .bind("note", note)
                .bind("now", db.time(now))
                .bind("id", db.uuid(lease.jobId()))
                .bind("owner", lease.owner())
                .bind("attempt", lease.attempt())
                .execute()) == 1;
    }

    /**
     * A job row as the model sees it. The model has one message: a job's own failure wins over
     * the last embedding-stage message, which is kept in its own column so that clearing one
     * never erases the other.
     */
    static ImportJob job(Db db, ResultSet rs) throws SQLException {
        long totalRows = rs.getLong("total_rows");
        if (rs.wasNull()) {
            totalRows = -1;
        }
        String message = rs.getString("error_message");
        if (message == null) {
            message = rs.getString("embedding_message");
        }
        return new ImportJob(
                db.readUuid(rs, "id"),
                rs.getString("collection"),
                rs.getString("filename"),
                Db.readEnum(SourceType.class, rs.getString("source_type"), "import_jobs.source_type"),
                Db.readEnum(JobStatus.class, rs.getString("status"), "import_jobs.status"),
                totalRows,
                rs.getLong("processed_rows"),
                rs.getLong("success_count"),
                rs.getLong("error_count"),
                rs.getLong("skipped_count"),
                rs.getLong("embedded_count"),
                rs.getLong("embedding_error_count"),
                message,
                rs.getString("file_note"),
                rs.getBoolean("cancel_requested"),
                rs.getLong("payload_bytes"),
                rs.getLong("bytes_read"),
                rs.getInt("attempt"),
                rs.getString("lease_owner"),
                db.readInstant(rs, "lease_expires_at"),
                db.readInstant(rs, "created_at"),
                db.readInstant(rs, "started_at"),
                db.readInstant(rs, "updated_at"),
                db.readInstant(rs, "completed_at"));
    }

    private static void checkLeaseArguments(String owner, Instant now, Instant leaseUntil) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("owner is blank");
        }
        if (owner.length() > 200) {
            throw new IllegalArgumentException("owner longer than 200 characters: " + owner.length());
        }
        if (!leaseUntil.isAfter(now)) {
            throw new IllegalArgumentException("leaseUntil " + leaseUntil + " is not after now " + now);
        }
    }

    static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " < 1: " + value);
        }
    }
}
