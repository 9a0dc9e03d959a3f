package dev.qaimport.spi;

/**
 * A tokenizer-free, deliberately conservative token estimate used to pack embedding requests.
 * Real BPE tokenizers (cl100k, o200k) average about 4 characters per token on English text and
 * about one token per CJK character; this estimate counts one token per 3 characters of
 * whitespace-separated scripts and one per character elsewhere, so it rarely under-counts.
 */
public final class TokenEstimate {
    private TokenEstimate() {
    }

    /** Estimated tokens of {@code text}; at least 1 for non-empty text. */
    public static int estimate(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int latin = 0;
        int dense = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x0300 || (c >= 0x0370 && c < 0x0590) || Character.isWhitespace(c)) {
                latin++;
            } else if (!Character.isLowSurrogate(c)) {
                dense++;
            }
        }
        return (latin + 2) / 3 + dense;
    }
}
