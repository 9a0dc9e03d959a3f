package dev.qaimport.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A snapshot of one import job as stored in the database. Counts are exact after every committed
 * batch.
 *
 * @param id                  the job id returned by {@code startImport}
 * @param collection          the collection (knowledge base) of the job and its pairs
 * @param filename            the caller's file name (display only; never used as a path)
 * @param sourceType          the format the payload is parsed as
 * @param status              the life-cycle state
 * @param totalRows           records in the file, or {@code -1} until parsing has reached its end
 * @param processedRows       records handled so far (created, updated, skipped or rejected)
 * @param successCount        records stored as new or updated pairs
 * @param errorCount          records rejected with a {@link RowError}
 * @param skippedCount        records skipped as duplicates
 * @param embeddedCount       pairs of this job that have a vector
 * @param embeddingErrorCount pairs of this job whose input the provider rejected
 * @param errorMessage        why the job failed (or the last embedding-stage problem), or {@code null}
 * @param fileNote            a remark about how the whole file was read, or {@code null}: the legacy
 *                            encoding detected for a file that is not UTF-8 and the detector's
 *                            confidence ({@code the file is not UTF-8; read as KOI8-R (confidence high)})
 * @param cancelRequested     whether {@code cancel} was called while the job was processing
 * @param payloadBytes        size of the stored payload in bytes
 * @param bytesRead           bytes of the payload consumed by committed batches (progress)
 * @param attempt             how many times a worker has claimed the job
 * @param leaseOwner          the worker holding the lease, or {@code null}
 * @param leaseExpiresAt      when the current lease runs out, or {@code null}
 * @param createdAt           when {@code startImport} stored the job
 * @param startedAt           when a worker first claimed it, or {@code null}
 * @param updatedAt           the last change (the heartbeat while processing)
 * @param completedAt         when it reached a terminal state, or {@code null}
 */
public record ImportJob(
        UUID id,
        String collection,
        String filename,
        SourceType sourceType,
        JobStatus status,
        long totalRows,
        long processedRows,
        long successCount,
        long errorCount,
        long skippedCount,
        long embeddedCount,
        long embeddingErrorCount,
        String errorMessage,
        String fileNote,
        boolean cancelRequested,
        long payloadBytes,
        long bytesRead,
        int attempt,
        String leaseOwner,
        Instant leaseExpiresAt,
        Instant createdAt,
        Instant startedAt,
        Instant updatedAt,
        Instant completedAt) {
    public ImportJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(status, "status");
    }

    /**
     * Fraction of the work done in {@code [0, 1]}: exact rows once the total is known, otherwise
     * the share of payload bytes consumed.
     */
    public double progress() {
        if (status == JobStatus.COMPLETED) {
            return 1.0;
        }
        if (totalRows > 0) {
            return Math.min(1.0, (double) processedRows / totalRows);
        }
        if (payloadBytes > 0) {
            return Math.min(1.0, (double) bytesRead / payloadBytes);
        }
        return 0.0;
    }
}
