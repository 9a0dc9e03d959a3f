package dev.qaimport.examples.cli;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a graceful stop while a command runs jobs: the first
 * signal runs {@code onStop} (which asks the jobs to stop after their current batch and release
 * their leases) and lets the command finish and report; a second signal stops the process at
 * once, leaving its jobs to be resumed when their leases expire.
 *
 * <p>Why signal handlers and not a shutdown hook: shutdown hooks all run at the same time, and
 * H2's own hook closes an H2 database as soon as the JVM starts shutting down (an
 * {@code AUTO_SERVER} database cannot turn that off). The batch in flight then fails instead of
 * committing and the job cannot be released, so it would wait for its lease to expire. A signal
 * handler runs before the JVM starts shutting down. The handlers use {@code sun.misc.Signal}
 * (module {@code jdk.unsupported}) reflectively; where it cannot be used (a JVM without that
 * module, {@code -Xrs}, a signal ignored by the parent) a shutdown hook does the same work as well
 * as it can.
 */
final class GracefulStop implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final PrintStream err;
    private final Runnable onStop;
    private final AtomicReference<String> received = new AtomicReference<>();
    private final List<Object[]> previousHandlers = new ArrayList<>();
    private Method handle;
    private Thread hook;
    private volatile boolean closed;

    private GracefulStop(PrintStream err, Runnable onStop) {
        this.err = err;
        this.onStop = onStop;
    }

    /** Handles the signals until {@link #close()}; {@code onStop} runs on the first one, on a thread of its own. */
    static GracefulStop install(PrintStream err, Runnable onStop) {
        GracefulStop g = new GracefulStop(err, onStop);
        if (!g.handleSignals()) {
            g.hook = new Thread(() -> g.stop("TERM"), "qa-import-stop");
            Runtime.getRuntime().addShutdownHook(g.hook);
        }
        return g;
    }

    /** Whether a signal asked the command to stop. */
    boolean requested() {
        return received.get() != null;
    }

    /** The conventional exit status of a process stopped by the signal received: 130 for Ctrl-C, 143 for SIGTERM. */
    int exitStatus() {
        return "INT".equals(received.get()) ? 128 + 2 : 128 + 15;
    }

    private void stop(String signal) {
        if (closed) {
            // Our handler outlived close() because the JVM's could not be put back: behave as the JVM's would.
            System.exit("INT".equals(signal) ? 128 + 2 : 128 + 15);
            return;
        }
        if (!received.compareAndSet(null, signal)) {
            if (hook == null) {
                err.println("qa-import: stopping at once; unfinished jobs are resumed once their leases expire");
                err.flush();
                Runtime.getRuntime().halt("INT".equals(signal) ? 128 + 2 : 128 + 15);
            }
            return;
        }
        onStop.run();
    }

    private boolean handleSignals() {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method getName = signalClass.getMethod("getName");
            handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "handle":
                        stop((String) getName.invoke(args[0]));
                        return null;
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    default:
                        return "qa-import graceful stop";
                }
            });
            for (String name : SIGNALS) {
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                previousHandlers.add(new Object[] {signal, handle.invoke(null, signal, handler)});
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            restoreHandlers();
            return false;
        }
    }

    private void restoreHandlers() {
        for (Object[] previous : previousHandlers) {
            try {
                handle.invoke(null, previous[0], previous[1]);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Ours stays installed and, once closed, exits as the JVM's handler would.
            }
        }
        previousHandlers.clear();
    }

    /** Gives the signals back to the JVM's default handling. */
    @Override
    public void close() {
        closed = true;
        restoreHandlers();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook is running.
            }
        }
    }
}
