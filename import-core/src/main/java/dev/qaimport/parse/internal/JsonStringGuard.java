package dev.qaimport.parse.internal;

import java.io.IOException;
import java.io.Reader;

/**
 * Sits between the decoder and Jackson and cuts every JSON string to at most
 * {@code maxChars} characters, so that one 200 MB string never reaches the parser whole (Jackson
 * holds a string's full text before handing it over). Characters are counted as decoded: an
 * escape such as {@code \n} or {@code \u00e9} counts once, as it will in the value.
 *
 * <p>A cut string keeps its closing quote, so the document stays well-formed; the position of
 * each cut (in characters handed to the parser, the offsets Jackson reports) is queued so that
 * the reader can turn the record holding it into a row error with {@link #truncatedWithin}.
 * Escapes are followed so that {@code \"} never ends a string early.
 */
final class JsonStringGuard extends Reader {
    private static final int OUTSIDE = 0;
    private static final int INSIDE = 1;
    private static final int ESCAPE = 2;
    private static final int UNICODE = 3;

    private final Reader source;
    private final int maxChars;
    private final char[] in = new char[8192];
    private int inPos;
    private int inLimit;
    private boolean eof;

    private int state = OUTSIDE;
    private int hexLeft;
    private int count;
    private boolean dropping;
    private long emitted;

    private long[] cuts = new long[16];
    private int cutHead;
    private int cutCount;

    JsonStringGuard(Reader source, int maxChars) {
        this.source = source;
        this.maxChars = maxChars;
    }

    /**
     * Whether a string was cut between the parser offsets {@code start} and {@code end}; cuts
     * before {@code start} are forgotten (they were in values nobody reads).
     */
    boolean truncatedWithin(long start, long end) {
        discardBefore(start);
        if (cutCount > 0 && cuts[cutHead] <= end) {
            cutHead = (cutHead + 1) % cuts.length;
            cutCount--;
            return true;
        }
        return false;
    }

    /** Forgets the cuts before parser offset {@code offset}. */
    void discardBefore(long offset) {
        while (cutCount > 0 && cuts[cutHead] < offset) {
            cutHead = (cutHead + 1) % cuts.length;
            cutCount--;
        }
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n == 0) {
            if (inPos == inLimit) {
                if (eof) {
                    return -1;
                }
                int r = source.read(in, 0, in.length);
                if (r < 0) {
                    eof = true;
                    return -1;
                }
                inPos = 0;
                inLimit = r;
            }
            while (inPos < inLimit && n < len) {
                char c = in[inPos++];
                if (step(c)) {
                    cbuf[off + n++] = c;
                    emitted++;
                }
            }
        }
        return n;
    }

    /** Advances the state over {@code c}; whether {@code c} is passed on. */
    private boolean step(char c) {
        switch (state) {
            case OUTSIDE:
                if (c == '"') {
                    state = INSIDE;
                    count = 0;
                    dropping = false;
                }
                return true;
            case INSIDE:
                if (c == '"') {
                    state = OUTSIDE;
                    return true;
                }
                if (c == '\\') {
                    state = ESCAPE;
                }
                return counted();
            case ESCAPE:
                if (c == 'u') {
                    state = UNICODE;
                    hexLeft = 4;
                } else {
                    state = INSIDE;
                }
                return !dropping;
            default:
                if (isHex(c)) {
                    if (--hexLeft == 0) {
                        state = INSIDE;
                    }
                    return !dropping;
                }
                // A broken escape: the parser will reject it; carry on as inside the string.
                state = INSIDE;
                return step(c);
        }
    }

    private boolean counted() {
        if (++count > maxChars && !dropping) {
            dropping = true;
            if (cutCount == cuts.length) {
                grow();
            }
            // Offset of the first character held back, in the stream the parser sees.
            cuts[(cutHead + cutCount) % cuts.length] = emitted;
            cutCount++;
        }
        return !dropping;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private void grow() {
        long[] bigger = new long[cuts.length * 2];
        for (int i = 0; i < cutCount; i++) {
            bigger[i] = cuts[(cutHead + i) % cuts.length];
        }
        cuts = bigger;
        cutHead = 0;
    }

    @Override
    public void close() {
        // The decoder under this guard belongs to the record reader, which closes it.
    }
}
