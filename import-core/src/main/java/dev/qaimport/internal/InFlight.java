package dev.qaimport.internal;

/**
 * Counts pieces of work under way and lets one wait until none is left, without polling: shutdown
 * waits on it for jobs and embedding runs to have wholly returned.
 */
public final class InFlight {
    private int count;

    public synchronized void enter() {
        count++;
    }

    public synchronized void exit() {
        if (--count == 0) {
            notifyAll();
        }
    }

    public synchronized int count() {
        return count;
    }

    /**
     * Waits until nothing is under way or {@code deadlineNanos} (of {@link System#nanoTime()}) has
     * passed; returns whether nothing is under way. An interrupt ends the wait early and stays set.
     */
    public synchronized boolean awaitNone(long deadlineNanos) {
        while (count > 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(left / 1_000_000L, (int) (left % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
