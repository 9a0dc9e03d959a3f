package dev.qaimport.internal;

/** Waits; injected so that tests of retry paths need not wait for real. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = millis -> {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    void sleep(long millis);
}
