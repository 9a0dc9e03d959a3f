package dev.qaimport.embed.http.internal;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cap on the requests in flight that adapts to the provider (AIMD): a 429 halves it (never
 * below 1), each success adds {@code 1/cap}, so the cap grows back by one per round of successful
 * requests up to the configured maximum. A burst of 429s from requests that all started under the
 * same cap halves it once, not once per request, as TCP does per window. Thread-safe.
 */
public final class AdaptiveLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveLimiter.class);

    /** How a request ended, for the limiter. */
    public enum Signal {
        /** A response that counts as success. */
        SUCCESS,
        /** A 429 that is not about quota: the provider wants fewer requests. */
        THROTTLED,
        /** Anything else: no change to the cap. */
        NEUTRAL
    }

    private final int max;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private double limit;
    private int inFlight;
    private long epoch;

    /** A limiter allowing {@code max} requests in flight. */
    public AdaptiveLimiter(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxConcurrency < 1: " + max);
        }
        this.max = max;
        this.limit = max;
    }

    /** Waits for a slot; returns a ticket to hand back to {@link #release}. */
    public long acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (inFlight >= (int) limit) {
                released.await();
            }
            inFlight++;
            return epoch;
        } finally {
            lock.unlock();
        }
    }

    /** Gives the slot back and adapts the cap to how the request ended. */
    public void release(long ticket, Signal signal) {
        lock.lock();
        try {
            inFlight--;
            if (signal == Signal.SUCCESS && limit < max) {
                limit = Math.min(max, limit + 1.0 / Math.floor(limit));
            } else if (signal == Signal.THROTTLED && ticket == epoch) {
                double before = limit;
                limit = Math.max(1, Math.floor(limit / 2));
                epoch++;
                LOG.debug("Provider throttled: concurrency {} -> {}", (int) before, (int) limit);
            }
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The current cap on requests in flight. */
    public int currentLimit() {
        lock.lock();
        try {
            return (int) limit;
        } finally {
            lock.unlock();
        }
    }

    /** The configured maximum. */
    public int max() {
        return max;
    }
}
