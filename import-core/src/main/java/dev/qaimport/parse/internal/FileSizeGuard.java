package dev.qaimport.parse.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The one owner of {@code Limits.maxFileBytes}: stops a payload that is larger before it is read
 * further; the read that passes the limit fails with {@code LIMIT_EXCEEDED}. Every reader reads
 * through one, and so does the intake that stores an upload.
 */
public final class FileSizeGuard extends FilterInputStream {
    private final long maxBytes;
    private long count;

    private final boolean closes;

    private FileSizeGuard(InputStream in, long maxBytes, boolean closes) {
        super(in);
        this.maxBytes = maxBytes;
        this.closes = closes;
    }

    /** {@code in}, limited to {@code maxBytes}; closing the guard closes {@code in}. */
    static FileSizeGuard over(InputStream in, long maxBytes) {
        return new FileSizeGuard(in, maxBytes, true);
    }

    /** {@code in}, limited to {@code maxBytes}, for a stream the caller owns: closing the guard leaves {@code in} open. */
    public static FileSizeGuard borrowing(InputStream in, long maxBytes) {
        return new FileSizeGuard(in, maxBytes, false);
    }

    @Override
    public void close() throws IOException {
        if (closes) {
            in.close();
        }
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
