package dev.qaimport.testing;

import dev.qaimport.spi.EmbeddingException;
import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.spi.EmbeddingService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An in-process embedding service for tests: deterministic vectors derived from the text, every
 * call recorded, and failures scripted (reject inputs matching a predicate as the input's fault,
 * fail the next calls as an outage, or fail fatally). So that tests need not sleep, calls can be
 * held until the test releases them ({@link #holdFrom}) or until enough are in flight at once
 * ({@link #rendezvous}), and a test can wait for calls to start ({@link #awaitCalls}). Thread-safe.
 */
public final class ScriptedEmbeddings implements EmbeddingService {
    private final String modelId;
    private final EmbeddingLimits limits;
    private final List<List<String>> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger transientFailures = new AtomicInteger();
    private volatile Predicate<String> rejected = s -> false;
    private volatile String fatal;
    private volatile long latencyMillis;
    private volatile java.util.concurrent.CountDownLatch gate;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    /** How long a held call or a test waiting for calls waits at most: a guard against a hang, never a measurement. */
    private static final long GUARD_SECONDS = 60;
    private final AtomicInteger started = new AtomicInteger();
    private volatile int holdFrom = Integer.MAX_VALUE;
    private volatile java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(0);
    private volatile int rendezvousAt;
    private volatile java.util.concurrent.CountDownLatch together = new java.util.concurrent.CountDownLatch(0);

    public ScriptedEmbeddings(String modelId, EmbeddingLimits limits) {
        this.modelId = modelId;
        this.limits = limits;
    }

    /** A service with 8 inputs per request and 2 in flight. */
    public static ScriptedEmbeddings small() {
        return new ScriptedEmbeddings("test-model@8", new EmbeddingLimits(8, 10_000, 1_000, 2));
    }

    public ScriptedEmbeddings rejectInputs(Predicate<String> which) {
        this.rejected = which;
        return this;
    }

    public ScriptedEmbeddings failNextCalls(int n) {
        transientFailures.set(n);
        return this;
    }

    public ScriptedEmbeddings failFatally(String message) {
        this.fatal = message;
        return this;
    }

    /** Every call waits until {@code gate} opens (up to a minute). */
    public ScriptedEmbeddings gate(java.util.concurrent.CountDownLatch gate) {
        this.gate = gate;
        return this;
    }

    /**
     * From the {@code n}-th call on (1-based), calls wait until {@link #release()}; they are in
     * flight meanwhile. Earlier calls are answered as usual.
     */
    public ScriptedEmbeddings holdFrom(int n) {
        held = new java.util.concurrent.CountDownLatch(1);
        holdFrom = n;
        return this;
    }

    /** Lets the held calls, and every later one, go on. */
    public ScriptedEmbeddings release() {
        holdFrom = Integer.MAX_VALUE;
        held.countDown();
        return this;
    }

    /**
     * Calls wait until {@code n} are in flight at the same time (once; from then on they go on at
     * once): a caller that may make {@code n} calls at once provably does. After a minute they go
     * on anyway, and {@link #maxInFlight()} shows the caller never got there.
     */
    public ScriptedEmbeddings rendezvous(int n) {
        rendezvousAt = n;
        together = new java.util.concurrent.CountDownLatch(1);
        return this;
    }

    /** Returns once {@code n} calls have started; fails after a minute without them. */
    public void awaitCalls(int n) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        synchronized (started) {
            while (started.get() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(started.get() + " calls started within " + GUARD_SECONDS + " s, not " + n);
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(started, left);
            }
        }
    }

    /** Every call sleeps this long before it answers: a slow provider, never a way to order events. */
    public ScriptedEmbeddings latency(long millis) {
        this.latencyMillis = millis;
        return this;
    }

    /** Every call's inputs, in call order. */
    public List<List<String>> calls() {
        return Collections.unmodifiableList(calls);
    }

    /** The most calls that were ever running at the same time. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Inputs sent in all calls that succeeded or failed. */
    public int inputsSent() {
        return calls.stream().mapToInt(List::size).sum();
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public EmbeddingLimits limits() {
        return limits;
    }

    @Override
    public List<float[]> embed(List<String> inputs) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (now >= rendezvousAt) {
                together.countDown();
            }
            calls.add(List.copyOf(inputs));
            int number;
            synchronized (started) {
                number = started.incrementAndGet();
                started.notifyAll();
            }
            try {
                if (number >= holdFrom) {
                    held.await(GUARD_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
                }
                together.await(GUARD_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answer(inputs);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private List<float[]> answer(List<String> inputs) {
        java.util.concurrent.CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fatal != null) {
            throw new EmbeddingException(EmbeddingException.Kind.FATAL, fatal);
        }
        if (transientFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new EmbeddingException(EmbeddingException.Kind.TRANSIENT, "scripted outage (HTTP 503)");
        }
        if (inputs.size() > limits.maxInputsPerRequest()) {
            throw new EmbeddingException(EmbeddingException.Kind.FATAL, "request of " + inputs.size() + " inputs exceeds the limit");
        }
        for (String s : inputs) {
            if (rejected.test(s)) {
                throw new EmbeddingException(EmbeddingException.Kind.INPUT_REJECTED, "HTTP 400: input rejected: "
                        + s.substring(0, Math.min(20, s.length())));
            }
        }
        List<float[]> out = new ArrayList<>(inputs.size());
        for (String s : inputs) {
            out.add(vectorOf(s));
        }
        return out;
    }

    /** The vector this service returns for {@code text}. */
    public static float[] vectorOf(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        float[] v = new float[8];
        for (int i = 0; i < b.length; i++) {
            v[i % 8] += (b[i] & 0xFF) / 255f;
        }
        v[0] += 0.5f;
        return v;
    }
}
