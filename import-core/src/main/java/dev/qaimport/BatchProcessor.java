package dev.qaimport;

import dev.qaimport.model.BatchResult;
import dev.qaimport.model.ParsedQA;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * Writes rows the caller has parsed itself into a job, in batches. Each batch is one transaction
 * that sanitizes and validates its rows, stores the valid ones as pairs, records the row errors,
 * and moves the job's counters and checkpoint; then the progress callback runs. A row the
 * database refuses is isolated by bisecting the batch under savepoints, so it alone becomes an
 * error. Thread-safe.
 *
 * <pre>{@code
 * UUID job = qa.startImport("from-crm", new byte[0], SourceType.JSONL); // with autoStart(false)
 * BatchResult r = qa.batchProcessor().process(job, rowsFromCrm, (done, total) -> { });
 * }</pre>
 */
public interface BatchProcessor {
    /** Rows per transaction (50 unless configured). */
    int batchSize();

    /**
     * Takes the lease of {@code jobId} for this instance, writes {@code items} batch by batch, and
     * ends the job: {@code COMPLETED} once every item is written, {@code CANCELLED} right after
     * the batch during which a cancellation was requested. The job must not be running: a job
     * created with {@code startImport} on an instance that does not start jobs itself
     * ({@code autoStart(false)}), or one whose worker's lease expired.
     *
     * @throws ImportException {@code NOT_FOUND} for an unknown job; {@code ILLEGAL_STATE} when the
     *                         job has ended or another worker holds it; {@code LEASE_LOST} when
     *                         another worker takes it over meanwhile (the batches committed
     *                         before stay)
     */
    BatchResult process(UUID jobId, Iterator<ParsedQA> items, ProgressCallback onProgress);

    /** As {@link #process(UUID, Iterator, ProgressCallback)}, with a known total for the callback. */
    BatchResult process(UUID jobId, List<ParsedQA> items, ProgressCallback onProgress);
}
