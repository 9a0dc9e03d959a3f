package dev.qaimport.internal;

import dev.qaimport.BatchProcessor;
import dev.qaimport.EmbeddingTrigger;
import dev.qaimport.ImportException;
import dev.qaimport.ImportListener;
import dev.qaimport.ImportOptions;
import dev.qaimport.ProgressCallback;
import dev.qaimport.QACreator;
import dev.qaimport.Worker;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.SourceType;
import dev.qaimport.parse.RecordReader;
import dev.qaimport.parse.RecordReaders;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.NewJob;
import dev.qaimport.spi.PayloadStore;
import dev.qaimport.spi.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a {@link dev.qaimport.QaImport} does, behind its small public face: storing uploads,
 * running jobs under leases with heartbeats, the pipeline, the embedding stage and shutdown.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final ImportStore store;
    private final PayloadStore payloadStore;
    private final EmbeddingService embeddingService;
    private final Settings settings;
    private final boolean autoStart;
    private final int maxConcurrentJobs;
    private final Duration shutdownTimeout;
    private final Executor jobExecutor;
    private final ExecutorService ownJobExecutor;
    private final ExecutorService preparePool;
    private final ExecutorService embedPool;
    private final ScheduledExecutorService heartbeat;
    private final PipelineBatchProcessor batchProcessor;
    private final DefaultQACreator qaCreator;
    private final EmbeddingStage embeddingStage;
    private final Map<UUID, RunningJob> running = new ConcurrentHashMap<>();
    private final Duration recoveryInterval;
    private volatile Poller recovery;
    private volatile boolean closing;

    /** Wires the parts; called by {@link dev.qaimport.QaImport.Builder#build()}. */
    public Engine(ImportStore store, PayloadStore payloadStore, EmbeddingService embeddingService, Executor executor,
            int maxConcurrentJobs, boolean autoStart, Duration recoveryInterval, Duration shutdownTimeout, Settings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.payloadStore = Objects.requireNonNull(payloadStore, "payloadStore");
        this.embeddingService = embeddingService;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.autoStart = autoStart;
        this.maxConcurrentJobs = maxConcurrentJobs;
        this.shutdownTimeout = shutdownTimeout;
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
        this.batchProcessor = new PipelineBatchProcessor(store, settings, preparePool, Sleeper.REAL);
        this.qaCreator = new DefaultQACreator(store, batchProcessor.context(ImportOptions.defaults()).preparer(), settings);
        this.embeddingStage = new EmbeddingStage(store, embeddingService, settings, embedPool, () -> closing);
        this.recoveryInterval = recoveryInterval;
    }

    /** Starts the recovery sweeper, if configured; called once the engine is fully built. */
    public Engine start() {
        if (recoveryInterval != null && !recoveryInterval.isZero()) {
            recovery = new Poller(this, jobExecutor, maxConcurrentJobs, recoveryInterval, shutdownTimeout, "recovery");
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
        return batchProcessor;
    }

    public QACreator qaCreator() {
        return qaCreator;
    }

    public EmbeddingTrigger embeddingTrigger() {
        return embeddingStage;
    }

    public Settings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- starting

    public UUID startImport(Path file, ImportOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        try (InputStream in = Files.newInputStream(file)) {
            return startImport(String.valueOf(file.getFileName()), in, options);
        } catch (NoSuchFileException e) {
            throw new ImportException(ErrorCodes.PAYLOAD, "file not found: " + file, e);
        } catch (IOException e) {
            throw new ImportException(ErrorCodes.PAYLOAD, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public UUID startImport(String filename, InputStream content, ImportOptions options) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(options, "options");
        ensureOpen();
        String name = displayName(filename);
        SourceType type = options.sourceType() != null ? options.sourceType()
                : SourceType.fromFilename(name).orElseThrow(() -> new ImportException(ErrorCodes.UNSUPPORTED_FORMAT,
                        name + ": cannot tell the format from the file name; name it .csv, .tsv, .json or .jsonl, or pass the format"));
        ImportOptions stored = options.toBuilder().sourceType(type).build();
        UUID id = Ids.next();
        long bytes;
        try {
            bytes = payloadStore.write(id, new LimitedInputStream(content, settings.limits().maxFileBytes()));
        } catch (UncheckedIOException e) {
            throw new ImportException(ErrorCodes.PAYLOAD, name + ": cannot store the upload: " + e.getCause().getMessage(), e);
        } catch (StoreException e) {
            // The database failed: say which upload, and keep whether it is worth retrying.
            throw new StoreException(e.kind(), name + ": " + e.getMessage(), e);
        } catch (ImportException e) {
            // Too large, or the payload store failed: say which upload.
            throw new ImportException(e.code(), name + ": " + e.getMessage(), e);
        }
        try {
            store.jobs().insert(new NewJob(id, name, type, OptionsCodec.encode(stored), payloadStore.name(), bytes,
                    settings.clock().instant()));
        } catch (RuntimeException e) {
            payloadStore.delete(id);
            throw e;
        }
        LOG.info("job {} created for {} ({} bytes, {})", id, name, bytes, type);
        if (autoStart) {
            scheduleImport(id);
        }
        return id;
    }

    private static String displayName(String filename) {
        if (filename == null || filename.isBlank()) {
            return "upload";
        }
        StringBuilder sb = new StringBuilder(Math.min(filename.length(), 255));
        filename.codePoints().filter(cp -> !Character.isISOControl(cp)).limit(255).forEach(sb::appendCodePoint);
        String s = sb.toString().strip();
        return s.isEmpty() ? "upload" : s;
    }

    // ---------------------------------------------------------------- running

    public CompletableFuture<ImportJob> scheduleImport(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        ensureOpen();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return processImport(jobId);
            } catch (ImportException e) {
                if (!ErrorCodes.ILLEGAL_STATE.equals(e.code())) {
                    LOG.warn("job {} could not run: {}", jobId, e.getMessage());
                    throw e;
                }
                // Another worker (or this instance's sweeper) claimed it first, or it was cancelled.
                LOG.debug("job {} not run here: {}", jobId, e.getMessage());
                return store.jobs().find(jobId).orElseThrow(() -> notFound(jobId));
            }
        }, jobExecutor);
    }

    public ImportJob processImport(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        ensureOpen();
        ImportJob job = store.jobs().find(jobId).orElseThrow(() -> notFound(jobId));
        Instant now = settings.clock().instant();
        Optional<JobLease> lease = store.jobs().claim(jobId, settings.workerId(), now, now.plus(settings.leaseDuration()));
        if (lease.isEmpty()) {
            ImportJob current = store.jobs().find(jobId).orElse(job);
            if (current.status().isTerminal()) {
                throw new ImportException(ErrorCodes.ILLEGAL_STATE, "job " + jobId + " is already " + current.status());
            }
            throw new ImportException(ErrorCodes.ILLEGAL_STATE, "job " + jobId + " is being processed by worker "
                    + current.leaseOwner() + " (lease until " + current.leaseExpiresAt() + ")");
        }
        return run(lease.get());
    }

    /** Runs a job this worker has claimed, to its end or until it must stop. */
    ImportJob run(JobLease lease) {
        RunningJob rj = new RunningJob(lease);
        running.put(lease.jobId(), rj);
        long period = Math.max(50, settings.leaseDuration().toMillis() / 3);
        rj.heartbeat = heartbeat.scheduleAtFixedRate(() -> beat(rj), period, period, TimeUnit.MILLISECONDS);
        try {
            return new JobRun(rj).execute();
        } finally {
            rj.heartbeat.cancel(false);
            running.remove(lease.jobId());
            store.jobs().find(lease.jobId()).ifPresent(j -> Listeners.safely(() -> settings.listener().onJobFinished(j)));
        }
    }

    private void beat(RunningJob rj) {
        try {
            Instant now = settings.clock().instant();
            if (!store.jobs().renew(rj.lease, now, now.plus(settings.leaseDuration()))) {
                rj.leaseLost = true;
                return;
            }
            store.jobs().find(rj.lease.jobId()).ifPresent(j -> {
                if (j.cancelRequested()) {
                    rj.cancelRequested = true;
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("heartbeat of job {} failed: {}", rj.lease.jobId(), e.getMessage());
        }
    }

    /** One execution of one job under one lease. */
    private final class JobRun {
        private final RunningJob rj;
        private final JobLease lease;

        JobRun(RunningJob rj) {
            this.rj = rj;
            this.lease = rj.lease;
        }

        ImportJob execute() {
            UUID jobId = lease.jobId();
            ImportJob job = store.jobs().find(jobId).orElseThrow(() -> notFound(jobId));
            if (lease.countedAttempts() > settings.maxAttempts()) {
                return finish(JobStatus.FAILED, ErrorCodes.ATTEMPTS_EXHAUSTED + ": " + job.filename() + ": gave up after "
                        + settings.maxAttempts() + " attempts (the job's workers kept stopping before it finished); the "
                        + job.processedRows() + " rows committed are kept, and retry(jobId) continues after them", job.totalRows(), true);
            }
            long totalRows = job.totalRows();
            try {
                if (!(totalRows >= 0 && job.processedRows() >= totalRows)) {
                    PipelineBatchProcessor.Outcome outcome = importRows(job);
                    totalRows = outcome.totalRows;
                    switch (outcome.stop) {
                        case LEASE_LOST:
                            // Usually a no-op (another worker holds the job). When the lease is still ours and the
                            // database only lost some of our commits, this hands the job back for a resume at once.
                            release();
                            return current();
                        case SHUTDOWN:
                            if (rj.leaseLost) {
                                return current();
                            }
                            if (rj.cancelRequested) {
                                return finish(JobStatus.CANCELLED, null, -1);
                            }
                            release();
                            return current();
                        case CANCELLED:
                            return finish(JobStatus.CANCELLED, null, -1);
                        default:
                            break;
                    }
                }
                store.afterBulkWrite(store.jobs().find(jobId).map(ImportJob::successCount).orElse(0L));
                if (embeddingStage.enabled()) {
                    embeddingStage.forJob(jobId, ProgressCallback.NONE, this::mustStop);
                    if (rj.leaseLost) {
                        return current();
                    }
                    if (closing || rj.stopRequested) {
                        release();
                        return current();
                    }
                    if (rj.cancelRequested) {
                        return finish(JobStatus.CANCELLED, null, totalRows);
                    }
                }
                return finish(JobStatus.COMPLETED, null, totalRows);
            } catch (LeaseLostException e) {
                LOG.warn("{}", e.getMessage());
                return current();
            } catch (StoreException e) {
                if (e.kind() == StoreException.Kind.TRANSIENT) {
                    return databaseUnavailable(job, e);
                }
                return failSafely(job, e);
            } catch (ImportException e) {
                return failSafely(job, e);
            } catch (RuntimeException e) {
                LOG.error("job {} failed unexpectedly", jobId, e);
                return failSafely(job, new ImportException(ErrorCodes.ILLEGAL_STATE, "unexpected error: " + e, e));
            }
        }

        private PipelineBatchProcessor.Outcome importRows(ImportJob job) {
            ImportOptions options = OptionsCodec.decode(store.jobs().options(job.id()).orElse("{}"));
            JobContext ctx = batchProcessor.context(options);
            PayloadStore payloads = payloadStoreOf(job.id());
            try (InputStream in = payloads.open(job.id());
                    RecordReader reader = RecordReaders.open(in, job.sourceType(), options, settings.limits());
                    PrefetchingRowSource source = new PrefetchingRowSource(RowSource.of(reader).after(lease.checkpointRow()),
                            settings.batchSize(), PipelineBatchProcessor.MAX_BATCH_CHARS, 4,
                            "qa-import-parse-" + job.id().toString().substring(0, 8))) {
                Throttle throttle = new Throttle(100);
                ProgressCallback progress = settings.listener() == ImportListener.NONE ? ProgressCallback.NONE
                        : (processed, total) -> {
                            if (throttle.ready(total >= 0 && processed >= total)) {
                                store.jobs().find(job.id()).ifPresent(j -> Listeners.safely(() -> settings.listener().onImportProgress(j)));
                            }
                        };
                return batchProcessor.run(lease, ctx, source, -1, progress, false, this::mustStop);
            } catch (IOException e) {
                throw new ImportException(ErrorCodes.PAYLOAD, "cannot read the stored upload: " + e.getMessage(), e);
            }
        }

        private boolean mustStop() {
            return closing || rj.stopRequested || rj.leaseLost || rj.cancelRequested;
        }

        private ImportJob failSafely(ImportJob job, ImportException e) {
            String message = e.code() + ": " + job.filename() + ": " + e.getMessage();
            LOG.warn("job {} failed: {}", job.id(), message);
            return finish(JobStatus.FAILED, message, -1);
        }

        /**
         * The database kept failing through every retry of a batch. If it takes one more write,
         * the job is FAILED with the reason, keeping its committed rows and its upload for
         * {@code retry}; if not, the job stays PROCESSING, recovery resumes it once its lease
         * expires and the database is back, and the caller hears about it as an exception.
         */
        private ImportJob databaseUnavailable(ImportJob job, StoreException e) {
            long committed = job.processedRows();
            try {
                committed = store.jobs().find(job.id()).map(ImportJob::processedRows).orElse(committed);
                String message = ErrorCodes.DATABASE_UNAVAILABLE + ": " + job.filename() + ": the database kept failing ("
                        + e.getMessage() + "); the " + committed + " rows committed before are kept, and retry(jobId) continues after them";
                LOG.error("job {} failed: {}", job.id(), message);
                return finish(JobStatus.FAILED, message, -1, true);
            } catch (RuntimeException again) {
                LOG.error("job {} stopped because the database is unavailable; it stays PROCESSING and recovery resumes it when its lease "
                        + "expires: {}", job.id(), e.getMessage());
                ImportException thrown = new ImportException(ErrorCodes.DATABASE_UNAVAILABLE, job.filename() + ": the database is "
                        + "unavailable (" + e.getMessage() + "); job " + job.id() + " stays PROCESSING with the rows committed up to row "
                        + committed + " and is resumed from there once the database is back and its lease has expired", e);
                thrown.addSuppressed(again);
                throw thrown;
            }
        }

        private ImportJob finish(JobStatus status, String message, long totalRows) {
            return finish(status, message, totalRows, false);
        }

        /** @param keepPayload whether the upload stays for a retry, whatever {@code keepPayloads} says */
        private ImportJob finish(JobStatus status, String message, long totalRows, boolean keepPayload) {
            Instant now = settings.clock().instant();
            if (!store.jobs().finish(lease, status, message, totalRows, now)) {
                LOG.warn("job {} could not be marked {}: the lease of attempt {} is no longer current", lease.jobId(), status,
                        lease.attempt());
                return current();
            }
            if (!settings.keepPayloads() && !keepPayload) {
                try {
                    payloadStoreOf(lease.jobId()).delete(lease.jobId());
                } catch (RuntimeException e) {
                    LOG.warn("could not delete the upload of job {}: {}", lease.jobId(), e.getMessage());
                }
            }
            ImportJob done = current();
            LOG.info("job {} {}: {} rows, {} stored, {} skipped, {} errors", done.id(), done.status(), done.processedRows(),
                    done.successCount(), done.skippedCount(), done.errorCount());
            return done;
        }

        private void release() {
            store.jobs().release(lease, settings.clock().instant());
        }

        private ImportJob current() {
            return store.jobs().find(lease.jobId()).orElseThrow(() -> notFound(lease.jobId()));
        }
    }

    private PayloadStore payloadStoreOf(UUID jobId) {
        String name = store.jobs().payloadStore(jobId).orElse(payloadStore.name());
        if (name.equals(payloadStore.name())) {
            return payloadStore;
        }
        PayloadStore db = store.databasePayloads();
        if (name.equals(db.name())) {
            return db;
        }
        throw new ImportException(ErrorCodes.PAYLOAD, "the upload of job " + jobId + " is in payload store '" + name
                + "', which this process is not configured with");
    }

    // ---------------------------------------------------------------- search and dry run

    public List<dev.qaimport.SearchHit> search(String query, int limit) {
        Objects.requireNonNull(query, "query");
        if (query.isBlank()) {
            throw new IllegalArgumentException("query is blank");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit < 1: " + limit);
        }
        return Searcher.search(store, embeddingService, query, limit);
    }

    public dev.qaimport.DryRunReport dryRun(String filename, InputStream content, ImportOptions options, int maxErrors,
            java.util.function.Consumer<dev.qaimport.model.RowError> onError) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(onError, "onError");
        if (maxErrors < 0) {
            throw new IllegalArgumentException("maxErrors < 0: " + maxErrors);
        }
        return DryRun.run(store, batchProcessor, settings, displayName(filename), content, options, maxErrors, onError);
    }

    // ---------------------------------------------------------------- workers and recovery

    /** Starts polling for claimable jobs and pending embeddings. */
    public Worker startWorker(int parallelJobs, Duration pollInterval) {
        ensureOpen();
        return new Poller(this, jobExecutor, parallelJobs, pollInterval, shutdownTimeout, "worker");
    }

    /**
     * Claims and runs, in the calling thread and one after another, every job that can be claimed
     * now: pending jobs and jobs whose worker's lease has expired. Returns them as they ended.
     */
    public List<ImportJob> recover() {
        ensureOpen();
        List<ImportJob> done = new ArrayList<>();
        while (!closing) {
            Instant now = settings.clock().instant();
            Optional<JobLease> lease = store.jobs().claimNext(settings.workerId(), now, now.plus(settings.leaseDuration()));
            if (lease.isEmpty()) {
                break;
            }
            LOG.info("recovering job {} (attempt {}, resuming after row {})", lease.get().jobId(), lease.get().attempt(),
                    lease.get().checkpointRow());
            done.add(run(lease.get()));
        }
        return done;
    }

    boolean embeddingsEnabled() {
        return embeddingStage.enabled();
    }

    /** Embeds pending pairs of any job until none is left or {@code stop} says so (or the instance closes). */
    dev.qaimport.model.EmbeddingResult sweepEmbeddings(java.util.function.BooleanSupplier stop) {
        return embeddingStage.forJob(null, ProgressCallback.NONE, stop);
    }

    /** Asks the given jobs, if running here, to stop after their current batch and release their leases. */
    void stopJobs(java.util.Collection<UUID> jobIds) {
        for (UUID id : jobIds) {
            RunningJob rj = running.get(id);
            if (rj != null) {
                rj.stopRequested = true;
            }
        }
    }

    // ---------------------------------------------------------------- observing and cancelling

    public boolean cancel(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        Optional<ImportJob> before = store.jobs().find(jobId);
        if (before.isEmpty() || before.get().status().isTerminal()) {
            return false;
        }
        Optional<JobStatus> status = store.jobs().requestCancel(jobId, settings.clock().instant());
        RunningJob rj = running.get(jobId);
        if (rj != null) {
            rj.cancelRequested = true;
        }
        if (status.isPresent() && status.get() == JobStatus.CANCELLED && rj == null && !settings.keepPayloads()) {
            // Cancelled in the database at once (it was pending, or its worker is gone): no worker
            // will finish it, so its upload goes now, as a worker's would when it stops.
            try {
                payloadStoreOf(jobId).delete(jobId);
            } catch (RuntimeException e) {
                LOG.warn("could not delete the upload of cancelled job {}: {}", jobId, e.getMessage());
            }
        }
        return status.isPresent() && (status.get() == JobStatus.CANCELLED || status.get() == JobStatus.PROCESSING);
    }

    /**
     * Reopens a {@code FAILED} or {@code CANCELLED} job so that it continues after its last
     * committed row; it is scheduled here when the instance starts jobs itself, otherwise a
     * worker picks it up. Its upload must still be stored: it is kept for jobs that failed because
     * the database was unavailable or their attempts ran out, and for every job with
     * {@code keepPayloads}.
     *
     * @throws ImportException {@code NOT_FOUND} for an unknown job, {@code ILLEGAL_STATE} for a job
     *                         that is not failed or cancelled, {@code PAYLOAD} if its upload is gone
     */
    public ImportJob retry(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        ensureOpen();
        ImportJob job = store.jobs().find(jobId).orElseThrow(() -> notFound(jobId));
        if (job.status() != JobStatus.FAILED && job.status() != JobStatus.CANCELLED) {
            throw new ImportException(ErrorCodes.ILLEGAL_STATE, "job " + jobId + " is " + job.status()
                    + "; only a FAILED or CANCELLED job can be retried");
        }
        try (InputStream in = payloadStoreOf(jobId).open(jobId)) {
            in.read();
        } catch (IOException | RuntimeException e) {
            throw new ImportException(ErrorCodes.PAYLOAD, "job " + jobId + " (" + job.filename() + ") cannot be retried: its upload was "
                    + "deleted when it ended (uploads are kept only for jobs that failed because the database was unavailable or their "
                    + "attempts ran out, or with keepPayloads); start a new import of the file", e);
        }
        if (!store.jobs().reopen(jobId, settings.clock().instant())) {
            ImportJob now = store.jobs().find(jobId).orElseThrow(() -> notFound(jobId));
            throw new ImportException(ErrorCodes.ILLEGAL_STATE, "job " + jobId + " is " + now.status() + " and was not reopened");
        }
        LOG.info("job {} reopened; it continues after row {}", jobId, job.processedRows());
        if (autoStart) {
            scheduleImport(jobId);
        }
        return store.jobs().find(jobId).orElseThrow(() -> notFound(jobId));
    }

    public ImportJob awaitJob(UUID jobId, Duration timeout) {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        while (true) {
            ImportJob job = store.jobs().find(jobId).orElseThrow(() -> notFound(jobId));
            if (job.status().isTerminal() || System.nanoTime() >= deadline) {
                return job;
            }
            Sleeper.REAL.sleep(Math.min(pause, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            if (Thread.currentThread().isInterrupted()) {
                return job;
            }
            pause = Math.min(250, pause * 2);
        }
    }

    private static ImportException notFound(UUID jobId) {
        return new ImportException(ErrorCodes.NOT_FOUND, "no import job with id " + jobId);
    }

    private void ensureOpen() {
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
        while ((!running.isEmpty() || embeddingStage.activeRuns() > 0) && System.nanoTime() < deadline) {
            Sleeper.REAL.sleep(20);
        }
        if (!running.isEmpty()) {
            LOG.warn("{} job(s) still running after {}; their leases will expire and another worker will resume them",
                    running.size(), shutdownTimeout);
        }
        if (embeddingStage.activeRuns() > 0) {
            LOG.warn("{} embedding run(s) still going after {}; their claims will expire", embeddingStage.activeRuns(), shutdownTimeout);
        }
        if (ownJobExecutor != null) {
            ownJobExecutor.shutdownNow();
        }
        preparePool.shutdownNow();
        embedPool.shutdownNow();
        heartbeat.shutdownNow();
    }

    @Override
    public String toString() {
        return "workerId=" + settings.workerId() + ", batchSize=" + settings.batchSize() + ", payloads=" + payloadStore.name()
                + ", embeddings=" + (embeddingService == null ? "none" : embeddingService.describe());
    }

    /** A job this process is running. */
    private static final class RunningJob {
        final JobLease lease;
        volatile boolean leaseLost;
        volatile boolean cancelRequested;
        volatile boolean stopRequested;
        ScheduledFuture<?> heartbeat;

        RunningJob(JobLease lease) {
            this.lease = lease;
        }
    }
}
