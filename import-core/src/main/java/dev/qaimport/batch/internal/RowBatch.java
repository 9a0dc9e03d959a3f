package dev.qaimport.batch.internal;

import dev.qaimport.parse.internal.ParsedRow;
import java.util.List;

/**
 * Rows cut from a source as one batch.
 *
 * @param rows      the rows, in order, never empty
 * @param bytesRead payload bytes consumed when the batch was cut
 * @param last      whether the source ended right after this batch (so its last row is the total)
 */
record RowBatch(List<ParsedRow> rows, long bytesRead, boolean last) {
    long lastRow() {
        return rows.get(rows.size() - 1).row();
    }
}
