package dev.qaimport.embed.internal;

import dev.qaimport.internal.Throttle;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What one run has done so far, and the problem that stops it, if any. Shared by its threads. */
final class Counters {
    final AtomicLong embedded = new AtomicLong();
    final AtomicLong reused = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    /** The reason the run stops: the first one set wins. */
    final AtomicReference<String> problem = new AtomicReference<>();
    /** Calls that failed in a row, all of them transient; reset by a success. */
    final AtomicInteger failuresInARow = new AtomicInteger();
    final AtomicReference<String> lastFailure = new AtomicReference<>();
    /** At most ten progress notices a second, by the instance's clock. */
    final Throttle throttle;

    Counters(Clock clock) {
        this.throttle = new Throttle(100, clock);
    }

    /** Stops the run with {@code why}, unless it is already stopping for another reason. */
    void stop(String why) {
        problem.compareAndSet(null, why);
    }

    boolean stopped() {
        return problem.get() != null;
    }
}
