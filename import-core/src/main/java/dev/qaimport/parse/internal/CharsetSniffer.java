package dev.qaimport.parse.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Locale;
import java.util.Set;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Guesses the legacy encoding of bytes that are not UTF-8, with juniversalchardet (a port of
 * Mozilla's detector): Cyrillic (Windows-1251, KOI8-R, IBM866, ISO-8859-5, Mac Cyrillic), Greek,
 * Hebrew, Thai, Japanese (Shift_JIS, EUC-JP), Chinese (GBK/GB18030, Big5, EUC-TW) and Korean
 * (EUC-KR). Stateless.
 *
 * <p>Western European text, and anything the detector cannot name or names outside that list,
 * is read as Windows-1252, as before detection existed: statistical detectors are weakest on short
 * Latin text, and Windows-1252 decodes every such byte. A guess is kept only if the sampled bytes
 * decode strictly in it.
 */
final class CharsetSniffer {
    /** The detectors' names taken as they are; the rest falls back to Windows-1252. */
    private static final Set<String> TAKEN = Set.of("WINDOWS-1251", "KOI8-R", "IBM866", "ISO-8859-5", "MACCYRILLIC", "IBM855",
            "WINDOWS-1253", "ISO-8859-7", "WINDOWS-1255", "ISO-8859-8", "TIS620", "SHIFT_JIS", "EUC-JP", "GB18030", "GBK", "BIG5",
            "EUC-TW", "EUC-KR", "ISO-2022-JP", "ISO-2022-KR", "ISO-2022-CN");

    /** The detector's names for Western European text, read as Windows-1252. */
    private static final Set<String> WESTERN = Set.of("WINDOWS-1252", "ISO-8859-1", "ISO-8859-15");

    /**
     * What detection found.
     *
     * @param charset    the encoding to read
     * @param confidence {@code high} when the detector reached certainty before the end of the
     *                   sample, {@code medium} when it guessed at the end, {@code fallback} when
     *                   Windows-1252 was taken without a guess
     * @param guess      what the detector said, or {@code null}
     */
    record Detection(Charset charset, String confidence, String guess) {
        /** For logs and messages: {@code KOI8-R (confidence high)}. */
        String describe() {
            if (!confidence.equals("fallback")) {
                return charset.name() + " (confidence " + confidence + ")";
            }
            return charset.name() + " (confidence fallback: " + (guess == null ? "no legacy encoding recognised" : "the detector said " + guess)
                    + ")";
        }
    }

    private CharsetSniffer() {
    }

    /** The encoding of the {@code sample} (the file's first bytes, not valid UTF-8); {@code whole} when it is the whole file. */
    static Detection detect(ByteBuffer sample, boolean whole) {
        byte[] bytes = new byte[sample.remaining()];
        sample.duplicate().get(bytes);
        UniversalDetector detector = new UniversalDetector();
        detector.handleData(bytes, 0, bytes.length);
        boolean certain = detector.isDone();
        detector.dataEnd();
        String name = detector.getDetectedCharset();
        if (name != null && WESTERN.contains(name.toUpperCase(Locale.ROOT)) && decodes(TextDecoder.WINDOWS_1252, bytes, whole)) {
            // Windows-1252 is the superset of the detector's Latin-1 that Windows programs write.
            return new Detection(TextDecoder.WINDOWS_1252, certain ? "high" : "medium", name);
        }
        if (name != null && TAKEN.contains(name.toUpperCase(Locale.ROOT))) {
            Charset cs = charset(name);
            if (cs != null && decodes(cs, bytes, whole)) {
                return new Detection(cs, certain ? "high" : "medium", name);
            }
        }
        return new Detection(TextDecoder.WINDOWS_1252, "fallback", name);
    }

    private static Charset charset(String name) {
        String n = name.equalsIgnoreCase("GB18030") || name.equalsIgnoreCase("GBK") ? "GB18030"
                : name.equalsIgnoreCase("MACCYRILLIC") ? "x-MacCyrillic" : name.equalsIgnoreCase("TIS620") ? "TIS-620" : name;
        try {
            return Charset.isSupported(n) ? Charset.forName(n) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean decodes(Charset cs, byte[] bytes, boolean whole) {
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            // A multi-byte sequence cut by the end of the sample is not an error unless the file ends there.
            CoderResult r = d.decode(in, out, whole);
            if (r.isError()) {
                return false;
            }
            if (r.isUnderflow()) {
                return true;
            }
            out.clear();
        }
    }
}
