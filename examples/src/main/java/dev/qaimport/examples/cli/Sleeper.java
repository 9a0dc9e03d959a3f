package dev.qaimport.examples.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The pause between two looks at the database of a command that watches a job. Injected through
 * {@link Env} so that a test can move the job forward during the pause instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
    /** Waits for {@code millis}, or until {@code wakeUp} is counted down, as a clock on the wall would. */
    Sleeper REAL = (millis, wakeUp) -> wakeUp.await(millis, TimeUnit.MILLISECONDS);

    /**
     * Waits about {@code millis} milliseconds; returns early once {@code wakeUp} is counted down
     * (Ctrl-C), so that the command can stop at once.
     */
    void sleep(long millis, CountDownLatch wakeUp) throws InterruptedException;
}
