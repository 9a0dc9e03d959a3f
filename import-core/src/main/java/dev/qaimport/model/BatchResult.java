package dev.qaimport.model;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a batch (or a sequence of batches) did.
 *
 * @param successCount rows stored as new or updated pairs
 * @param errorCount   rows rejected
 * @param skippedCount rows skipped as duplicates
 * @param errors       the row errors, in row order
 * @param createdIds   ids of the pairs created or updated, in row order
 */
public record BatchResult(int successCount, int errorCount, int skippedCount, List<RowError> errors, List<UUID> createdIds) {
    /** A result with nothing in it. */
    public static final BatchResult EMPTY = new BatchResult(0, 0, 0, List.of(), List.of());

    public BatchResult {
        errors = List.copyOf(errors);
        createdIds = List.copyOf(createdIds);
    }

    /** Rows this result accounts for. */
    public int processedCount() {
        return successCount + errorCount + skippedCount;
    }

    /** This result followed by {@code next}. */
    public BatchResult plus(BatchResult next) {
        List<RowError> e = new ArrayList<>(errors.size() + next.errors.size());
        e.addAll(errors);
        e.addAll(next.errors);
        List<UUID> ids = new ArrayList<>(createdIds.size() + next.createdIds.size());
        ids.addAll(createdIds);
        ids.addAll(next.createdIds);
        return new BatchResult(successCount + next.successCount, errorCount + next.errorCount,
                skippedCount + next.skippedCount, e, ids);
    }
}
