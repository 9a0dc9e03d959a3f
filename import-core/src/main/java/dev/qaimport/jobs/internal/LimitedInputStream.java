package dev.qaimport.jobs.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Passes bytes through and fails with {@code LIMIT_EXCEEDED} once more than a maximum has been read. */
final class LimitedInputStream extends FilterInputStream {
    private final long max;
    private long count;

    LimitedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        add(skipped);
        return skipped;
    }

    @Override
    public void close() {
        // The caller owns the stream; startImport reads it to its end but never closes it.
    }

    private void add(long n) {
        count += n;
        if (count > max) {
            throw new ImportException(ErrorCodes.LIMIT_EXCEEDED, "the file is larger than " + String.format(Locale.ROOT, "%,d", max)
                    + " bytes (Limits.maxFileBytes); raise Limits.maxFileBytes / --max-file-size to import it");
        }
    }
}
