package dev.qaimport.internal;

/** Lets an action through at most once per interval (listener notifications cost a query each). */
public final class Throttle {
    private final long intervalNanos;
    private long last = Long.MIN_VALUE;

    public Throttle(long intervalMillis) {
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    public synchronized boolean ready(boolean force) {
        long now = System.nanoTime();
        if (force || last == Long.MIN_VALUE || now - last >= intervalNanos) {
            last = now;
            return true;
        }
        return false;
    }
}
