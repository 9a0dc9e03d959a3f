package dev.qaimport.embed.http.internal;

import java.util.function.ToIntFunction;

/** The shortening of a text to the longest prefix whose estimated tokens fit a limit, never splitting a surrogate pair. */
public final class Truncation {
    private Truncation() {
    }

    /** {@code text} itself if it fits, else its longest prefix with at most {@code maxTokens} estimated tokens. */
    public static String shorten(String text, int maxTokens, ToIntFunction<String> estimator) {
        if (estimator.applyAsInt(text) <= maxTokens) {
            return text;
        }
        int lo = 0;
        int hi = text.length();
        // Invariant: prefix(lo) fits, prefix(hi) does not.
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (estimator.applyAsInt(text.substring(0, mid)) <= maxTokens) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        if (lo > 0 && Character.isHighSurrogate(text.charAt(lo - 1))) {
            lo--;
        }
        return text.substring(0, lo);
    }
}
