package dev.qaimport.jobs.internal;

import dev.qaimport.BatchProcessor;
import dev.qaimport.DryRunReport;
import dev.qaimport.EmbeddingTrigger;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.QACreator;
import dev.qaimport.SearchHit;
import dev.qaimport.Worker;
import dev.qaimport.batch.internal.PipelineBatchProcessor;
import dev.qaimport.embed.internal.EmbeddingStage;
import dev.qaimport.embed.internal.Providers;
import dev.qaimport.embed.internal.Reembedder;
import dev.qaimport.ProgressCallback;
import dev.qaimport.model.Reembedding;
import dev.qaimport.embed.internal.Searcher;
import dev.qaimport.internal.NamedThreads;
import dev.qaimport.internal.Settings;
import dev.qaimport.internal.Sleeper;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.RowError;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.PayloadStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a {@link dev.qaimport.QaImport} does, behind its small public face: it owns the
 * threads and wires the parts (intake, runner, control, the batch pipeline, the embedding stage,
 * the recovery sweeper), checks arguments, and shuts everything down.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final ImportStore store;
    private final EmbeddingService embeddingService;
    private final Settings settings;
    private final boolean autoStart;
    private final int maxConcurrentJobs;
    private final Duration shutdownTimeout;
    private final Duration recoveryInterval;
    private final Executor jobExecutor;
    private final ExecutorService ownJobExecutor;
    private final ExecutorService preparePool;
    private final ExecutorService embedPool;
    private final ScheduledExecutorService heartbeat;
    private final Payloads payloads;
    private final PipelineBatchProcessor batchProcessor;
    private final QACreator qaCreator;
    private final BatchProcessor callerBatches;
    private final EmbeddingStage embeddingStage;
    private final Providers providers;
    private final Reembedder reembedder;
    private final ExecutorService reembedPool;
    private final JobIntake intake;
    private final JobRunner runner;
    private final JobControl control;
    private volatile Poller recovery;
    private volatile boolean closing;

    /** Wires the parts; called by {@link dev.qaimport.QaImport.Builder#build()}. */
    public Engine(ImportStore store, PayloadStore payloadStore, Providers providers, Executor executor,
            int maxConcurrentJobs, boolean autoStart, Duration recoveryInterval, Duration shutdownTimeout, Settings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.embeddingService = providers.own();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.autoStart = autoStart;
        this.maxConcurrentJobs = maxConcurrentJobs;
        this.shutdownTimeout = shutdownTimeout;
        this.recoveryInterval = recoveryInterval;
        if (executor == null) {
            this.ownJobExecutor = Executors.newFixedThreadPool(maxConcurrentJobs, new NamedThreads("job"));
            this.jobExecutor = ownJobExecutor;
        } else {
            this.ownJobExecutor = null;
            this.jobExecutor = executor;
        }
        this.preparePool = Executors.newFixedThreadPool(settings.parallelism(), new NamedThreads("prepare"));
        this.embedPool = Executors.newCachedThreadPool(new NamedThreads("embed"));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(new NamedThreads("heartbeat"));
        BooleanSupplier isClosing = () -> closing;
        this.payloads = new Payloads(store, Objects.requireNonNull(payloadStore, "payloadStore"));
        this.batchProcessor = new PipelineBatchProcessor(store, settings, preparePool, Sleeper.REAL);
        this.qaCreator = batchProcessor.qaCreator();
        this.providers = providers;
        this.embeddingStage = new EmbeddingStage(store, providers, this::embeddingProfile, settings, embedPool, isClosing);
        this.reembedPool = Executors.newSingleThreadExecutor(new NamedThreads("reembed"));
        this.reembedder = new Reembedder(store, providers, embeddingStage, settings, embedPool, heartbeat, isClosing);
        this.intake = new JobIntake(store, payloads, settings, providers.ownProfile());
        this.runner = new JobRunner(store, settings, payloads, batchProcessor, embeddingStage, heartbeat, isClosing);
        this.control = new JobControl(store, settings, payloads, runner);
        this.callerBatches = new CallerBatches(store, settings, payloads, runner, batchProcessor);
    }

    /**
     * Starts the recovery sweeper of {@code collection} (of every collection for {@code null}), if
     * configured; called once the engine is fully built.
     */
    public Engine start(String collection) {
        if (recoveryInterval != null && !recoveryInterval.isZero()) {
            recovery = new Poller(collection, runner, embeddingStage, () -> reembedder.pickUp(collection, reembedPool), jobExecutor, maxConcurrentJobs,
                    recoveryInterval, shutdownTimeout, "recovery");
        }
        return this;
    }

    public int maxConcurrentJobs() {
        return maxConcurrentJobs;
    }

    public ImportStore store() {
        return store;
    }

    public BatchProcessor batchProcessor() {
        return callerBatches;
    }

    public QACreator qaCreator() {
        return qaCreator;
    }

    public EmbeddingTrigger embeddingTrigger() {
        return embeddingStage;
    }

    public EmbeddingStage embeddingStage() {
        return embeddingStage;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The profile the job's pairs are embedded with: that of the newest re-embedding that moved
     * them, else the one the job recorded, if any; empty too for an unknown job or options that
     * cannot be read.
     */
    public Optional<EmbeddingProfile> embeddingProfile(UUID jobId) {
        Optional<EmbeddingProfile> moved = reembedder.completedProfile(null, jobId);
        if (moved.isPresent()) {
            return moved;
        }
        Optional<String> options = store.jobs().options(jobId);
        if (options.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(OptionsCodec.decode(options.get()).embeddingProfile());
        } catch (ImportException e) {
            LOG.warn("job {}: {}; its pairs are embedded as if it had recorded no profile", jobId, e.getMessage());
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- starting and running

    /** Starts an import into the options' collection, or into {@code collection} when they name none. */
    public UUID startImport(String collection, Path file, ImportOptions options) {
        ensureOpen();
        return scheduled(intake.accept(file, in(collection, options)));
    }

    public UUID startImport(String collection, String filename, InputStream content, ImportOptions options) {
        ensureOpen();
        return scheduled(intake.accept(filename, content, in(collection, options)));
    }

    /** {@code options}, in {@code collection} unless they name one. */
    private static ImportOptions in(String collection, ImportOptions options) {
        Objects.requireNonNull(options, "options");
        return options.collection() != null ? options : options.toBuilder().collection(collection).build();
    }

    private UUID scheduled(UUID jobId) {
        if (autoStart) {
            scheduleImport(jobId);
        }
        return jobId;
    }

    public CompletableFuture<ImportJob> scheduleImport(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        ensureOpen();
        return runner.schedule(jobId, jobExecutor);
    }

    public ImportJob processImport(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        ensureOpen();
        return runner.processImport(jobId);
    }

    // ---------------------------------------------------------------- search and dry run

    public List<SearchHit> search(String collection, String query, int limit) {
        Objects.requireNonNull(query, "query");
        if (query.isBlank()) {
            throw new IllegalArgumentException("query is blank");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit < 1: " + limit);
        }
        return Searcher.search(store, collection, searchService(collection), query, limit, settings.observers());
    }

    /**
     * The provider search embeds the query with: one of the model every pair of the collection
     * moved to in its newest completed re-embedding, or this instance's own service when none did.
     * Until a re-embedding completes, the pairs keep their vectors, and search keeps finding them.
     */
    private EmbeddingService searchService(String collection) {
        Optional<EmbeddingProfile> moved = reembedder.completedProfile(collection, null);
        if (moved.isEmpty() || (embeddingService != null && embeddingService.profile().sameVectorsAs(moved.get()))) {
            return embeddingService;
        }
        return providers.forProfile(moved.get()).orElseThrow(() -> new ImportException(ErrorCodes.EMBEDDING,
                "the pairs of collection " + collection + " were re-embedded with " + moved.get().describe() + "; search needs a provider of it, and this instance "
                        + (embeddingService == null ? "has none" : "embeds with " + embeddingService.profile().describe())));
    }

    // ---------------------------------------------------------------- re-embedding

    /** Starts (or finds) a re-embedding and, when the instance starts work itself, schedules it here. */
    public UUID reembed(EmbeddingService target, String collection, UUID jobId) {
        ensureOpen();
        UUID id = reembedder.start(target, collection, jobId);
        if (autoStart) {
            scheduleReembedding(id);
        }
        return id;
    }

    public CompletableFuture<Reembedding> scheduleReembedding(UUID id) {
        Objects.requireNonNull(id, "id");
        ensureOpen();
        return CompletableFuture.supplyAsync(() -> reembedder.process(id, ProgressCallback.NONE), reembedPool);
    }

    public Reembedding processReembedding(UUID id, ProgressCallback onProgress) {
        Objects.requireNonNull(id, "id");
        ensureOpen();
        return reembedder.process(id, onProgress);
    }

    public Reembedder reembedder() {
        return reembedder;
    }

    public DryRunReport dryRun(String collection, String filename, InputStream content, ImportOptions options, int maxErrors,
            Consumer<RowError> onError) {
        Objects.requireNonNull(content, "content");
        options = in(collection, options);
        Objects.requireNonNull(onError, "onError");
        if (maxErrors < 0) {
            throw new IllegalArgumentException("maxErrors < 0: " + maxErrors);
        }
        return batchProcessor.dryRun(JobIntake.displayName(filename), content, options, maxErrors, onError);
    }

    // ---------------------------------------------------------------- workers and recovery

    /** Starts polling for claimable jobs and pending embeddings of {@code collection}, or of every collection for {@code null}. */
    public Worker startWorker(String collection, int parallelJobs, Duration pollInterval) {
        ensureOpen();
        return new Poller(collection, runner, embeddingStage, () -> reembedder.pickUp(collection, reembedPool), jobExecutor,
                parallelJobs, pollInterval, shutdownTimeout, "worker");
    }

    /**
     * Claims and runs, in the calling thread and one after another, every job of
     * {@code collection} (of every collection for {@code null}) that can be claimed now: pending
     * jobs and jobs whose worker's lease has expired. Returns them as they ended.
     */
    public List<ImportJob> recover(String collection) {
        ensureOpen();
        return runner.recover(collection);
    }

    // ---------------------------------------------------------------- observing and cancelling

    public boolean cancel(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return control.cancel(jobId);
    }

    /**
     * Reopens a {@code FAILED} or {@code CANCELLED} job so that it continues after its last
     * committed row; it is scheduled here when the instance starts jobs itself, otherwise a
     * worker picks it up.
     *
     * @throws ImportException {@code NOT_FOUND} for an unknown job, {@code ILLEGAL_STATE} for a job
     *                         that is not failed or cancelled, {@code PAYLOAD} if its upload is gone
     */
    public ImportJob retry(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        ensureOpen();
        ImportJob reopened = control.reopen(jobId);
        scheduled(jobId);
        return reopened;
    }

    public ImportJob awaitJob(UUID jobId, Duration timeout) {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(timeout, "timeout");
        return control.await(jobId, timeout);
    }

    /** Throws {@code ILLEGAL_STATE} once the instance is closing. */
    public void ensureOpen() {
        if (closing) {
            throw new ImportException(ErrorCodes.ILLEGAL_STATE, "this QaImport is closed");
        }
    }

    // ---------------------------------------------------------------- shutdown

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        Poller r = recovery;
        if (r != null) {
            r.close();
        }
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        // Running jobs stop after their current batch, embedding runs (retryPending, triggerForJob,
        // sweeps) after their requests in flight: wait for both before their threads go.
        boolean jobsDone = runner.awaitNoneRunning(deadline);
        boolean embeddingsDone = embeddingStage.awaitNoActiveRuns(deadline);
        boolean reembeddingsDone = reembedder.awaitNoActiveRuns(deadline);
        if (!jobsDone) {
            LOG.warn("{} job(s) still running after {}; their leases will expire and another worker will resume them",
                    runner.runningCount(), shutdownTimeout);
        }
        if (!embeddingsDone) {
            LOG.warn("{} embedding run(s) still going after {}; their claims will expire", embeddingStage.activeRuns(), shutdownTimeout);
        }
        if (!reembeddingsDone) {
            LOG.warn("a re-embedding is still going after {}; its lease will expire and another process will resume it", shutdownTimeout);
        }
        if (ownJobExecutor != null) {
            ownJobExecutor.shutdownNow();
        }
        reembedPool.shutdownNow();
        preparePool.shutdownNow();
        embedPool.shutdownNow();
        heartbeat.shutdownNow();
    }

    @Override
    public String toString() {
        return "workerId=" + settings.workerId() + ", batchSize=" + settings.batchSize() + ", payloads=" + payloads.current().name()
                + ", embeddings=" + (embeddingService == null ? "none" : embeddingService.describe());
    }
}
