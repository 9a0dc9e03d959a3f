package dev.qaimport.embed.internal;

import dev.qaimport.EmbeddingInput;
import dev.qaimport.ImportException;
import dev.qaimport.ProgressCallback;
import dev.qaimport.internal.InFlight;
import dev.qaimport.internal.Settings;
import dev.qaimport.internal.Sleeper;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.Reembedding;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.ReembedRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves pairs to another model: starts re-embeddings, runs them under a lease in attempts that
 * stage the new vectors through an {@link EmbeddingRun} (so that pacing, retries, the vector cache
 * and rejected inputs work as in the embedding stage), switches the pairs once nothing is left to
 * stage, and embeds those that went back to pending at the switch. Thread-safe.
 */
public final class Reembedder {
    private static final Logger LOG = LoggerFactory.getLogger(Reembedder.class);
    /** How long a re-embedding that stopped on a problem waits before a process takes it up again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final ImportStore store;
    private final Providers providers;
    private final EmbeddingStage stage;
    private final Settings settings;
    private final ExecutorService pool;
    private final ScheduledExecutorService heartbeat;
    private final BooleanSupplier closing;
    private final InFlight active = new InFlight();
    /** Targets of the re-embeddings started here, by id. */
    private final Map<UUID, EmbeddingService> started = new ConcurrentHashMap<>();
    private final AtomicBoolean pickingUp = new AtomicBoolean();

    public Reembedder(ImportStore store, Providers providers, EmbeddingStage stage, Settings settings, ExecutorService pool,
            ScheduledExecutorService heartbeat, BooleanSupplier closing) {
        this.store = store;
        this.providers = providers;
        this.stage = stage;
        this.settings = settings;
        this.pool = pool;
        this.heartbeat = heartbeat;
        this.closing = closing;
    }

    private ReembedRepository repository() {
        try {
            return store.reembeddings();
        } catch (UnsupportedOperationException e) {
            throw new ImportException(ErrorCodes.ILLEGAL_STATE, e.getMessage());
        }
    }

    /**
     * Stores a re-embedding of the job's pairs (every pair of {@code collection} for {@code null})
     * to {@code target}'s vectors, or returns the unfinished one that does the same.
     *
     * @throws ImportException {@code NOT_FOUND} for a job unknown in the collection,
     *                         {@code ILLEGAL_STATE} while another re-embedding of the collection is
     *                         unfinished
     */
    public UUID start(EmbeddingService target, String collection, UUID jobId) {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(target, "target");
        EmbeddingProfile profile = target.profile();
        if (profile == null || profile.isNone()) {
            throw new IllegalArgumentException("target has no profile to re-embed with: " + target.describe());
        }
        profile = profile.withInput(settings.embeddingInput().template());
        if (jobId != null && store.jobs().find(jobId).filter(j -> j.collection().equals(collection)).isEmpty()) {
            throw new ImportException(ErrorCodes.NOT_FOUND, "no job " + jobId + " in collection " + collection);
        }
        ReembedRepository repository = repository();
        Instant now = settings.clock().instant();
        for (int round = 0; ; round++) {
            Optional<Reembedding> unfinished = repository.unfinished(collection).stream().findFirst();
            if (unfinished.isPresent()) {
                Reembedding r = unfinished.get();
                if (Objects.equals(r.jobId(), jobId) && r.profile().sameVectorsAs(profile)) {
                    remember(r.id(), target);
                    return r.id();
                }
                throw new ImportException(ErrorCodes.ILLEGAL_STATE, r.describe()
                        + " is unfinished: let it complete or cancel it before starting another");
            }
            UUID id = UUID.randomUUID();
            if (repository.create(new Reembedding(id, collection, jobId, profile, JobStatus.PENDING,
                    repository.countScope(collection, jobId), 0, 0, 0,
                    null, 0, null, null, now, now, null))) {
                remember(id, target);
                return id;
            }
            if (round > 3) {
                throw new ImportException(ErrorCodes.ILLEGAL_STATE, "another process keeps starting re-embeddings; try again");
            }
        }
    }

    private void remember(UUID id, EmbeddingService target) {
        started.put(id, target);
        providers.addTarget(target);
    }

    public Optional<Reembedding> find(UUID id) {
        return repository().find(id);
    }

    private Reembedding get(UUID id) {
        return find(id).orElseThrow(() -> new ImportException(ErrorCodes.NOT_FOUND, "no such re-embedding: " + id));
    }

    /** Cancels an unfinished re-embedding; its attempt in progress, here or elsewhere, stops at its next commit. */
    public boolean cancel(UUID id) {
        Objects.requireNonNull(id, "id");
        return repository().cancel(id, settings.clock().instant());
    }

    /**
     * Takes the re-embedding up in the calling thread and works on it until it completes, stops
     * on a problem, or the instance closes; returns it as it then stands. One that another process
     * holds is returned as it is.
     *
     * @throws ImportException {@code NOT_FOUND} for an unknown id, {@code EMBEDDING} when no
     *                         provider here gives the vectors it moves to
     */
    public Reembedding process(UUID id, ProgressCallback onProgress) {
        Objects.requireNonNull(onProgress, "onProgress");
        Reembedding r = get(id);
        if (r.status().isTerminal()) {
            return r;
        }
        EmbeddingService target = target(r)
                .orElseThrow(() -> new ImportException(ErrorCodes.EMBEDDING, r.describe() + ": no provider of " + r.profile().describe()
                        + " is configured here"));
        active.enter();
        try {
            work(r, target, onProgress);
        } finally {
            active.exit();
        }
        return get(id);
    }

    private Optional<EmbeddingService> target(Reembedding r) {
        EmbeddingService s = started.get(r.id());
        return s != null ? Optional.of(s) : providers.forProfile(r.profile());
    }

    /**
     * Takes up, on {@code executor}, an unfinished re-embedding of {@code collection} (of any for
     * {@code null}) that nobody works on and whose provider this process has.
     */
    public void pickUp(String collection, Executor executor) {
        if (closing.getAsBoolean() || !supported() || !pickingUp.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    Instant now = settings.clock().instant();
                    for (Reembedding r : repository().unfinished(collection)) {
                        if (!closing.getAsBoolean() && r.claimableAt(now) && target(r).isPresent()) {
                            process(r.id(), ProgressCallback.NONE);
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.warn("taking up the unfinished re-embedding failed: {}", e.getMessage());
                } finally {
                    pickingUp.set(false);
                }
            });
        } catch (RuntimeException e) {
            pickingUp.set(false);
            throw e;
        }
    }

    /** The newest re-embeddings of {@code collection} first. */
    public java.util.List<Reembedding> recent(String collection, int limit) {
        return repository().recent(collection, limit);
    }

    private boolean supported() {
        try {
            store.reembeddings();
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * The profile that supersedes the one the job recorded (for {@code null}: the one every pair
     * of {@code collection} moved to last), if a re-embedding completed; empty also when the
     * store cannot re-embed.
     */
    public Optional<EmbeddingProfile> completedProfile(String collection, UUID jobId) {
        return supported() ? store.reembeddings().completedProfile(collection, jobId) : Optional.empty();
    }

    /** Waits until the re-embedding completes or is cancelled, or {@code timeout} passes; returns it as it then stands. */
    public Reembedding await(UUID id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        while (true) {
            Reembedding r = get(id);
            if (r.status().isTerminal() || System.nanoTime() >= deadline) {
                return r;
            }
            Sleeper.REAL.sleep(Math.min(pause, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            if (Thread.currentThread().isInterrupted()) {
                return r;
            }
            pause = Math.min(250, pause * 2);
        }
    }

    /** Runs of re-embeddings in progress here. */
    public int activeRuns() {
        return active.count();
    }

    public boolean awaitNoActiveRuns(long deadlineNanos) {
        return active.awaitNone(deadlineNanos);
    }

    private void work(Reembedding r, EmbeddingService target, ProgressCallback onProgress) {
        ReembedRepository repository = repository();
        long total = repository.countScope(r.collection(), r.jobId());
        Instant now = settings.clock().instant();
        Duration lease = settings.leaseDuration();
        OptionalInt claimed = repository.claim(r.id(), settings.workerId(), total, now, now.plus(lease));
        if (claimed.isEmpty()) {
            return;
        }
        int attempt = claimed.getAsInt();
        AtomicBoolean lost = new AtomicBoolean();
        long period = Math.max(10, lease.toMillis() / 3);
        ScheduledFuture<?> beat = heartbeat.scheduleAtFixedRate(() -> {
            try {
                Instant t = settings.clock().instant();
                if (!repository.renew(r.id(), settings.workerId(), attempt, t, t.plus(lease))) {
                    lost.set(true);
                }
            } catch (RuntimeException e) {
                LOG.warn("renewing the lease of re-embedding {} failed: {}", r.id(), e.getMessage());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        BooleanSupplier stop = () -> lost.get() || closing.getAsBoolean();
        EmbeddingInput input = inputOf(r.profile());
        String problem = null;
        try {
            while (!stop.getAsBoolean()) {
                long before = repository.countUnstaged(r.id(), r.collection(), r.jobId());
                if (before == 0) {
                    break;
                }
                long doneBefore = Math.max(0, total - before);
                Staging staging = new Staging(repository, r.id(), r.collection(), r.jobId(), settings.workerId(), attempt, settings.clock(), lease);
                EmbeddingRun run = new EmbeddingRun(store, target, input, staging, settings, pool, total,
                        (done, all) -> onProgress.onProgress(doneBefore + done, total), stop);
                RuntimeException failure = run.execute(staging);
                if (failure != null) {
                    problem = "reading the pairs to re-embed failed: " + failure.getMessage();
                    break;
                }
                problem = run.counters.problem.get();
                long progress = run.counters.embedded.get() + run.counters.failed.get();
                if (problem == null && progress == 0 && !stop.getAsBoolean()) {
                    // Failed calls, each short of an outage, and nothing else: wait as after one.
                    String last = run.counters.lastFailure.get();
                    problem = last != null ? last : "no pair could be re-embedded in this attempt";
                }
                if (problem != null) {
                    break;
                }
            }
            if (lost.get()) {
                LOG.info("re-embedding {} was cancelled or taken over; this attempt stops", r.id());
                return;
            }
            if (closing.getAsBoolean() || problem != null || repository.countUnstaged(r.id(), r.collection(), r.jobId()) > 0) {
                Instant t = settings.clock().instant();
                String message = problem != null ? problem + "; it goes on in " + RETRY_AFTER.toSeconds() + " s"
                        : "stopped with the process; it goes on where it stopped";
                try {
                    repository.release(r.id(), settings.workerId(), attempt, message, t, problem != null ? t.plus(RETRY_AFTER) : t);
                } catch (RuntimeException e) {
                    LOG.warn("could not give up the lease of re-embedding {} ({}); it expires in {}", r.id(), e.getMessage(), lease);
                }
                return;
            }
            if (!repository.complete(r.id(), settings.workerId(), attempt, settings.clock().instant())) {
                LOG.info("re-embedding {} was cancelled or taken over before its switch", r.id());
                return;
            }
            LOG.info("re-embedding {}: the pairs now have the vectors of {}", r.id(), r.profile().describe());
        } finally {
            beat.cancel(false);
        }
        // Pairs that changed while they were re-embedded went back to pending: embed them now,
        // mostly from the cache, with the provider they moved to.
        if (r.jobId() != null) {
            stage.forJob(r.jobId(), ProgressCallback.NONE, () -> false);
        } else {
            stage.sweep(r.collection(), () -> false);
        }
    }

    private EmbeddingInput inputOf(EmbeddingProfile profile) {
        if (profile.input() != null) {
            try {
                return EmbeddingInput.template(profile.input());
            } catch (IllegalArgumentException e) {
                LOG.warn("re-embedding input template unusable ({}); using this instance's", e.getMessage());
            }
        }
        return settings.embeddingInput();
    }
}
