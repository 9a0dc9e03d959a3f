package dev.qaimport.batch.internal;

import dev.qaimport.model.BatchResult;

/**
 * What a pipeline run did.
 *
 * @param result    the counts (and, for callers' own rows, the errors and ids)
 * @param stop      why the run ended
 * @param totalRows records in the source if known, else {@code -1}
 * @param lastRow   the last row committed (the job's checkpoint)
 */
public record Outcome(BatchResult result, StopReason stop, long totalRows, long lastRow) {
}
