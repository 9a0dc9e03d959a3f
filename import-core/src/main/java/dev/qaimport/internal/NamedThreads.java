package dev.qaimport.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates daemon threads named {@code qa-import-<role>-<n>} so that thread dumps say who is who. */
public final class NamedThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();

    public NamedThreads(String role) {
        this.prefix = "qa-import-" + role + "-";
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + counter.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
