package dev.qaimport.validate;

import dev.qaimport.validate.internal.CaseFold;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The key under which two questions count as the same question: a hash of the question's
 * {@linkplain #normalize normalized form}. Thread-safe.
 *
 * <p>Two sanitized questions are duplicates when their normalized forms are equal, that is when
 * they differ only in
 * <ul>
 *   <li>Unicode compatibility forms (NFKC: full-width and half-width forms, ligatures, circled
 *       and superscript digits, compatibility ideographs),</li>
 *   <li>letter case (full case folding: {@code Straße} = {@code STRASSE}),</li>
 *   <li>the amount and kind of whitespace,</li>
 *   <li>invisible format characters (soft hyphen, zero-width space and joiners, direction marks,
 *       word joiner, variation selectors),</li>
 *   <li>typographic quotes and dashes ({@code ’} = {@code '}, {@code “”«»} = {@code "},
 *       {@code –—} = {@code -}),</li>
 *   <li>a leading {@code ¿} or {@code ¡}, and trailing {@code ? . ! ؟ 。} (full-width forms
 *       included), in any number, with the whitespace around them.</li>
 * </ul>
 * Everything else counts: other punctuation, word order, accents ({@code é} ≠ {@code e}),
 * digits.
 */
public final class QuestionKey {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** First 128 bits of SHA-256: collisions stay negligible far beyond any realistic number of questions. */
    private static final int KEY_BYTES = 16;
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    });

    private QuestionKey() {
    }

    /**
     * The key of a sanitized question: the first 128 bits of the SHA-256 of the UTF-8 bytes of
     * {@link #normalize(String)}, as 32 lower-case hexadecimal digits.
     */
    public static String of(String question) {
        Objects.requireNonNull(question, "question");
        byte[] digest = SHA_256.get().digest(normalize(question).getBytes(StandardCharsets.UTF_8));
        char[] hex = new char[KEY_BYTES * 2];
        for (int i = 0; i < KEY_BYTES; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            hex[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(hex);
    }

    /** The form of a question that {@link #of} hashes; see the class description for the rules. */
    public static String normalize(String question) {
        Objects.requireNonNull(question, "question");
        String folded = CaseFold.fold(question);
        StringBuilder out = new StringBuilder(folded.length());
        boolean space = false;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = true;
            } else if (!isIgnorable(cp)) {
                if (out.length() == 0 && (cp == '¿' || cp == '¡')) {
                    continue;
                }
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.appendCodePoint(foldPunctuation(cp));
            }
        }
        int end = out.length();
        while (end > 0 && isTrailing(out.charAt(end - 1))) {
            end--;
        }
        out.setLength(end);
        return out.toString();
    }

    private static boolean isIgnorable(int cp) {
        int type = Character.getType(cp);
        if (type == Character.FORMAT) {
            // Prepended concatenation marks are format characters that are visible and meaningful.
            return !((cp >= 0x0600 && cp <= 0x0605) || cp == 0x06DD || cp == 0x070F || cp == 0x0890 || cp == 0x0891
                    || cp == 0x08E2 || cp == 0x110BD || cp == 0x110CD);
        }
        return type == Character.CONTROL
                || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0x180B && cp <= 0x180F);
    }

    private static int foldPunctuation(int cp) {
        switch (cp) {
            case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2039: case 0x203A:
                return '\'';
            case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
                return '"';
            case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
                return '-';
            default:
                return cp;
        }
    }

    private static boolean isTrailing(char c) {
        return c == '?' || c == '.' || c == '!' || c == ' ' || c == '\u061F' || c == '\u3002';
    }
}
