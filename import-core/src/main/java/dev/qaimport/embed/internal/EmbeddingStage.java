package dev.qaimport.embed.internal;

import dev.qaimport.EmbeddingInput;
import dev.qaimport.EmbeddingTrigger;
import dev.qaimport.ProgressCallback;
import dev.qaimport.internal.InFlight;
import dev.qaimport.internal.Settings;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.EmbeddingResult;
import dev.qaimport.spi.EmbeddingRepository.PendingPair;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.spi.ImportStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The embedding stage, the entry to this package: embeds the pending pairs of a job, of every job,
 * or a caller's list, each as one {@link EmbeddingRun}, and reports what it did. An outage stops
 * the run and leaves the pairs it did not embed pending. Thread-safe.
 */
public final class EmbeddingStage implements EmbeddingTrigger {
    /** Jobs listed per round trip of a sweep over every job. */
    static final int JOBS_PER_PAGE = 500;

    private final ImportStore store;
    private final Providers providers;
    /** The profile a job recorded, if any. */
    private final Function<UUID, Optional<EmbeddingProfile>> recorded;
    private final Settings settings;
    private final ExecutorService pool;
    /** True once the instance is closing: every run stops after its calls in flight. */
    private final BooleanSupplier closing;
    /** Runs in progress, so that closing can wait for them before it takes their threads away. */
    private final InFlight active = new InFlight();

    /**
     * @param providers which provider embeds which job
     * @param recorded  the profile a job recorded, if any
     * @param pool      runs the writer and the group tasks; cached, so that every run gets its threads
     */
    public EmbeddingStage(ImportStore store, Providers providers, Function<UUID, Optional<EmbeddingProfile>> recorded,
            Settings settings, ExecutorService pool, BooleanSupplier closing) {
        this.store = store;
        this.providers = Objects.requireNonNull(providers, "providers");
        this.recorded = Objects.requireNonNull(recorded, "recorded");
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

    /** Whether this instance may embed anything: it has a service, or finds them by profile. */
    public boolean enabled() {
        return providers.any();
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
        // The caller names the pairs: they are embedded with this instance's own service and input.
        return run(providers.own(), settings.embeddingInput(), claimer, ids.size(), onProgress, () -> false, null);
    }

    @Override
    public EmbeddingResult triggerForJob(UUID jobId, ProgressCallback onProgress) {
        Objects.requireNonNull(jobId, "jobId");
        return forJob(jobId, onProgress, () -> false);
    }

    /**
     * Embeds the pending pairs of {@code jobId} until none is left or {@code stop} says so (or the
     * instance closes). A job's pairs go to the provider of the profile it recorded; without one
     * here they stay pending and the job's embedding message says which profile they wait for.
     */
    public EmbeddingResult forJob(UUID jobId, ProgressCallback onProgress, BooleanSupplier stop) {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(onProgress, "onProgress");
        return embedJob(jobId, onProgress, stop, providersDown());
    }

    /** An empty set of the providers that failed in one sweep, by identity. */
    private static Set<EmbeddingService> providersDown() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /** Embeds one job's pending pairs with the provider of its profile, unless that provider is {@code down} in this sweep. */
    private EmbeddingResult embedJob(UUID jobId, ProgressCallback onProgress, BooleanSupplier stop, Set<EmbeddingService> down) {
        long total = store.embeddings().countPending(jobId);
        Providers.Choice choice = providers.choose(recorded.apply(jobId), settings.embeddingInput());
        if (choice.service() != null && down.contains(choice.service())) {
            return new EmbeddingResult(0, 0, 0, total, 0, null);
        }
        if (choice.service() == null) {
            if (total > 0) {
                store.jobs().setEmbeddingMessage(jobId, "embedding: " + choice.waiting() + " (" + total + " pairs left pending)",
                        settings.clock().instant());
            }
            return new EmbeddingResult(0, 0, 0, total, 0, null, total > 0 ? choice.waiting() : null);
        }
        Claimer claimer = (limit, now, until) -> store.embeddings().claimPending(jobId, settings.workerId(), limit, now, until);
        EmbeddingResult result = run(choice.service(), choice.input(), claimer, total, onProgress, stop, jobId);
        if (result.error() != null) {
            down.add(choice.service());
        }
        return result;
    }

    /**
     * Embeds the pending pairs of every job of {@code collection} (of every collection for
     * {@code null}), job by job so that each goes to its own provider, then those created outside
     * an import, with the own service. A provider that fails is not asked again in this sweep, and
     * the jobs of other providers go on; the result carries the first failure, so that the caller
     * waits before the next sweep.
     */
    public EmbeddingResult sweep(String collection, BooleanSupplier stop) {
        Sum sum = new Sum();
        Set<EmbeddingService> down = providersDown();
        UUID after = null;
        while (!stop.getAsBoolean() && !closing.getAsBoolean()) {
            List<UUID> jobs = store.embeddings().jobsWithPending(collection, after, JOBS_PER_PAGE);
            for (UUID job : jobs) {
                if (stop.getAsBoolean() || closing.getAsBoolean()) {
                    return sum.result();
                }
                sum.add(embedJob(job, ProgressCallback.NONE, stop, down));
            }
            if (jobs.size() < JOBS_PER_PAGE) {
                break;
            }
            after = jobs.get(jobs.size() - 1);
        }
        if (providers.own() != null && !down.contains(providers.own()) && !stop.getAsBoolean() && !closing.getAsBoolean()) {
            Claimer claimer = (limit, now, until) -> store.embeddings().claimPendingWithoutJob(collection, settings.workerId(), limit, now, until);
            sum.add(run(providers.own(), settings.embeddingInput(), claimer, 0, ProgressCallback.NONE, stop, null));
        }
        return sum.result();
    }

    @Override
    public EmbeddingResult retryPending(UUID jobId) {
        return jobId == null ? sweep(null, () -> false) : forJob(jobId, ProgressCallback.NONE, () -> false);
    }

    @Override
    public EmbeddingResult retryFailed(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        store.embeddings().resetFailed(jobId);
        return forJob(jobId, ProgressCallback.NONE, () -> false);
    }

    private EmbeddingResult run(EmbeddingService service, EmbeddingInput input, Claimer claimer, long total,
            ProgressCallback onProgress, BooleanSupplier stop, UUID jobId) {
        if (service == null) {
            return new EmbeddingResult(0, 0, 0, total, 0, null, "no embedding provider is configured here");
        }
        EmbeddingRun run = new EmbeddingRun(store, service, input, Outcomes.onPairs(store, settings), settings, pool, total, onProgress,
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

    /** Adds up the results of a sweep's runs. */
    private static final class Sum {
        private long embedded;
        private long reused;
        private long failed;
        private long pending;
        private long requests;
        private String error;
        private String waiting;

        void add(EmbeddingResult r) {
            embedded += r.embedded();
            reused += r.reused();
            failed += r.failed();
            pending += r.pending();
            requests += r.requests();
            if (waiting == null) {
                waiting = r.waiting();
            }
            if (error == null) {
                error = r.error();
            }
        }

        EmbeddingResult result() {
            return new EmbeddingResult(embedded, reused, failed, pending, requests, error, waiting);
        }
    }
}
