package dev.qaimport.parse.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Stops a payload that is larger than {@code Limits.maxFileBytes} before it is read further: the
 * read that passes the limit fails with {@code LIMIT_EXCEEDED}. The same rule, with the same
 * message, as {@code dev.qaimport.internal.LimitedInputStream}, which guards uploads; this copy
 * makes a reader opened on any stream honour the limit.
 */
final class FileSizeGuard extends FilterInputStream {
    private final long maxBytes;
    private long count;

    FileSizeGuard(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        if (skipped > 0) {
            add(skipped);
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        // A reset would read bytes again and count them twice.
        return false;
    }

    private void add(long n) {
        count += n;
        if (count > maxBytes) {
            throw new ImportException(ErrorCodes.LIMIT_EXCEEDED, "the file is larger than " + Text.count(maxBytes)
                    + " bytes (Limits.maxFileBytes); raise Limits.maxFileBytes / --max-file-size to import it");
        }
    }
}
