package dev.qaimport.parse.internal;

import java.io.IOException;
import java.io.Reader;

/**
 * Sits between the decoder and commons-csv and keeps one record from taking unbounded memory.
 * commons-csv holds a whole field in a {@code StringBuilder}, so a 200 MB quoted field would be
 * read whole; this reader follows the same quoting rules as the parser (RFC 4180 with trailing
 * data after a closing quote kept, CR, LF and CRLF ending a record outside quotes) and:
 *
 * <ul>
 *   <li>stops passing on the content of a field longer than {@code maxFieldChars} (its quotes,
 *       delimiters and line ends still pass, so the parser stays in step), and flags the record;
 *   <li>drops the rest of a record with more than {@code maxColumns} fields or more than
 *       {@code maxRecordChars} characters, closing it cleanly for the parser, and flags it;
 *   <li>notes the physical line each record starts on and what it flagged about it, in
 *       {@link #notes()}, and the line where a quoted field that never closes was opened.
 * </ul>
 */
final class CsvGuard extends Reader {
    private static final int BETWEEN = 0;
    private static final int FIELD_START = 1;
    private static final int UNQUOTED = 2;
    private static final int QUOTED = 3;
    private static final int QUOTE_PENDING = 4;
    private static final char QUOTE = '"';
    private static final int BUFFER = 8192;

    private final Reader source;
    private final char delimiter;
    private final int maxFieldChars;
    private final long maxRecordChars;
    private final int maxColumns;

    private char[] in;
    private int inPos;
    private int inLimit;
    private final char[] out = new char[BUFFER + 8];
    private int outPos;
    private int outLimit;
    private boolean finished;

    private int state = BETWEEN;
    private long line = 1;
    private boolean prevCr;
    private boolean swallowLf;
    private boolean crEmitted;
    private long quoteLine;
    private long unterminatedQuoteLine;

    private int fieldIndex;
    private int fieldChars;
    private long recordChars;
    private boolean dropField;
    private boolean dropRecord;
    private boolean emittedInQuote;

    private final CsvRecordNotes notes = new CsvRecordNotes();

    /**
     * @param prefix characters already taken from {@code source} (for delimiter detection), read first
     */
    CsvGuard(char[] prefix, int prefixLength, Reader source, char delimiter, int maxFieldChars, long maxRecordChars, int maxColumns) {
        this.source = source;
        this.delimiter = delimiter;
        this.maxFieldChars = maxFieldChars;
        this.maxRecordChars = maxRecordChars;
        this.maxColumns = maxColumns;
        if (prefix.length >= BUFFER) {
            in = prefix;
        } else {
            in = new char[BUFFER];
            System.arraycopy(prefix, 0, in, 0, prefixLength);
        }
        inLimit = prefixLength;
    }

    /** What this guard noted about the records it passed on, one entry per record. */
    CsvRecordNotes notes() {
        return notes;
    }

    /** The line where a quoted field that was still open at the end of the input started, or 0. */
    long unterminatedQuoteLine() {
        return unterminatedQuoteLine;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (outPos == outLimit) {
            if (finished) {
                return -1;
            }
            produce();
        }
        int n = Math.min(len, outLimit - outPos);
        System.arraycopy(out, outPos, cbuf, off, n);
        outPos += n;
        return n;
    }

    private void produce() throws IOException {
        outPos = 0;
        outLimit = 0;
        int stop = out.length - 4;
        while (outLimit == 0) {
            if (inPos == inLimit) {
                // Only refill once everything before has been handed on: an error from the source
                // (bad encoding) then surfaces after all the records that precede it.
                int n = source.read(in, 0, in.length);
                if (n < 0) {
                    endOfInput();
                    finished = true;
                    return;
                }
                inPos = 0;
                inLimit = n;
            }
            while (inPos < inLimit && outLimit < stop) {
                if ((state == UNQUOTED || state == QUOTED) && (dropField || dropRecord ? skipRun() : copyRun(stop))) {
                    continue;
                }
                step(in[inPos++]);
            }
        }
    }

    /**
     * Copies a run of plain content characters (no quote, delimiter or line end that would
     * matter in the current state) in one go, within the limits; whether it copied any. This
     * is the common case and keeps the guard off the per-character path.
     */
    private boolean copyRun(int stop) {
        long room = Math.min(Math.min(stop - outLimit, inLimit - inPos),
                Math.min((long) maxFieldChars - fieldChars, maxRecordChars - recordChars));
        int end = inPos + (int) Math.max(0, room);
        int i = inPos;
        if (state == QUOTED) {
            while (i < end) {
                char c = in[i];
                if (c == QUOTE || c == '\n' || c == '\r') {
                    break;
                }
                i++;
            }
        } else {
            while (i < end) {
                char c = in[i];
                if (c == delimiter || c == '\n' || c == '\r') {
                    break;
                }
                i++;
            }
        }
        int n = i - inPos;
        if (n == 0) {
            return false;
        }
        System.arraycopy(in, inPos, out, outLimit, n);
        outLimit += n;
        inPos = i;
        fieldChars += n;
        recordChars += n;
        prevCr = false;
        return true;
    }

    /**
     * Skips a run of content characters that are being held back (an over-long field or the
     * rest of a rejected record), stopping where the state could change or a line ends.
     */
    private boolean skipRun() {
        int i = inPos;
        boolean visible = false;
        if (state == QUOTED) {
            while (i < inLimit) {
                char c = in[i];
                if (c == QUOTE || c == '\n' || c == '\r') {
                    break;
                }
                visible |= !Character.isWhitespace(c);
                i++;
            }
        } else {
            while (i < inLimit) {
                char c = in[i];
                if (c == delimiter || c == '\n' || c == '\r') {
                    break;
                }
                visible |= !Character.isWhitespace(c);
                i++;
            }
        }
        if (i == inPos) {
            return false;
        }
        if (visible) {
            notes.flag(CsvRecordNotes.DROPPED_VISIBLE);
        }
        inPos = i;
        prevCr = false;
        return true;
    }

    private void step(char c) {
        switch (state) {
            case BETWEEN:
                if (swallowLf) {
                    swallowLf = false;
                    if (c == '\n') {
                        if (crEmitted) {
                            emit(c);
                        }
                        prevCr = false;
                        return;
                    }
                }
                startRecord();
                fieldStart(c);
                break;
            case FIELD_START:
                fieldStart(c);
                break;
            case UNQUOTED:
                unquoted(c);
                break;
            case QUOTED:
                if (c == QUOTE) {
                    state = QUOTE_PENDING;
                } else {
                    content(c);
                }
                break;
            default:
                if (c == QUOTE) {
                    state = QUOTED;
                    contentPair();
                } else {
                    closeQuote();
                    state = UNQUOTED;
                    unquoted(c);
                }
                break;
        }
        if (c == '\n') {
            if (!prevCr) {
                line++;
            }
            prevCr = false;
        } else if (c == '\r') {
            line++;
            prevCr = true;
        } else {
            prevCr = false;
        }
    }

    private void fieldStart(char c) {
        if (c == QUOTE) {
            state = QUOTED;
            quoteLine = line;
            if (!dropRecord) {
                emit(QUOTE);
                emittedInQuote = true;
            }
        } else if (c == delimiter) {
            nextField();
        } else if (c == '\r' || c == '\n') {
            endRecord(c);
        } else {
            state = UNQUOTED;
            content(c);
        }
    }

    private void unquoted(char c) {
        if (c == delimiter) {
            nextField();
        } else if (c == '\r' || c == '\n') {
            endRecord(c);
        } else {
            content(c);
        }
    }

    private void nextField() {
        if (dropRecord) {
            notes.flag(CsvRecordNotes.DROPPED_VISIBLE);
        } else {
            if (fieldIndex + 1 >= maxColumns) {
                notes.flag(CsvRecordNotes.TOO_MANY_COLUMNS);
                dropRecord = true;
            } else {
                emit(delimiter);
            }
        }
        fieldIndex++;
        fieldChars = 0;
        dropField = false;
        state = FIELD_START;
    }

    private void content(char c) {
        if (account()) {
            emit(c);
        } else if (!Character.isWhitespace(c)) {
            notes.flag(CsvRecordNotes.DROPPED_VISIBLE);
        }
    }

    private void contentPair() {
        if (account()) {
            emit(QUOTE);
            emit(QUOTE);
        } else {
            notes.flag(CsvRecordNotes.DROPPED_VISIBLE);
        }
    }

    /**
     * Counts one content character; whether it is passed on. Characters held back are not
     * counted towards the record: the record limit bounds what the parser holds.
     */
    private boolean account() {
        if (dropField || dropRecord) {
            return false;
        }
        if (++fieldChars > maxFieldChars) {
            dropField = true;
            notes.fieldTooLong(fieldIndex);
            return false;
        }
        if (++recordChars > maxRecordChars) {
            notes.flag(CsvRecordNotes.RECORD_TOO_LONG);
            dropRecord = true;
            return false;
        }
        return true;
    }

    private void closeQuote() {
        if (!dropRecord) {
            emit(QUOTE);
            emittedInQuote = false;
        }
    }

    private void endRecord(char c) {
        if (dropRecord) {
            if (emittedInQuote) {
                emit(QUOTE);
                emittedInQuote = false;
            }
            emit('\n');
            crEmitted = false;
        } else {
            emit(c);
            crEmitted = true;
        }
        swallowLf = c == '\r';
        state = BETWEEN;
    }

    private void endOfInput() {
        if (state == QUOTE_PENDING) {
            closeQuote();
            state = UNQUOTED;
        }
        if (state == QUOTED) {
            // Left open so that the parser fails too; the reader reports this line.
            unterminatedQuoteLine = quoteLine;
        } else if (state != BETWEEN && dropRecord && emittedInQuote) {
            emit(QUOTE);
            emittedInQuote = false;
        }
    }

    private void emit(char c) {
        out[outLimit++] = c;
    }

    private void startRecord() {
        notes.start(line);
        fieldIndex = 0;
        fieldChars = 0;
        recordChars = 0;
        dropField = false;
        dropRecord = false;
        emittedInQuote = false;
        state = FIELD_START;
    }

    @Override
    public void close() {
        // The decoder under this guard belongs to the record reader, which closes it.
    }
}
