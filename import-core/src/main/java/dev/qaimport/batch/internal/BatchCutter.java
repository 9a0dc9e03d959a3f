package dev.qaimport.batch.internal;

import dev.qaimport.ImportException;
import dev.qaimport.parse.internal.ParsedRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place rows are cut into batches: at most {@code maxRows} rows, and a batch is closed early
 * once its text passes {@code maxChars} characters, so that memory stays bounded whatever the
 * rows hold. Looks one row ahead so that it can tell which batch is the last.
 */
final class BatchCutter implements BatchSource {
    private final RowSource source;
    private final int maxRows;
    private final long maxChars;
    private ParsedRow lookahead;
    private boolean ended;
    /** A fatal error of the source, raised after the rows read before it are delivered. */
    private ImportException failure;

    BatchCutter(RowSource source, int maxRows, long maxChars) {
        this.source = source;
        this.maxRows = maxRows;
        this.maxChars = maxChars;
    }

    @Override
    public RowBatch next() {
        List<ParsedRow> rows = new ArrayList<>(Math.min(maxRows, 1024));
        long chars = 0;
        ParsedRow r;
        while (rows.size() < maxRows && chars < maxChars && (r = pull()) != null) {
            rows.add(r);
            chars += Sizes.chars(r);
        }
        if (rows.isEmpty()) {
            if (failure != null) {
                ImportException e = failure;
                failure = null;
                throw e;
            }
            return null;
        }
        if (lookahead == null && !ended) {
            lookahead = read();
        }
        return new RowBatch(rows, source.bytesRead(), lookahead == null && ended && failure == null);
    }

    private ParsedRow pull() {
        if (lookahead != null) {
            ParsedRow r = lookahead;
            lookahead = null;
            return r;
        }
        return ended ? null : read();
    }

    private ParsedRow read() {
        try {
            ParsedRow r = source.next();
            if (r == null) {
                ended = true;
            }
            return r;
        } catch (ImportException e) {
            failure = e;
            ended = true;
            return null;
        }
    }
}
