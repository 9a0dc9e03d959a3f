package dev.qaimport.internal;

import java.time.Clock;

/**
 * Lets an action through at most once per interval of the given clock (listener notifications cost
 * a query each). A clock that goes back lets the next action through and starts again from there.
 */
public final class Throttle {
    private final long intervalMillis;
    private final Clock clock;
    private boolean started;
    private long last;

    public Throttle(long intervalMillis, Clock clock) {
        this.intervalMillis = intervalMillis;
        this.clock = clock;
    }

    public synchronized boolean ready(boolean force) {
        long now = clock.millis();
        if (force || !started || now - last >= intervalMillis || now < last) {
            started = true;
            last = now;
            return true;
        }
        return false;
    }
}
