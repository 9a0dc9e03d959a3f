package dev.qaimport;

import dev.qaimport.embed.internal.Providers;
import dev.qaimport.jobs.internal.Engine;
import dev.qaimport.internal.Observers;
import dev.qaimport.internal.Settings;
import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.EmbeddingResult;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportCounts;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.Reembedding;
import dev.qaimport.model.RowError;
import dev.qaimport.model.SourceType;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.spi.EmbeddingServices;
import dev.qaimport.spi.ImportObserver;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.PayloadStore;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The entry point of qa-import: wires storage, parsing, validation, batching, embeddings, leases
 * and recovery, built by hand with {@link #builder()}. Thread-safe; one instance per process is
 * usually enough. Closing it stops running jobs after their current batch, releases their leases
 * so that another worker can resume them at once, and shuts down the threads it created (never an
 * executor the caller passed in).
 *
 * <p>An instance works in one collection (knowledge base): the one it was built with, else
 * {@link CollectionName#DEFAULT}. {@link #inCollection} gives the same instance working in another
 * one; jobs, pairs and re-embeddings of other collections are invisible to it.
 *
 * <pre>{@code
 * try (QaImport qa = QaImport.builder()
 *         .store(JdbcImportStore.create(dataSource))
 *         .embeddingService(openAi)          // optional
 *         .build()) {
 *     UUID jobId = qa.startImport(Path.of("faq.csv"), null);
 *     ImportJob job = qa.awaitJob(jobId, Duration.ofMinutes(5));
 * }
 * }</pre>
 */
public final class QaImport implements ImportService, AutoCloseable {
    private final Engine engine;
    /** The collection this instance was given, or {@code null}: then {@code default}, and every collection for workers. */
    private final String collection;
    /** Whether this is the instance that owns the engine, rather than a view of another collection. */
    private final boolean owner;

    private QaImport(Engine engine, String collection, boolean owner) {
        this.engine = engine;
        this.collection = collection;
        this.owner = owner;
    }

    /**
     * The same instance working in collection {@code name}: its imports, listings, search, job
     * control, re-embeddings, workers and {@link #recover()} act on that collection only, and
     * jobs, pairs and re-embeddings of other collections are to it as if they did not exist. It
     * shares this instance's threads and store; closing it does nothing (close this instance).
     *
     * @throws IllegalArgumentException for a name {@link CollectionName#check} refuses
     */
    public QaImport inCollection(String name) {
        return new QaImport(engine, CollectionName.check(name), false);
    }

    /** The collection this instance works in: the one it was built or viewed with, else {@link CollectionName#DEFAULT}. */
    public String collection() {
        return collection != null ? collection : CollectionName.DEFAULT;
    }

    /** The job, if it exists in this instance's collection. */
    private Optional<ImportJob> jobHere(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return engine.store().jobs().find(jobId).filter(j -> j.collection().equals(collection()));
    }

    /** Throws {@code NOT_FOUND}, as for an unknown job, unless the job is in this instance's collection. */
    private UUID requireHere(UUID jobId) {
        if (jobHere(jobId).isEmpty()) {
            throw new ImportException(ErrorCodes.NOT_FOUND, "no import job with id " + jobId + " in collection " + collection());
        }
        return jobId;
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public UUID startImport(Path file, SourceType sourceType) {
        return engine.startImport(collection(), file, ImportOptions.builder().sourceType(sourceType).build());
    }

    /** Streams the file at {@code file} into a new job read with {@code options}. */
    public UUID startImport(Path file, ImportOptions options) {
        return engine.startImport(collection(), file, options);
    }

    @Override
    public UUID startImport(String filename, InputStream content, ImportOptions options) {
        return engine.startImport(collection(), filename, content, options);
    }

    @Override
    public ImportJob processImport(UUID jobId) {
        engine.ensureOpen();
        return engine.processImport(requireHere(jobId));
    }

    @Override
    public CompletableFuture<ImportJob> scheduleImport(UUID jobId) {
        engine.ensureOpen();
        return engine.scheduleImport(requireHere(jobId));
    }

    @Override
    public Optional<ImportJob> getJob(UUID jobId) {
        return jobHere(jobId);
    }

    @Override
    public List<RowError> getErrors(UUID jobId, long afterRow, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit < 1: " + limit);
        }
        return jobHere(jobId).isEmpty() ? List.of() : engine.store().queries().errors(jobId, afterRow, limit);
    }

    @Override
    public List<ImportJob> recentJobs(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit < 1: " + limit);
        }
        return engine.store().jobs().recent(collection(), limit);
    }

    /**
     * The pairs a job last wrote, in file order: up to {@code limit} of them whose row comes after
     * {@code afterRow} (0 for the first page). A pair a later job updated (duplicate policy
     * {@code UPDATE}) is listed with that job.
     */
    public List<QAPair> getPairs(UUID jobId, long afterRow, int limit) {
        Objects.requireNonNull(jobId, "jobId");
        if (limit < 1) {
            throw new IllegalArgumentException("limit < 1: " + limit);
        }
        return jobHere(jobId).isEmpty() ? List.of() : engine.store().queries().pairsOfJob(jobId, afterRow, limit);
    }

    /**
     * How the job's pairs are to be embedded, as recorded when it started: empty for an unknown
     * job or one that recorded nothing (started where no provider was configured), which any
     * provider may embed; {@link EmbeddingProfile#none()} for a job that asked for no embeddings.
     */
    public Optional<EmbeddingProfile> getEmbeddingProfile(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return jobHere(jobId).isEmpty() ? Optional.empty() : engine.embeddingProfile(jobId);
    }

    /**
     * Jobs of this instance's collection some worker is processing now (status
     * {@code PROCESSING}), in this process or another, oldest first, with their lease owner and
     * expiry; up to {@code limit} of them.
     */
    public List<ImportJob> processingJobs(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit < 1: " + limit);
        }
        // No lease lasts a century: the stale query with that bound lists every job being processed.
        return engine.store().jobs().findStale(collection(), engine.settings().clock().instant().plus(Duration.ofDays(36_500)), limit);
    }

    /**
     * How much work this instance's collection has now: jobs queued, running and stale (their
     * worker died), and pairs waiting for embeddings. Reads the database on every call; cache it
     * when it is polled often.
     *
     * @throws UnsupportedOperationException when the store cannot count
     */
    public ImportCounts counts() {
        return engine.store().queries().counts(collection(), engine.settings().clock().instant());
    }

    /**
     * Registers {@code observer} to hear, from now on, of the committed batches, finished jobs,
     * embedding commits and provider requests of this instance, in every collection (a view made
     * with {@link #inCollection} registers with the instance it views). Thread-safe; registering
     * one twice does nothing. Meant for metrics: see the {@code import-micrometer} module.
     */
    public void addObserver(ImportObserver observer) {
        engine.settings().observers().add(observer);
    }

    /** Stops telling {@code observer}; returns whether it was registered. Thread-safe. */
    public boolean removeObserver(ImportObserver observer) {
        return engine.settings().observers().remove(observer);
    }

    @Override
    public boolean cancel(UUID jobId) {
        return jobHere(jobId).isPresent() && engine.cancel(jobId);
    }

    @Override
    public ImportJob retry(UUID jobId) {
        engine.ensureOpen();
        return engine.retry(requireHere(jobId));
    }

    /**
     * Waits until the job reaches a terminal state and returns it, or returns it as it is when
     * {@code timeout} passes first.
     *
     * @throws ImportException {@code NOT_FOUND} for an unknown job
     */
    public ImportJob awaitJob(UUID jobId, Duration timeout) {
        return engine.awaitJob(requireHere(jobId), timeout);
    }

    /** The batch processor this instance uses. */
    public BatchProcessor batchProcessor() {
        return engine.batchProcessor();
    }

    /** The QA creator this instance uses. */
    public QACreator qaCreator() {
        return engine.qaCreator();
    }

    /** The embedding stage this instance uses. */
    public EmbeddingTrigger embeddingTrigger() {
        return engine.embeddingTrigger();
    }

    /**
     * Embeds the pending pairs of a job again; for {@code null}, those of every job of this
     * instance's collection, or of every collection when the instance was given none (as workers
     * and {@link #recover()} do).
     */
    public EmbeddingResult retryPending(UUID jobId) {
        if (jobId == null) {
            return engine.embeddingStage().sweep(collection, () -> false);
        }
        return engine.embeddingTrigger().retryPending(requireHere(jobId));
    }

    /** Puts a job's failed pairs back to pending and embeds them. */
    public EmbeddingResult retryFailed(UUID jobId) {
        return engine.embeddingTrigger().retryFailed(requireHere(jobId));
    }

    /**
     * Starts a worker that polls every second for claimable jobs (pending ones, and processing
     * ones whose worker died), pending embeddings and unfinished re-embeddings, running up to the
     * builder's {@code maxConcurrentJobs} jobs at once: those of this instance's collection when it
     * was given one (by the builder or {@link #inCollection}), else of every collection.
     */
    public Worker startWorker() {
        return engine.startWorker(collection, engine.maxConcurrentJobs(), Duration.ofSeconds(1));
    }

    /**
     * Starts a worker, as {@link #startWorker()}, running up to {@code parallelJobs} jobs at once
     * and polling every {@code pollInterval}.
     */
    public Worker startWorker(int parallelJobs, Duration pollInterval) {
        if (parallelJobs < 1) {
            throw new IllegalArgumentException("parallelJobs < 1: " + parallelJobs);
        }
        Objects.requireNonNull(pollInterval, "pollInterval");
        return engine.startWorker(collection, parallelJobs, pollInterval);
    }

    /**
     * Claims and runs, in the calling thread, every job that can be claimed now: pending jobs and
     * jobs whose worker's lease has expired, each resumed after its last committed batch; those of
     * this instance's collection when it was given one, else of every collection. Returns the jobs
     * as they ended. Jobs whose worker still holds a valid lease are left alone.
     */
    public List<ImportJob> recover() {
        return engine.recover(collection);
    }

    /**
     * The {@code limit} pairs whose embeddings are closest to the query's (cosine similarity),
     * best first. Needs an embedding service; only pairs embedded with the same model count. Once
     * a re-embedding of every pair completed, the query is embedded with a provider of its model
     * (this instance's own service, or one its {@code embeddingServices} finds).
     */
    public List<SearchHit> search(String query, int limit) {
        return engine.search(collection(), query, limit);
    }

    /**
     * Starts moving the pairs of a job, or every pair for {@code jobId} {@code null}, to the
     * vectors of {@code target}, and returns the re-embedding's id at once; it runs in the
     * background here when the instance starts work itself ({@code autoStart}), and any instance
     * with a provider of the target's profile and a recovery sweep or worker takes it up
     * otherwise, or after a crash, where it stopped. The pairs keep their vectors, and search
     * keeps finding them, until every pair of the scope has one of the new model; then all switch
     * in one transaction, and search and the jobs' later embeddings use the new model. Vectors of
     * the new model already in the cache for the same text are reused. The new vectors are of the
     * text this instance's {@code embeddingInput} renders. At most one re-embedding is unfinished
     * at a time: starting the same one again returns its id.
     *
     * @throws ImportException {@code NOT_FOUND} for an unknown job, {@code ILLEGAL_STATE} while a
     *                         different re-embedding is unfinished or when the store cannot re-embed
     */
    public UUID reembed(EmbeddingService target, UUID jobId) {
        return engine.reembed(target, collection(), jobId);
    }

    /**
     * Works on a re-embedding in the calling thread, reporting its pairs done out of its total to
     * {@code onProgress}, until it completes, stops on a problem (an outage: it goes on later) or
     * the instance closes; returns it as it then stands. One another process holds is returned as
     * it is.
     *
     * @throws ImportException {@code NOT_FOUND} for an unknown id, {@code EMBEDDING} when this
     *                         instance has no provider of its profile
     */
    public Reembedding processReembedding(UUID reembeddingId, ProgressCallback onProgress) {
        return engine.processReembedding(requireReembeddingHere(reembeddingId), onProgress);
    }

    /** A re-embedding as stored, with its progress. */
    public Optional<Reembedding> getReembedding(UUID reembeddingId) {
        Objects.requireNonNull(reembeddingId, "reembeddingId");
        return engine.reembedder().find(reembeddingId).filter(r -> r.collection().equals(collection()));
    }

    /** The newest re-embeddings first, at most {@code limit}. */
    public List<Reembedding> recentReembeddings(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit < 1: " + limit);
        }
        return engine.reembedder().recent(collection(), limit);
    }

    /** Waits until the re-embedding completes or is cancelled, or {@code timeout} passes, and returns it. */
    public Reembedding awaitReembedding(UUID reembeddingId, Duration timeout) {
        Objects.requireNonNull(reembeddingId, "reembeddingId");
        Objects.requireNonNull(timeout, "timeout");
        return engine.reembedder().await(requireReembeddingHere(reembeddingId), timeout);
    }

    /**
     * Cancels an unfinished re-embedding: what it staged is dropped and the pairs keep their
     * vectors. A process working on it stops at its next commit.
     *
     * @return whether it was unfinished
     */
    public boolean cancelReembedding(UUID reembeddingId) {
        return getReembedding(reembeddingId).isPresent() && engine.reembedder().cancel(reembeddingId);
    }

    private UUID requireReembeddingHere(UUID reembeddingId) {
        if (getReembedding(reembeddingId).isEmpty()) {
            throw new ImportException(ErrorCodes.NOT_FOUND, "no re-embedding with id " + reembeddingId + " in collection " + collection());
        }
        return reembeddingId;
    }

    /**
     * Reads and validates {@code content} exactly as an import would and reports what it would
     * create, update, skip and reject, writing nothing. Every row error goes to {@code onError};
     * the report keeps the first {@code maxErrors}.
     */
    public DryRunReport dryRun(String filename, InputStream content, ImportOptions options, int maxErrors,
            java.util.function.Consumer<RowError> onError) {
        return engine.dryRun(collection(), filename, content, options, maxErrors, onError);
    }

    /**
     * Stops running jobs after their current batch, releases their leases, waits up to the
     * configured shutdown timeout for them, and shuts down the threads this instance created.
     */
    @Override
    public void close() {
        if (owner) {
            engine.close();
        }
    }

    @Override
    public String toString() {
        return "QaImport{collection=" + collection() + ", " + engine + "}";
    }

    /**
     * Builds a {@link QaImport}. Only {@link #store} is required; everything else has a default
     * listed on its method. Not thread-safe.
     */
    public static final class Builder {
        private ImportStore store;
        private PayloadStore payloadStore;
        private EmbeddingService embeddingService;
        private EmbeddingServices embeddingServices = EmbeddingServices.NONE;
        private boolean followJobProfiles = true;
        private String collection;
        private Executor executor;
        private int maxConcurrentJobs = 2;
        private int batchSize = 50;
        private Limits limits = Limits.defaults();
        private dev.qaimport.spi.SheetReader sheetReader = dev.qaimport.spi.SheetReader.NONE;
        private DuplicatePolicy duplicatePolicy = DuplicatePolicy.SKIP;
        private AnswerFormat answerFormat = AnswerFormat.BASIC_HTML;
        private EmbeddingInput embeddingInput = EmbeddingInput.questionAndAnswer();
        private Clock clock = Clock.systemUTC();
        private ImportListener listener = ImportListener.NONE;
        private String workerId;
        private Duration leaseDuration = Duration.ofSeconds(60);
        private int maxAttempts = 3;
        private int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());
        private Duration embeddingClaimTtl = Duration.ofMinutes(10);
        private boolean keepPayloads;
        private boolean autoStart = true;
        private Duration recoveryInterval = Duration.ofSeconds(30);
        private boolean verifyOnBuild = true;
        private Duration shutdownTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The storage (required), for example {@code JdbcImportStore.create(dataSource)}. */
        public Builder store(ImportStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The collection (knowledge base) the instance works in: its imports go there unless their
         * options name another, and its listings, search, job control and re-embeddings see only
         * that collection (use {@link QaImport#inCollection} for others). Default: none given, which
         * means {@link CollectionName#DEFAULT} for all of that, while its workers,
         * {@link QaImport#recover()} and its recovery sweep serve every collection. Given here, they
         * serve this one only.
         *
         * @throws IllegalArgumentException for a name {@link CollectionName#check} refuses
         */
        public Builder collection(String collection) {
            this.collection = CollectionName.check(collection);
            return this;
        }

        /** Where uploads are kept; default: in the database, through {@link ImportStore#databasePayloads()}. */
        public Builder payloadStore(PayloadStore payloadStore) {
            this.payloadStore = Objects.requireNonNull(payloadStore, "payloadStore");
            return this;
        }

        /**
         * The embedding provider; default none: pairs stay {@code PENDING} until a provider is
         * configured. Its {@link EmbeddingService#profile() profile} is recorded with every job
         * started here (unless the job's options name another), and it embeds the jobs whose
         * recorded profile it matches and those that recorded none.
         */
        public Builder embeddingService(EmbeddingService embeddingService) {
            this.embeddingService = embeddingService;
            return this;
        }

        /**
         * Providers for jobs that recorded a profile the {@link #embeddingService} does not match,
         * for example a worker serving jobs imported with different models; default none: such
         * jobs' pairs stay pending, and the job's embedding message names the profile they wait for.
         */
        public Builder embeddingServices(EmbeddingServices embeddingServices) {
            this.embeddingServices = Objects.requireNonNull(embeddingServices, "embeddingServices");
            return this;
        }

        /**
         * Whether a job's pairs are embedded only by a provider of the profile the job recorded
         * (default {@code true}). {@code false} embeds every job's pairs with the
         * {@link #embeddingService}, whatever the job asked for, even no embeddings: for a caller
         * that names its provider on purpose. The job's input template is used either way.
         */
        public Builder followJobProfiles(boolean followJobProfiles) {
            this.followJobProfiles = followJobProfiles;
            return this;
        }

        /**
         * The executor that runs background jobs; default: a pool of {@link #maxConcurrentJobs}
         * threads owned (and shut down) by the {@link QaImport}. An executor passed here is never
         * shut down by qa-import.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Jobs run at once by the default executor; default 2. */
        public Builder maxConcurrentJobs(int maxConcurrentJobs) {
            if (maxConcurrentJobs < 1) {
                throw new IllegalArgumentException("maxConcurrentJobs < 1: " + maxConcurrentJobs);
            }
            this.maxConcurrentJobs = maxConcurrentJobs;
            return this;
        }

        /** Rows per transaction; default 50. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize < 1: " + batchSize);
            }
            if (batchSize > 10_000) {
                throw new IllegalArgumentException("batchSize > 10000: " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * How {@code .xlsx} workbooks are read, for example {@code XlsxSheetReader.create()} from the
         * {@code import-xlsx} module; default {@link dev.qaimport.spi.SheetReader#NONE}, which refuses them.
         */
        public Builder sheetReader(dev.qaimport.spi.SheetReader sheetReader) {
            this.sheetReader = Objects.requireNonNull(sheetReader, "sheetReader");
            return this;
        }

        /** Input limits and field rules; default {@link Limits#defaults()}. */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** What to do with duplicate questions unless a job says otherwise; default {@code SKIP}. */
        public Builder duplicatePolicy(DuplicatePolicy duplicatePolicy) {
            this.duplicatePolicy = Objects.requireNonNull(duplicatePolicy, "duplicatePolicy");
            return this;
        }

        /** How answers are sanitized unless a job says otherwise; default {@code BASIC_HTML}. */
        public Builder answerFormat(AnswerFormat answerFormat) {
            this.answerFormat = Objects.requireNonNull(answerFormat, "answerFormat");
            return this;
        }

        /** Which text of a pair is embedded; default {@link EmbeddingInput#questionAndAnswer()}. */
        public Builder embeddingInput(EmbeddingInput embeddingInput) {
            this.embeddingInput = Objects.requireNonNull(embeddingInput, "embeddingInput");
            return this;
        }

        /** The time source; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Hears about progress and finished jobs; default none. */
        public Builder listener(ImportListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** This process's id in leases; default {@code <host>-<pid>-<random>}. */
        public Builder workerId(String workerId) {
            if (workerId == null || workerId.isBlank()) {
                throw new IllegalArgumentException("workerId is blank");
            }
            if (workerId.length() > 100) {
                throw new IllegalArgumentException("workerId longer than 100 characters: " + workerId.length());
            }
            this.workerId = workerId;
            return this;
        }

        /**
         * How long a job lease lasts without renewal; default 60 s. A crashed worker's job is
         * resumed by another worker once this has passed; the lease is renewed with every batch and
         * every third of this duration.
         */
        public Builder leaseDuration(Duration leaseDuration) {
            Objects.requireNonNull(leaseDuration, "leaseDuration");
            if (leaseDuration.compareTo(Duration.ofMillis(100)) < 0) {
                throw new IllegalArgumentException("leaseDuration < 100ms: " + leaseDuration);
            }
            this.leaseDuration = leaseDuration;
            return this;
        }

        /** Claims of one job before recovery gives up and fails it; default 3. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts < 1: " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Threads that sanitize and validate rows; default the number of processors. */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism < 1: " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** How long pairs claimed for embedding stay reserved for this worker; default 10 min. */
        public Builder embeddingClaimTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "embeddingClaimTtl");
            if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("embeddingClaimTtl < 1s: " + ttl);
            }
            this.embeddingClaimTtl = ttl;
            return this;
        }

        /** Whether uploads are kept after a job ends; default {@code false} (deleted). */
        public Builder keepPayloads(boolean keepPayloads) {
            this.keepPayloads = keepPayloads;
            return this;
        }

        /**
         * Whether {@code startImport} also schedules the job on this instance's executor; default
         * {@code true}. Turn it off when separate worker processes do the work.
         */
        public Builder autoStart(boolean autoStart) {
            this.autoStart = autoStart;
            return this;
        }

        /**
         * How often this instance looks for jobs to recover: pending jobs nobody runs and jobs whose
         * worker died (lease expired), which it resumes from their last committed batch, plus pairs
         * still waiting for embeddings. It also looks once at start-up. Default 30 s;
         * {@link Duration#ZERO} turns recovery off (for example in a command-line run that should
         * only do its own job).
         */
        public Builder recoveryInterval(Duration recoveryInterval) {
            Objects.requireNonNull(recoveryInterval, "recoveryInterval");
            if (recoveryInterval.isNegative()) {
                throw new IllegalArgumentException("recoveryInterval < 0: " + recoveryInterval);
            }
            this.recoveryInterval = recoveryInterval;
            return this;
        }

        /** Whether {@link #build()} checks that the store is reachable and its schema installed; default {@code true}. */
        public Builder verifyOnBuild(boolean verifyOnBuild) {
            this.verifyOnBuild = verifyOnBuild;
            return this;
        }

        /** How long {@link QaImport#close()} waits for running jobs to stop; default 30 s. */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
            if (shutdownTimeout.isNegative()) {
                throw new IllegalArgumentException("shutdownTimeout < 0: " + shutdownTimeout);
            }
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /**
         * Builds the instance.
         *
         * @throws IllegalStateException when no store was given
         * @throws ImportException       with code {@code STORAGE} when the store is unusable
         */
        public QaImport build() {
            if (store == null) {
                throw new IllegalStateException("store is required: call store(JdbcImportStore.create(dataSource)) or similar");
            }
            if (verifyOnBuild) {
                store.verify();
            }
            String id = workerId != null ? workerId : defaultWorkerId();
            Settings settings = new Settings(batchSize, limits, duplicatePolicy, answerFormat, embeddingInput, clock, listener,
                    id, leaseDuration, maxAttempts, parallelism, embeddingClaimTtl, keepPayloads, new Observers(), sheetReader);
            return new QaImport(new Engine(store, payloadStore != null ? payloadStore : store.databasePayloads(),
                    new Providers(embeddingService, embeddingServices, followJobProfiles), executor, maxConcurrentJobs, autoStart, recoveryInterval, shutdownTimeout, settings).start(collection),
                    collection, true);
        }

        private static String defaultWorkerId() {
            String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
            String random = UUID.randomUUID().toString().substring(0, 8);
            String id = runtime + "-" + random;
            return id.length() > 100 ? id.substring(0, 100) : id;
        }
    }
}
