package dev.qaimport.parse.internal;

import java.io.Closeable;
import java.util.List;

/**
 * Reads records from one file, one at a time. Not thread-safe. Closing it closes the stream.
 */
public interface RecordReader extends Closeable {
    /**
     * The next record, or {@code null} at the end of the file. Records come in file order with
     * row numbers 1, 2, 3, … without gaps.
     *
     * @throws dev.qaimport.ImportException when the file cannot be read further (broken structure,
     *                                      invalid encoding, a limit exceeded); the message names
     *                                      the line
     */
    ParsedRow next();

    /** Bytes of the input consumed so far (approximate: includes read-ahead), for progress. */
    long bytesRead();

    /** The column names of the header (CSV/TSV) or the keys of the first record (JSON); for reports. */
    List<String> columns();

    /**
     * A note about the whole file, not any row: the legacy encoding detected and its confidence,
     * such as {@code "the file is not UTF-8; read as KOI8-R (confidence high)"}; {@code null} when
     * there is nothing to say.
     */
    default String note() {
        return null;
    }

    /** Closes the underlying stream without throwing checked exceptions. */
    @Override
    void close();
}
