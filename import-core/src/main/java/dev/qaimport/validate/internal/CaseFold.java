package dev.qaimport.validate.internal;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Caseless matching of text: compatibility normalization and case folding, used for duplicate
 * questions and for duplicate tags. Stateless and thread-safe.
 */
public final class CaseFold {
    private CaseFold() {
    }

    /**
     * NFKC, then full case folding approximated by upper-casing and lower-casing in the root
     * locale (so {@code ß} and {@code SS} meet at {@code ss}, final and medial sigma at
     * {@code σ}/{@code ς} by context), then NFKC again because case mapping can denormalize
     * ({@code İ} becomes {@code i} + combining dot).
     */
    public static String fold(String s) {
        boolean ascii = isAscii(s);
        String r = ascii ? s : Normalizer.normalize(s, Normalizer.Form.NFKC);
        if (ascii) {
            return r.toLowerCase(Locale.ROOT);
        }
        r = r.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.isNormalized(r, Normalizer.Form.NFKC) ? r : Normalizer.normalize(r, Normalizer.Form.NFKC);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
