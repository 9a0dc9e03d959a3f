package dev.qaimport.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A re-embedding: moving every pair, or one job's, to the vectors of another model, as stored in
 * the database. The pairs keep their current vectors, and search keeps using them, until every
 * pair of the scope has a vector of the new model; then all of them switch in one transaction.
 *
 * <p>Its status is {@link JobStatus#PENDING} until a process takes it up,
 * {@link JobStatus#PROCESSING} while one holds its lease (or until a crashed one's lease
 * expires), {@link JobStatus#COMPLETED} once the pairs switched, or {@link JobStatus#CANCELLED}.
 *
 * @param id          the re-embedding's id
 * @param collection  the collection whose pairs move
 * @param jobId       the job whose pairs move, or {@code null} for every pair of the collection
 * @param profile     the provider and model the pairs move to, and the input template
 * @param status      where it stands
 * @param totalPairs  pairs in its scope when it was last taken up
 * @param embedded    pairs that have a vector of the new model (including cache hits)
 * @param reused      of those, pairs whose vector came from the cache instead of the provider
 * @param failed      pairs whose input the new provider rejected; marked failed at the switch
 * @param message     why it waits or stopped, or {@code null}
 * @param attempt     how many times a process took it up
 * @param leaseOwner  the process working on it now, or {@code null}
 * @param leaseUntil  when that process's lease ends, or, for one that stopped, the time from which
 *                    a process may take it up again; {@code null} when any process may now
 * @param createdAt   when it was started
 * @param updatedAt   when it last changed
 * @param completedAt when it completed or was cancelled, or {@code null}
 */
public record Reembedding(UUID id, String collection, UUID jobId, EmbeddingProfile profile, JobStatus status, long totalPairs, long embedded,
        long reused, long failed, String message, int attempt, String leaseOwner, Instant leaseUntil, Instant createdAt, Instant updatedAt,
        Instant completedAt) {
    public Reembedding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Whether a process may take it up at {@code now}: it is unfinished and nobody's lease or wait holds it. */
    public boolean claimableAt(Instant now) {
        return !status.isTerminal() && (leaseUntil == null || leaseUntil.isBefore(now));
    }

    /** Pairs done: embedded or rejected. */
    public long done() {
        return embedded + failed;
    }

    /** Whether it covers every pair rather than one job's. */
    public boolean everyPair() {
        return jobId == null;
    }

    /** A one-line summary for logs and the command line. */
    public String describe() {
        return "re-embedding " + id + " of " + (jobId == null ? "every pair" : "job " + jobId) + " to " + profile.describe()
                + ": " + status + ", " + done() + "/" + totalPairs + " pairs done (" + reused + " from the cache, " + failed
                + " rejected)" + (message == null ? "" : "; " + message);
    }
}
