package dev.qaimport.embed.http.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: before retry {@code n} (0-based) wait a uniformly random
 * time in {@code [0, min(max, initial × 2ⁿ)]}. Full jitter spreads clients that failed together
 * so they do not come back together. Immutable.
 */
public final class Backoff {
    private final long initialNanos;
    private final long maxNanos;

    /** A backoff starting at {@code initial} and never above {@code max}. */
    public Backoff(Duration initial, Duration max) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** The ceiling for retry {@code retry} (0-based), before jitter. */
    public long ceilingNanos(int retry) {
        int shift = Math.min(retry, 40);
        double ceiling = (double) initialNanos * (1L << shift);
        return (long) Math.min(maxNanos, ceiling);
    }

    /** A random wait before retry {@code retry} (0-based). */
    public Duration delay(int retry) {
        long ceiling = ceilingNanos(retry);
        return Duration.ofNanos(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
    }
}
