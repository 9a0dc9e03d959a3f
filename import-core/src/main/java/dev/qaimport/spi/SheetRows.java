package dev.qaimport.spi;

import java.io.Closeable;
import java.util.List;

/**
 * The rows of one sheet, in order, as the cells' displayed text. Rows without any non-empty cell
 * are skipped. Not thread-safe.
 */
public interface SheetRows extends Closeable {
    /** The sheet's name, for messages. */
    String sheetName();

    /**
     * The next row that has a non-empty cell, or {@code null} at the end of the sheet: its cells
     * from column A (index 0) to its last non-empty cell, with {@code ""} for empty cells. A cell
     * longer than {@code Limits.maxFieldChars} is cut to {@code maxFieldChars + 1} characters, and a
     * row is cut after {@code Limits.maxColumns + 1} cells, so that the caller can tell.
     *
     * @throws dev.qaimport.ImportException when the sheet cannot be read further
     */
    List<String> next();

    /** The spreadsheet's 1-based number of the row last returned by {@link #next()}. */
    long rowNumber();

    /** Bytes of the workbook consumed so far (approximate), for progress. */
    long bytesRead();

    /** Releases the workbook without throwing checked exceptions. */
    @Override
    void close();
}
