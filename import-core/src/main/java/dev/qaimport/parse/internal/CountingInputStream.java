package dev.qaimport.parse.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read, for progress, and stops a payload that is larger than
 * {@code Limits.maxFileBytes} before it is read further.
 */
final class CountingInputStream extends FilterInputStream {
    private final long maxBytes;
    private long count;

    CountingInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    long count() {
        return count;
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
        int n = in.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            add(skipped);
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
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
