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
 * fail the next calls as an outage, or fail fatally). Thread-safe.
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
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            return answer(inputs);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private List<float[]> answer(List<String> inputs) {
        calls.add(List.copyOf(inputs));
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
