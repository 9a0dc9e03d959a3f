package dev.qaimport.embed.http;

import dev.qaimport.embed.http.internal.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Sleeper} with a time of its own, which records every wait the client asks for. Either
 * each wait moves the time on by its length and returns at once ({@link #advancingItself()}), or
 * waits return only once the test has moved the time past their end ({@link #manual()}), so that
 * a test can look at everything that is waiting. Thread-safe.
 */
final class RecordingSleeper implements Sleeper {
    /** How long a test waits for threads to start waiting before it gives up: a guard against a hang, never a measurement. */
    private static final long GUARD_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final boolean advancesItself;
    private final List<Duration> waits = new ArrayList<>();
    private long now = TimeUnit.SECONDS.toNanos(1_000);
    private int sleeping;

    private RecordingSleeper(boolean advancesItself) {
        this.advancesItself = advancesItself;
    }

    /** Every wait is recorded, moves the time on by its length and returns at once. */
    static RecordingSleeper advancingItself() {
        return new RecordingSleeper(true);
    }

    /** Every wait is recorded and returns once {@link #advance} has moved the time past its end. */
    static RecordingSleeper manual() {
        return new RecordingSleeper(false);
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleep(long nanos) throws InterruptedException {
        waits.add(Duration.ofNanos(nanos));
        if (advancesItself) {
            now += nanos;
            return;
        }
        long until = now + nanos;
        sleeping++;
        notifyAll();
        try {
            while (now - until < 0) {
                wait();
            }
        } finally {
            sleeping--;
        }
    }

    /** Moves the time on, waking the waits that end by then. */
    synchronized void advance(Duration d) {
        now += d.toNanos();
        notifyAll();
    }

    /** Every wait asked for so far, in order. */
    synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    /** Returns once {@code n} threads are waiting in {@link #sleep} at the same time. */
    synchronized void awaitSleeping(int n) throws InterruptedException {
        long deadline = System.nanoTime() + GUARD_NANOS;
        while (sleeping < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(sleeping + " threads waiting, not " + n + "; waits so far: " + waits);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
