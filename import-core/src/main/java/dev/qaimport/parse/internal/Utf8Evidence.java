package dev.qaimport.parse.internal;

import java.nio.ByteBuffer;

/**
 * How much of a sample that is not valid UTF-8 still reads as UTF-8: its well-formed multi-byte
 * sequences against the bytes that start no valid sequence.
 *
 * <p>Text in a single-byte legacy encoding almost never forms a valid multi-byte sequence (an
 * {@code é} in Windows-1252 is a lead byte followed by ASCII), and the double-byte encodings of
 * Chinese, Japanese and Korean form one by chance about once for every five bad bytes. A UTF-8 file
 * with a few stray bytes shows the opposite, and guessing a legacy encoding for it would garble
 * every character that was right. So is a file whose only fault is a sequence cut off by its end.
 */
record Utf8Evidence(int validSequences, int invalidBytes, boolean onlyCutAtTheEnd) {
    /** Whether the sample is UTF-8 with faults, rather than text in another encoding. */
    boolean mostlyUtf8() {
        return onlyCutAtTheEnd || (validSequences > 0 && validSequences >= invalidBytes);
    }

    /**
     * Counts the sample's sequences.
     *
     * @param whole whether the sample is the whole file (a sequence cut by the end of a partial
     *              sample is neither valid nor invalid)
     */
    static Utf8Evidence of(ByteBuffer sample, boolean whole) {
        byte[] b = sample.array();
        int end = sample.limit();
        int valid = 0;
        int invalid = 0;
        boolean cutAtEnd = false;
        int i = sample.position();
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
            int ok = len == 0 ? 0 : wellFormedPrefix(b, i, Math.min(end, i + len), c);
            if (len > 0 && ok == len) {
                valid++;
                i += len;
            } else if (len > 0 && i + ok == end) {
                // The sequence runs into the end of the sample.
                cutAtEnd = whole;
                i = end;
            } else {
                invalid++;
                i++;
            }
        }
        return new Utf8Evidence(valid, invalid, cutAtEnd && invalid == 0);
    }

    /** How many bytes from {@code start} (the lead byte {@code lead}) up to {@code stop} continue the sequence. */
    private static int wellFormedPrefix(byte[] b, int start, int stop, int lead) {
        int n = 1;
        for (int k = start + 1; k < stop; k++, n++) {
            int x = b[k] & 0xff;
            int lo = 0x80;
            int hi = 0xBF;
            if (k == start + 1) {
                // The second byte excludes overlong forms and surrogates.
                lo = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
                hi = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
            }
            if (x < lo || x > hi) {
                break;
            }
        }
        return n;
    }
}
