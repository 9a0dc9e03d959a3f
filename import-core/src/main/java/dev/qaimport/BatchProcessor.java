package dev.qaimport;

import dev.qaimport.model.BatchResult;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.ParsedQA;
import java.util.Iterator;
import java.util.List;

/**
 * Writes parsed rows in batches. Each batch is one transaction that sanitizes and validates its
 * rows, stores the valid ones as pairs, records the row errors, and moves the job's counters and
 * checkpoint; then the progress callback runs. A row the database refuses is isolated by
 * bisecting the batch under savepoints, so it alone becomes an error. Thread-safe.
 */
public interface BatchProcessor {
    /** Rows per transaction (50 unless configured). */
    int batchSize();

    /**
     * Processes {@code items} for the job held by {@code lease}, batch by batch, and stops early
     * after the batch during which a cancellation was requested.
     *
     * @throws ImportException {@code LEASE_LOST} if another worker took the job over; batches
     *                         committed before stay
     */
    BatchResult process(JobLease lease, Iterator<ParsedQA> items, ProgressCallback onProgress);

    /** As {@link #process(JobLease, Iterator, ProgressCallback)}, with a known total for the callback. */
    BatchResult process(JobLease lease, List<ParsedQA> items, ProgressCallback onProgress);
}
