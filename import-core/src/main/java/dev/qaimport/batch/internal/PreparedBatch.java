package dev.qaimport.batch.internal;

import dev.qaimport.model.RowError;
import dev.qaimport.validate.internal.CleanQA;
import java.util.List;

/**
 * A batch after sanitizing and validation, waiting to be written in order.
 *
 * @param items     one entry per record, in row order
 * @param lastRow   the last record of the batch (the checkpoint after it commits)
 * @param bytesRead payload bytes consumed when the batch was cut
 * @param totalRows records in the file when this is the last batch, else {@code -1}
 */
record PreparedBatch(List<Item> items, long lastRow, long bytesRead, long totalRows) {
    /**
     * One record: a clean one, or its errors (never both).
     *
     * @param row    record index
     * @param line   start line
     * @param clean  the clean record, or {@code null}
     * @param errors why the record is rejected, or empty
     */
    record Item(long row, long line, CleanQA clean, List<RowError> errors) {
    }
}
