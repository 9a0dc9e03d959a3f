package dev.qaimport.parse.internal;

import dev.qaimport.ImportException;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.RowError;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * The skeleton every reader shares, so that each format only says how it reads its next record:
 * the decoded payload and the count of its bytes, row numbers and {@code Limits.maxRows}, the
 * records read ahead at the start, row errors located at the current row, the fatal error that
 * every later call repeats, and closing.
 *
 * <p>A reader is for one thread. {@link #read()} is called only while the reader is open, has not
 * failed and has not reached the end.
 */
abstract class AbstractRecordReader implements RecordReader {
    private final CountingInputStream counter;
    private final TextDecoder decoder;
    final Limits limits;
    private final ArrayDeque<ParsedRow> readAhead = new ArrayDeque<>();
    private long row;
    private ImportException failure;
    private boolean done;
    private boolean closed;

    /**
     * @param counter the payload's byte count (for {@link #bytesRead()})
     * @param decoder the payload's characters; closed with the reader
     */
    AbstractRecordReader(CountingInputStream counter, TextDecoder decoder, Limits limits) {
        this.counter = counter;
        this.decoder = decoder;
        this.limits = limits;
    }

    /** Most characters one CSV record, or one JSON Lines line, may have: room for a few full-size fields. */
    static long maxRecordChars(Limits limits) {
        return 4L * limits.maxFieldChars();
    }

    /** The fatal error for an input stream that failed. */
    static ImportException readFailed(IOException e) {
        return new ImportException(ErrorCodes.PAYLOAD, "reading the file failed: " + e.getMessage(), e);
    }

    /** The next record from the payload, or {@code null} at its end. */
    abstract ParsedRow read();

    /** Releases the format's parser; the payload under it is closed afterwards by {@link #close()}. */
    void closeParser() throws IOException {
    }

    @Override
    public final ParsedRow next() {
        if (closed) {
            throw new IllegalStateException("reader is closed");
        }
        if (failure != null) {
            throw failure;
        }
        if (!readAhead.isEmpty()) {
            return readAhead.poll();
        }
        if (done) {
            return null;
        }
        try {
            ParsedRow r = read();
            done = r == null;
            return r;
        } catch (ImportException e) {
            failure = e;
            throw e;
        }
    }

    /**
     * Runs the opening step of a reader just made (reading the start of the file, perhaps records
     * ahead); a reader that cannot start is closed before the error goes on.
     */
    final void start(Runnable opening) {
        try {
            opening.run();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Reads records ahead, for {@link #next()} to return first, until {@code enough} holds, the
     * payload ends or {@code max} are waiting; how many are waiting.
     */
    final int readAhead(int max, BooleanSupplier enough) {
        while (!enough.getAsBoolean() && readAhead.size() < max) {
            ParsedRow r = read();
            if (r == null) {
                break;
            }
            readAhead.add(r);
        }
        return readAhead.size();
    }

    /** Queues a record found while opening the file, for {@link #next()} to return first. */
    final void readAhead(ParsedRow r) {
        readAhead.add(r);
    }

    /**
     * Numbers the record that starts on {@code line}; fails with {@code LIMIT_EXCEEDED} at the
     * first record beyond {@code Limits.maxRows}, after the allowed ones were delivered.
     */
    final long nextRow(long line) {
        if (++row > limits.maxRows()) {
            throw new ImportException(ErrorCodes.LIMIT_EXCEEDED, "line " + line + ": the file has more than " + Text.count(limits.maxRows())
                    + " records (Limits.maxRows); raise Limits.maxRows / --max-rows to import it");
        }
        return row;
    }

    /** The number of the record last numbered by {@link #nextRow}. */
    final long row() {
        return row;
    }

    /** A problem with the current record, which starts on {@code line}. */
    final RowError rowError(long line, String field, String code, String message) {
        return new RowError(row, line, field, code, message);
    }

    @Override
    public final String note() {
        CharsetSniffer.Detection d = decoder.detection();
        return d == null ? null : "the file is not UTF-8; read as " + d.describe();
    }

    @Override
    public final long bytesRead() {
        return counter.count();
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeParser();
        } catch (IOException | RuntimeException e) {
            // Closing cannot lose data: the reader is done with the payload.
        }
        try {
            decoder.close();
        } catch (RuntimeException e) {
            // Same as above.
        }
    }
}
