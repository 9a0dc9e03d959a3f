package dev.qaimport.benchmarks.embed;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A provider's token limit over a sliding window: a request is admitted when the tokens admitted
 * in the last {@code window}, plus its own, stay within {@code limit}; tokens admitted at {@code t}
 * count until {@code t + window}. Refused requests cost nothing. Tokens are counted as the stub's
 * {@code usage} counts them ({@link #tokensOf}). Thread-safe.
 */
public final class TokenWindow {
    /**
     * The window's answer to one request.
     *
     * @param admitted  whether the request fits
     * @param used      tokens counted in the window before it
     * @param remaining tokens left in the window after it (if admitted)
     * @param reset     until the whole limit is back: the newest counted tokens leave the window
     * @param tryAgain  until a refused request would fit
     */
    public record Decision(boolean admitted, long used, long remaining, Duration reset, Duration tryAgain) {
    }

    private final long limit;
    private final Duration window;
    private final Deque<long[]> spent = new ArrayDeque<>();

    /** {@code limit} tokens per {@code window}. */
    public TokenWindow(long limit, Duration window) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit < 1: " + limit);
        }
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.limit = limit;
        this.window = window;
    }

    /** The stub's count of one input: one token per four characters, at least one. */
    public static long tokensOf(String text) {
        return Math.max(1, text.length() / 4);
    }

    public long limit() {
        return limit;
    }

    public Duration window() {
        return window;
    }

    /** Admits {@code tokens} at {@code now} (nanoseconds) if they fit. */
    public synchronized Decision admit(long tokens, long now) {
        long w = window.toNanos();
        while (!spent.isEmpty() && now - (spent.peekFirst()[0] + w) >= 0) {
            spent.removeFirst();
        }
        long used = 0;
        for (long[] e : spent) {
            used += e[1];
        }
        boolean admitted = used + tokens <= limit;
        Duration tryAgain = Duration.ZERO;
        if (admitted) {
            spent.addLast(new long[] {now, tokens});
        } else {
            long need = used + tokens - limit;
            long freed = 0;
            long at = now + w;
            for (long[] e : spent) {
                freed += e[1];
                if (freed >= need) {
                    at = e[0] + w;
                    break;
                }
            }
            tryAgain = Duration.ofNanos(at - now);
        }
        Duration reset = spent.isEmpty() ? Duration.ZERO : Duration.ofNanos(spent.peekLast()[0] + w - now);
        return new Decision(admitted, used, limit - used - (admitted ? tokens : 0), reset, tryAgain);
    }

    /** A duration as OpenAI writes one in headers and messages: {@code 20ms}, {@code 1.234s}. */
    public static String goDuration(Duration d) {
        long millis = d.toMillis();
        return millis < 1_000 ? millis + "ms" : String.format(Locale.ROOT, "%.3fs", millis / 1000.0);
    }
}
