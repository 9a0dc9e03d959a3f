package dev.qaimport.jdbc.internal;

import dev.qaimport.spi.EmbeddingRepository.EmbeddedPair;
import dev.qaimport.spi.EmbeddingRepository.FailedPair;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The outcome of the embedding stage per pair, with the job counters that follow it: completing
 * claimed pairs as embedded or failed (the vectors, the pairs and the counts in one transaction),
 * and putting a job's failed pairs back to pending.
 */
final class EmbeddingOutcomes {
    private final Db db;
    private final VectorCache vectors;
    private final JobCounters counters;
    private final OutcomeWriter writer;

    EmbeddingOutcomes(Db db, VectorCache vectors, JobCounters counters) {
        this.db = db;
        this.vectors = vectors;
        this.counters = counters;
        this.writer = OutcomeWriter.of(db);
    }

    /** See {@link dev.qaimport.spi.EmbeddingRepository#complete}. */
    int complete(String owner, List<EmbeddedPair> embedded, List<FailedPair> failed, Instant now) {
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
            int changed = writer.mark(h, owner, byPairEmbedded, byPairFailed, now, tally);
            counters.add(h, tally, now);
            return changed;
        });
    }

    private static void addIfPresent(Collection<UUID> ids, UUID id) {
        if (id != null) {
            ids.add(id);
        }
    }

    /** See {@link dev.qaimport.spi.EmbeddingRepository#resetFailed}. */
    int resetFailed(UUID jobId) {
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
}
