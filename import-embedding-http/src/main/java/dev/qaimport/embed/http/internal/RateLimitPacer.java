package dev.qaimport.embed.http.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * A pacer for requests, fed by the provider's {@code x-ratelimit-*} headers so that a long run meets few
 * 429s. For requests and for tokens it keeps the last reported {@code remaining}, the time until
 * {@code reset} and, when {@code x-ratelimit-limit-*} is sent, the refill rate that follows
 * ({@code (limit - remaining) / reset}, a token bucket refilling linearly). A request waits when
 * it needs more than is available now; what it takes is subtracted at once so that concurrent
 * callers do not all spend the same remainder. A 429's {@code retry-after} pauses everyone.
 * Thread-safe.
 */
public final class RateLimitPacer {
    private final LongSupplier nanoTime;
    private final Bucket requests = new Bucket();
    private final Bucket tokens = new Bucket();
    private long pausedUntil;
    private boolean paused;

    /** A pacer reading time from {@code nanoTime} (normally {@code System::nanoTime}). */
    public RateLimitPacer(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Learns the provider's current budget from a response's headers. */
    public synchronized void update(HttpHeaders headers) {
        long now = nanoTime.getAsLong();
        observe(requests, headers, "requests", now);
        observe(tokens, headers, "tokens", now);
    }

    /** Holds back every request until {@code wait} from now (a 429's retry-after). */
    public synchronized void pauseFor(Duration wait) {
        long until = nanoTime.getAsLong() + wait.toNanos();
        if (!paused || until - pausedUntil > 0) {
            pausedUntil = until;
            paused = true;
        }
    }

    /**
     * Takes one request and {@code tokenCount} tokens from the budget if they are available now
     * and returns 0; otherwise takes nothing and returns the nanoseconds to wait before asking
     * again.
     */
    public synchronized long tryReserve(int tokenCount) {
        long now = nanoTime.getAsLong();
        if (paused) {
            if (pausedUntil - now > 0) {
                return pausedUntil - now;
            }
            paused = false;
        }
        long wait = Math.max(requests.waitFor(1, now), tokens.waitFor(tokenCount, now));
        if (wait > 0) {
            return wait;
        }
        requests.take(1, now);
        tokens.take(tokenCount, now);
        return 0;
    }

    private static void observe(Bucket bucket, HttpHeaders headers, String what, long now) {
        OptionalDouble remaining = number(headers.firstValue("x-ratelimit-remaining-" + what));
        Optional<Duration> reset = headers.firstValue("x-ratelimit-reset-" + what).flatMap(Durations::parseGo);
        if (remaining.isEmpty() || reset.isEmpty()) {
            return;
        }
        OptionalDouble limit = number(headers.firstValue("x-ratelimit-limit-" + what));
        bucket.observe(limit.isPresent() ? limit.getAsDouble() : Double.NaN, remaining.getAsDouble(),
                reset.get().toNanos(), now);
    }

    private static OptionalDouble number(Optional<String> value) {
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(value.get().strip()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** One budget (requests or tokens) as last reported, plus what was taken since. */
    private static final class Bucket {
        private boolean known;
        private double limit = Double.NaN;
        private double remaining;
        private double refillPerNano;
        private long observedAt;
        private long resetAt;

        void observe(double limit, double remaining, long resetNanos, long now) {
            this.known = true;
            this.limit = limit;
            this.remaining = remaining;
            this.observedAt = now;
            this.resetAt = now + resetNanos;
            this.refillPerNano = !Double.isNaN(limit) && limit > remaining && resetNanos > 0
                    ? (limit - remaining) / resetNanos : 0;
        }

        double available(long now) {
            if (!known) {
                return Double.POSITIVE_INFINITY;
            }
            if (now - resetAt >= 0) {
                // Past the reset: the budget is back to its limit, or unknown again.
                if (Double.isNaN(limit)) {
                    known = false;
                    return Double.POSITIVE_INFINITY;
                }
                remaining = limit;
                observedAt = now;
                refillPerNano = 0;
                resetAt = now;
                return limit;
            }
            double refilled = remaining + refillPerNano * (now - observedAt);
            return Double.isNaN(limit) ? refilled : Math.min(limit, refilled);
        }

        long waitFor(double amount, long now) {
            double available = available(now);
            // A request bigger than the whole budget can never fit: ask only for what a full budget has.
            double need = Double.isNaN(limit) || !known ? amount : Math.min(amount, limit);
            if (available >= need) {
                return 0;
            }
            long untilReset = Math.max(1, resetAt - now);
            if (refillPerNano > 0) {
                return Math.max(1, Math.min(untilReset, (long) Math.ceil((need - available) / refillPerNano)));
            }
            return untilReset;
        }

        void take(double amount, long now) {
            if (!known) {
                return;
            }
            remaining = available(now) - amount;
            observedAt = now;
        }
    }
}
