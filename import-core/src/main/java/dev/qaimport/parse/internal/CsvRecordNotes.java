package dev.qaimport.parse.internal;

/**
 * What {@link CsvGuard} noted about each record it handed to commons-csv: the physical line the
 * record starts on, the limits it broke, and which of its fields were too long. The guard writes
 * the notes of a record as it passes the record on; the record reader takes them, one per record
 * the parser returns (blank lines included), with {@link #next()}. Only records the parser has
 * not yet returned are queued, so the queue is bounded by the parser's read-ahead.
 */
final class CsvRecordNotes {
    static final int FIELD_TOO_LONG = 1;
    static final int RECORD_TOO_LONG = 2;
    static final int TOO_MANY_COLUMNS = 4;
    /** Something other than white space was held back: the record is not a blank line. */
    static final int DROPPED_VISIBLE = 8;

    private long[] lines = new long[64];
    private int[] flags = new int[64];
    private long[] longMasks = new long[64];
    private int head;
    private int count;
    /** The slot of the record being written, or -1 when none is. */
    private int writing = -1;

    private long currentLine;
    private int currentFlags;
    private long currentLongMask;

    // ---- written by the guard ----

    /** Opens the notes of a record that starts on {@code line}. */
    void start(long line) {
        if (count == lines.length) {
            grow();
        }
        writing = (head + count) % lines.length;
        count++;
        lines[writing] = line;
        flags[writing] = 0;
        longMasks[writing] = 0;
    }

    /** Adds {@code flag} to the record being written. */
    void flag(int flag) {
        if (writing >= 0) {
            flags[writing] |= flag;
        }
    }

    /** Notes that field {@code index} of the record being written is too long. */
    void fieldTooLong(int index) {
        if (writing >= 0) {
            flags[writing] |= FIELD_TOO_LONG;
            longMasks[writing] |= 1L << Math.min(index, 63);
        }
    }

    // ---- read by the record reader ----

    /**
     * Moves to the next record's notes; {@code false} if the parser returned a record the guard
     * did not see, which would be a bug in keeping the two in step.
     */
    boolean next() {
        if (count == 0) {
            return false;
        }
        currentLine = lines[head];
        currentFlags = flags[head];
        currentLongMask = longMasks[head];
        head = (head + 1) % lines.length;
        count--;
        if (count == 0) {
            writing = -1;
        }
        return true;
    }

    /** The physical line the current record starts on. */
    long line() {
        return currentLine;
    }

    /** The flags ({@link #FIELD_TOO_LONG}, {@link #RECORD_TOO_LONG}, {@link #TOO_MANY_COLUMNS}, {@link #DROPPED_VISIBLE}) of the current record. */
    int flags() {
        return currentFlags;
    }

    /**
     * The fields of the current record that were longer than the limit: bit {@code i} for field
     * {@code i < 63}, bit 63 for any field from 63 on.
     */
    long tooLongFields() {
        return currentLongMask;
    }

    private void grow() {
        int n = lines.length;
        long[] newLines = new long[n * 2];
        int[] newFlags = new int[n * 2];
        long[] newMasks = new long[n * 2];
        for (int i = 0; i < count; i++) {
            int j = (head + i) % n;
            newLines[i] = lines[j];
            newFlags[i] = flags[j];
            newMasks[i] = longMasks[j];
        }
        lines = newLines;
        flags = newFlags;
        longMasks = newMasks;
        head = 0;
    }
}
