package dev.qaimport.embed.http.internal;

import java.util.concurrent.TimeUnit;

/**
 * How the client waits (backoff, {@code retry-after}, rate-limit pacing) and the monotonic time
 * its pacer measures those waits against: {@link #SYSTEM} outside tests. A test passes one that
 * records each wait and moves its own time on, so that it can assert the waits the client asked
 * for instead of timing them. Implementations are thread-safe.
 */
public interface Sleeper {
    /** {@link System#nanoTime()} and {@link TimeUnit#sleep}. */
    Sleeper SYSTEM = new Sleeper() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }

        @Override
        public String toString() {
            return "Sleeper.SYSTEM";
        }
    };

    /** The current value of a monotonic clock, in nanoseconds (only differences mean anything). */
    long nanoTime();

    /** Waits {@code nanos} nanoseconds of {@link #nanoTime()}'s time. */
    void sleep(long nanos) throws InterruptedException;
}
