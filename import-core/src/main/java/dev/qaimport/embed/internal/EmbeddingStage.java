package dev.qaimport.embed.internal;

import dev.qaimport.EmbeddingTrigger;
import dev.qaimport.ProgressCallback;
import dev.qaimport.internal.InFlight;
import dev.qaimport.internal.Settings;
import dev.qaimport.model.EmbeddingResult;
import dev.qaimport.spi.EmbeddingRepository.PendingPair;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.spi.ImportStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/**
 * The embedding stage, the entry to this package: embeds the pending pairs of a job, of every job,
 * or a caller's list, each as one {@link EmbeddingRun}, and reports what it did. An outage stops
 * the run and leaves the pairs it did not embed pending. Thread-safe.
 */
public final class EmbeddingStage implements EmbeddingTrigger {
    private final ImportStore store;
    private final EmbeddingService service;
    private final Settings settings;
    private final ExecutorService pool;
    /** True once the instance is closing: every run stops after its calls in flight. */
    private final BooleanSupplier closing;
    /** Runs in progress, so that closing can wait for them before it takes their threads away. */
    private final InFlight active = new InFlight();

    /**
     * @param service the provider, or {@code null} when this instance embeds nothing
     * @param pool    runs the writer and the group tasks; cached, so that every run gets its threads
     */
    public EmbeddingStage(ImportStore store, EmbeddingService service, Settings settings, ExecutorService pool, BooleanSupplier closing) {
        this.store = store;
        this.service = service;
        this.settings = settings;
        this.pool = pool;
        this.closing = closing;
    }

    /** Runs of the stage in progress. */
    public int activeRuns() {
        return active.count();
    }

    /** Waits until no run is in progress, or the deadline of {@link System#nanoTime()} passed. */
    public boolean awaitNoActiveRuns(long deadlineNanos) {
        return active.awaitNone(deadlineNanos);
    }

    /** Whether an embedding service is configured. */
    public boolean enabled() {
        return service != null;
    }

    @Override
    public EmbeddingResult triggerForPairs(Collection<UUID> pairIds, ProgressCallback onProgress) {
        Objects.requireNonNull(pairIds, "pairIds");
        Objects.requireNonNull(onProgress, "onProgress");
        List<UUID> ids = List.copyOf(pairIds);
        int[] next = {0};
        Claimer claimer = (limit, now, until) -> {
            synchronized (next) {
                List<PendingPair> claimed = new ArrayList<>();
                while (claimed.isEmpty() && next[0] < ids.size()) {
                    int end = Math.min(ids.size(), next[0] + limit);
                    List<UUID> chunk = ids.subList(next[0], end);
                    next[0] = end;
                    claimed.addAll(store.embeddings().claimPairs(chunk, settings.workerId(), now, until));
                }
                return claimed;
            }
        };
        return run(claimer, ids.size(), onProgress, () -> false, null);
    }

    @Override
    public EmbeddingResult triggerForJob(UUID jobId, ProgressCallback onProgress) {
        Objects.requireNonNull(jobId, "jobId");
        return forJob(jobId, onProgress, () -> false);
    }

    /**
     * Embeds the pending pairs of {@code jobId}, or of every job when it is {@code null}, until
     * none is left or {@code stop} says so (or the instance closes).
     */
    public EmbeddingResult forJob(UUID jobId, ProgressCallback onProgress, BooleanSupplier stop) {
        Objects.requireNonNull(onProgress, "onProgress");
        long total = store.embeddings().countPending(jobId);
        if (service == null) {
            return new EmbeddingResult(0, 0, 0, total, 0, null);
        }
        Claimer claimer = (limit, now, until) -> store.embeddings().claimPending(jobId, settings.workerId(), limit, now, until);
        return run(claimer, total, onProgress, stop, jobId);
    }

    @Override
    public EmbeddingResult retryPending(UUID jobId) {
        return forJob(jobId, ProgressCallback.NONE, () -> false);
    }

    @Override
    public EmbeddingResult retryFailed(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        store.embeddings().resetFailed(jobId);
        return forJob(jobId, ProgressCallback.NONE, () -> false);
    }

    private EmbeddingResult run(Claimer claimer, long total, ProgressCallback onProgress, BooleanSupplier stop, UUID jobId) {
        if (service == null) {
            return new EmbeddingResult(0, 0, 0, total, 0, null);
        }
        EmbeddingRun run = new EmbeddingRun(store, service, settings, pool, total, onProgress,
                () -> closing.getAsBoolean() || stop.getAsBoolean());
        active.enter();
        RuntimeException claimFailure;
        try {
            claimFailure = run.execute(claimer);
        } finally {
            active.exit();
        }
        Counters counters = run.counters;
        long pending = jobId != null ? store.embeddings().countPending(jobId)
                : Math.max(0, total - counters.embedded.get() - counters.failed.get());
        String problem = counters.problem.get();
        if (jobId != null) {
            // A run that went on past a failed call still says why pairs are left.
            String why = problem != null ? problem : pending > 0 ? counters.lastFailure.get() : null;
            store.jobs().setEmbeddingMessage(jobId, why == null ? null
                    : "embedding: " + why + (pending > 0 ? " (" + pending + " pairs left pending; retry with retryPending)" : ""),
                    settings.clock().instant());
        }
        if (claimFailure != null) {
            throw claimFailure;
        }
        return new EmbeddingResult(counters.embedded.get(), counters.reused.get(), counters.failed.get(), pending,
                counters.requests.get(), problem);
    }
}
