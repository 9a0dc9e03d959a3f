package dev.qaimport.internal;

import dev.qaimport.AnswerFormat;
import dev.qaimport.BatchProcessor;
import dev.qaimport.ImportOptions;
import dev.qaimport.ProgressCallback;
import dev.qaimport.model.BatchResult;
import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.QAStatus;
import dev.qaimport.model.RowError;
import dev.qaimport.parse.ParsedRow;
import dev.qaimport.spi.BatchTransaction;
import dev.qaimport.spi.BatchTransaction.Fence;
import dev.qaimport.spi.BatchTransaction.JobAdvance;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.NewPair;
import dev.qaimport.spi.PairUpdate;
import dev.qaimport.spi.StoreException;
import dev.qaimport.validate.CleanQA;
import dev.qaimport.validate.RowPreparer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch pipeline. The calling thread pulls rows from the source and cuts batches; the prepare
 * pool sanitizes and validates several batches in parallel; the calling thread commits them
 * strictly in order, one transaction each, fenced by the job lease. The number of batches in
 * flight is bounded, so memory is too.
 */
final class PipelineBatchProcessor implements BatchProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineBatchProcessor.class);
    /** A batch is cut early once its raw text passes this many characters, to bound memory. */
    static final int MAX_BATCH_CHARS = 4 << 20;
    private static final int TRANSIENT_ATTEMPTS = 4;

    private final ImportStore store;
    private final Settings settings;
    private final ExecutorService preparePool;
    private final Map<AnswerFormat, RowPreparer> preparers = new EnumMap<>(AnswerFormat.class);
    private final Sleeper sleeper;

    PipelineBatchProcessor(ImportStore store, Settings settings, ExecutorService preparePool, Sleeper sleeper) {
        this.store = store;
        this.settings = settings;
        this.preparePool = preparePool;
        this.sleeper = sleeper;
        for (AnswerFormat f : AnswerFormat.values()) {
            preparers.put(f, new RowPreparer(settings.limits(), f));
        }
    }

    @Override
    public int batchSize() {
        return settings.batchSize();
    }

    JobContext context(ImportOptions options) {
        DuplicatePolicy policy = options.duplicatePolicy() != null ? options.duplicatePolicy() : settings.duplicatePolicy();
        AnswerFormat format = options.answerFormat() != null ? options.answerFormat() : settings.answerFormat();
        return new JobContext(policy, format, preparers.get(format));
    }

    @Override
    public BatchResult process(JobLease lease, Iterator<ParsedQA> items, ProgressCallback onProgress) {
        return processList(lease, items, -1, onProgress);
    }

    @Override
    public BatchResult process(JobLease lease, List<ParsedQA> items, ProgressCallback onProgress) {
        return processList(lease, items.iterator(), items.size(), onProgress);
    }

    private BatchResult processList(JobLease lease, Iterator<ParsedQA> items, long total, ProgressCallback onProgress) {
        java.util.Objects.requireNonNull(lease, "lease");
        java.util.Objects.requireNonNull(items, "items");
        java.util.Objects.requireNonNull(onProgress, "onProgress");
        Outcome outcome = run(lease, context(ImportOptions.defaults()), RowSource.of(items), total, onProgress, true, () -> false);
        if (outcome.stop == StopReason.LEASE_LOST) {
            throw new LeaseLostException(lease);
        }
        return outcome.result;
    }

    /**
     * Runs the pipeline until the source ends, the job is cancelled, {@code shutdown} says stop, or
     * the lease is lost.
     *
     * @param knownTotal  records in all if the caller knows, else {@code -1}
     * @param collect     whether to keep row errors and created ids in the result (not for files:
     *                    they are in the database and could be millions)
     */
    Outcome run(JobLease lease, JobContext ctx, RowSource source, long knownTotal, ProgressCallback onProgress,
            boolean collect, BooleanSupplier shutdown) {
        Run run = new Run(lease, ctx, source, knownTotal, onProgress, collect);
        return run.execute(shutdown);
    }

    /** What a pipeline run did. */
    static final class Outcome {
        final BatchResult result;
        final StopReason stop;
        final long totalRows;
        final long lastRow;

        Outcome(BatchResult result, StopReason stop, long totalRows, long lastRow) {
            this.result = result;
            this.stop = stop;
            this.totalRows = totalRows;
            this.lastRow = lastRow;
        }
    }

    private final class Run {
        private final JobLease lease;
        private final JobContext ctx;
        private final RowSource source;
        private final long knownTotal;
        private final ProgressCallback onProgress;
        private final boolean collect;
        private final ArrayDeque<Future<PreparedBatch>> inFlight = new ArrayDeque<>();
        private final int window = settings.parallelism() + 1;
        private ParsedRow lookahead;
        private boolean sourceDone;
        /** A fatal error of the source, raised once every row read before it is committed. */
        private RuntimeException sourceFailure;
        private long lastRowRead;
        private int success;
        private int errorRows;
        private int skipped;
        private final List<RowError> errors = new ArrayList<>();
        private final List<UUID> ids = new ArrayList<>();
        private long processed;
        private long lastCommitted;

        Run(JobLease lease, JobContext ctx, RowSource source, long knownTotal, ProgressCallback onProgress, boolean collect) {
            this.lease = lease;
            this.ctx = ctx;
            this.source = source;
            this.knownTotal = knownTotal;
            this.onProgress = onProgress;
            this.collect = collect;
            this.lastCommitted = lease.checkpointRow();
            this.processed = lease.checkpointRow();
        }

        Outcome execute(BooleanSupplier shutdown) {
            long totalRows = -1;
            try {
                fill();
                while (!inFlight.isEmpty()) {
                    PreparedBatch batch = await(inFlight.poll());
                    Fence fence = commit(batch);
                    if (batch.totalRows() >= 0) {
                        totalRows = batch.totalRows();
                    }
                    long total = totalRows >= 0 ? totalRows : knownTotal;
                    onProgress.onProgress(processed, total);
                    if (fence == Fence.CANCEL_REQUESTED) {
                        return stop(StopReason.CANCELLED, totalRows);
                    }
                    if (shutdown.getAsBoolean()) {
                        return stop(StopReason.SHUTDOWN, totalRows);
                    }
                    fill();
                }
                if (sourceFailure != null) {
                    throw sourceFailure;
                }
                if (totalRows < 0) {
                    // The source was empty, or ended right after the checkpoint of a resumed job.
                    totalRows = lastRowRead > 0 ? lastRowRead : lease.checkpointRow();
                }
                return stop(StopReason.END_OF_INPUT, totalRows);
            } catch (LeaseLostException e) {
                LOG.warn("{}", whyLost(e));
                return stop(StopReason.LEASE_LOST, totalRows);
            } finally {
                for (Future<PreparedBatch> f : inFlight) {
                    f.cancel(true);
                }
            }
        }

        /** The lease-lost message, or what really happened when the lease is still ours but the database went back in time. */
        private String whyLost(LeaseLostException e) {
            try {
                return store.jobs().find(lease.jobId())
                        .filter(j -> lease.owner().equals(j.leaseOwner()) && lease.attempt() == j.attempt()
                                && j.processedRows() < lastCommitted)
                        .map(j -> "job " + lease.jobId() + ": the database's checkpoint is row " + j.processedRows()
                                + " but this worker had committed up to row " + lastCommitted + ": the database lost commits it had "
                                + "acknowledged (did it crash without flushing them?); stopping so that the job resumes from row "
                                + j.processedRows())
                        .orElse(e.getMessage());
            } catch (RuntimeException ignored) {
                return e.getMessage();
            }
        }

        private Outcome stop(StopReason reason, long totalRows) {
            BatchResult r = new BatchResult(success, errorRows, skipped, errors, ids);
            return new Outcome(r, reason, totalRows, lastCommitted);
        }

        /** Cuts batches from the source and hands them to the prepare pool until the window is full. */
        private void fill() {
            while (inFlight.size() < window && !sourceDone) {
                List<ParsedRow> rows = new ArrayList<>(settings.batchSize());
                long chars = 0;
                while (rows.size() < settings.batchSize() && chars < MAX_BATCH_CHARS) {
                    ParsedRow r = pull();
                    if (r == null) {
                        break;
                    }
                    rows.add(r);
                    chars += Sizes.chars(r);
                }
                if (!sourceDone && peekEnd()) {
                    sourceDone = true;
                }
                if (rows.isEmpty()) {
                    sourceDone = true;
                    return;
                }
                long lastRow = rows.get(rows.size() - 1).row();
                long bytes = source.bytesRead();
                long total = sourceDone && sourceFailure == null ? lastRow : -1;
                List<ParsedRow> batchRows = rows;
                inFlight.add(CompletableFuture.supplyAsync(() -> prepare(batchRows, lastRow, bytes, total), preparePool));
            }
        }

        private ParsedRow pull() {
            if (lookahead != null) {
                ParsedRow r = lookahead;
                lookahead = null;
                return r;
            }
            if (sourceDone) {
                return null;
            }
            ParsedRow r = read();
            if (r == null) {
                sourceDone = true;
            } else {
                lastRowRead = r.row();
            }
            return r;
        }

        private boolean peekEnd() {
            if (lookahead != null) {
                return false;
            }
            if (sourceFailure != null) {
                return true;
            }
            ParsedRow r = read();
            if (r == null) {
                return sourceFailure == null;
            }
            lastRowRead = r.row();
            lookahead = r;
            return false;
        }

        /** The next row; a fatal source error ends the input here and is kept for after the commits. */
        private ParsedRow read() {
            if (sourceFailure != null) {
                return null;
            }
            try {
                return source.next();
            } catch (dev.qaimport.ImportException e) {
                sourceFailure = e;
                sourceDone = true;
                return null;
            }
        }

        private PreparedBatch prepare(List<ParsedRow> rows, long lastRow, long bytes, long total) {
            List<PreparedBatch.Item> items = new ArrayList<>(rows.size());
            for (ParsedRow r : rows) {
                if (r.error() != null) {
                    items.add(new PreparedBatch.Item(r.row(), r.line(), null, List.of(r.error())));
                } else {
                    RowPreparer.Prepared p = ctx.preparer().prepare(r.qa());
                    items.add(new PreparedBatch.Item(r.row(), r.line(), p.qa(), p.errors()));
                }
            }
            return new PreparedBatch(items, lastRow, bytes, total);
        }

        private PreparedBatch await(Future<PreparedBatch> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.qaimport.ImportException(ErrorCodes.ILLEGAL_STATE, "interrupted while preparing a batch", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException) {
                    throw (RuntimeException) c;
                }
                if (c instanceof Error) {
                    throw (Error) c;
                }
                throw new IllegalStateException(c);
            }
        }

        /** Writes one batch, retrying transient database failures; returns what the fence said. */
        private Fence commit(PreparedBatch batch) {
            boolean careful = false;
            for (int attempt = 1; ; attempt++) {
                try {
                    Written w = write(batch, careful);
                    account(batch, w);
                    return w.fence;
                } catch (StoreException e) {
                    if (e.kind() == StoreException.Kind.DATA && !careful) {
                        // A row the validator let through was refused by the database: redo the batch
                        // with savepoints and bisect it down to the offending rows.
                        LOG.debug("batch ending at row {} of job {} was refused ({}); isolating the row", batch.lastRow(),
                                lease.jobId(), e.getMessage());
                        careful = true;
                        attempt--;
                        continue;
                    }
                    if (e.kind() != StoreException.Kind.TRANSIENT || attempt >= TRANSIENT_ATTEMPTS) {
                        throw e;
                    }
                    LOG.warn("batch ending at row {} of job {} failed (attempt {} of {}): {}", batch.lastRow(), lease.jobId(),
                            attempt, TRANSIENT_ATTEMPTS, e.getMessage());
                    sleeper.sleep(backoffMillis(attempt));
                    if (alreadyCommitted(batch)) {
                        // The commit went through but its acknowledgement was lost.
                        processed = batch.lastRow();
                        lastCommitted = batch.lastRow();
                        return Fence.HELD;
                    }
                }
            }
        }

        private boolean alreadyCommitted(PreparedBatch batch) {
            try {
                return store.jobs().find(lease.jobId())
                        .map(j -> j.processedRows() >= batch.lastRow() && lease.owner().equals(j.leaseOwner())
                                && lease.attempt() == j.attempt())
                        .orElse(false);
            } catch (StoreException e) {
                return false;
            }
        }

        private long backoffMillis(int attempt) {
            return Math.min(5_000L, 250L << (2 * (attempt - 1)));
        }

        private Written write(PreparedBatch batch, boolean careful) {
            return store.inTransaction(tx -> {
                Instant now = settings.clock().instant();
                JobLease asCommitted = lease.withCheckpoint(lastCommitted);
                Fence fence = tx.fence(asCommitted, now, now.plus(settings.leaseDuration()));
                if (fence == Fence.LOST) {
                    throw new LeaseLostException(lease);
                }
                Written w = new Written(fence);
                decide(tx, batch, w, now);
                if (careful) {
                    insertIsolating(tx, w.creates, w);
                    updateIsolating(tx, w.updates, w);
                } else {
                    if (!w.creates.isEmpty()) {
                        tx.insertPairs(w.creates);
                    }
                    if (!w.updates.isEmpty()) {
                        tx.updatePairs(w.updates);
                    }
                }
                if (!w.errors.isEmpty()) {
                    w.errors.sort(java.util.Comparator.comparingLong(RowError::row));
                    tx.insertErrors(lease.jobId(), w.errors);
                }
                tx.advanceJob(lease, new JobAdvance(batch.lastRow(), w.createdCount(), w.updatedCount, w.errorRows.size(),
                        w.skipped, batch.bytesRead(), batch.totalRows()), now);
                return w;
            });
        }

        /** Applies the duplicate policy and splits the batch into inserts, updates, skips and errors. */
        private void decide(BatchTransaction tx, PreparedBatch batch, Written w, Instant now) {
            DuplicatePolicy policy = ctx.duplicatePolicy();
            Map<String, UUID> existing = Map.of();
            if (policy != DuplicatePolicy.CREATE) {
                Set<String> keys = new LinkedHashSet<>();
                for (PreparedBatch.Item item : batch.items()) {
                    if (item.clean() != null) {
                        keys.add(item.clean().questionKey());
                    }
                }
                if (!keys.isEmpty()) {
                    existing = tx.findByQuestionKeys(keys);
                }
            }
            Map<String, Integer> createdHere = new HashMap<>();
            for (PreparedBatch.Item item : batch.items()) {
                CleanQA c = item.clean();
                if (c == null) {
                    w.errors.addAll(item.errors());
                    w.errorRows.add(item.row());
                    continue;
                }
                String key = c.questionKey();
                if (policy == DuplicatePolicy.SKIP && (existing.containsKey(key) || createdHere.containsKey(key))) {
                    w.skipped++;
                } else if (policy == DuplicatePolicy.UPDATE && existing.containsKey(key)) {
                    w.updates.add(new PairUpdate(existing.get(key), lease.jobId(), c.row(), c.answer(), c.category(), c.tags(), now));
                    w.updatedCount++;
                    w.lines.put(c.row(), c);
                } else if (policy == DuplicatePolicy.UPDATE && createdHere.containsKey(key)) {
                    int idx = createdHere.get(key);
                    NewPair first = w.creates.get(idx);
                    w.creates.set(idx, new NewPair(first.id(), first.importJobId(), first.sourceRow(), first.question(), c.answer(),
                            c.category(), c.tags(), key, QAStatus.DRAFT, first.createdAt()));
                    w.updatedCount++;
                    // If the database refuses the merged pair, this row is refused with it.
                    w.mergedInto.computeIfAbsent(first.id(), k -> new ArrayList<>()).add(c);
                } else {
                    NewPair p = new NewPair(Ids.next(), lease.jobId(), c.row(), c.question(), c.answer(), c.category(),
                            c.tags(), key, QAStatus.DRAFT, now);
                    createdHere.put(key, w.creates.size());
                    w.creates.add(p);
                    w.lines.put(c.row(), c);
                }
            }
        }

        private void insertIsolating(BatchTransaction tx, List<NewPair> pairs, Written w) {
            if (pairs.isEmpty()) {
                return;
            }
            try {
                tx.withSavepoint(() -> {
                    tx.insertPairs(pairs);
                    return null;
                });
            } catch (StoreException e) {
                if (e.kind() != StoreException.Kind.DATA) {
                    throw e;
                }
                if (pairs.size() == 1) {
                    NewPair p = pairs.get(0);
                    w.reject(p.sourceRow(), p.id(), e);
                    return;
                }
                int mid = pairs.size() / 2;
                insertIsolating(tx, pairs.subList(0, mid), w);
                insertIsolating(tx, pairs.subList(mid, pairs.size()), w);
            }
        }

        private void updateIsolating(BatchTransaction tx, List<PairUpdate> updates, Written w) {
            if (updates.isEmpty()) {
                return;
            }
            try {
                tx.withSavepoint(() -> {
                    tx.updatePairs(updates);
                    return null;
                });
            } catch (StoreException e) {
                if (e.kind() != StoreException.Kind.DATA) {
                    throw e;
                }
                if (updates.size() == 1) {
                    PairUpdate u = updates.get(0);
                    w.reject(u.sourceRow(), null, e);
                    w.updatedCount--;
                    return;
                }
                int mid = updates.size() / 2;
                updateIsolating(tx, updates.subList(0, mid), w);
                updateIsolating(tx, updates.subList(mid, updates.size()), w);
            }
        }

        private void account(PreparedBatch batch, Written w) {
            success += w.createdCount() + w.updatedCount;
            errorRows += w.errorRows.size();
            skipped += w.skipped;
            processed = batch.lastRow();
            lastCommitted = batch.lastRow();
            if (collect) {
                errors.addAll(w.errors);
                for (NewPair p : w.creates) {
                    if (!w.rejectedIds.contains(p.id())) {
                        ids.add(p.id());
                    }
                }
                for (PairUpdate u : w.updates) {
                    if (!w.rejectedRows.contains(u.sourceRow())) {
                        ids.add(u.pairId());
                    }
                }
            }
        }
    }

    /** What one batch transaction decided and wrote. */
    private static final class Written {
        final Fence fence;
        final List<NewPair> creates = new ArrayList<>();
        final List<PairUpdate> updates = new ArrayList<>();
        final List<RowError> errors = new ArrayList<>();
        final Set<Long> errorRows = new LinkedHashSet<>();
        final Set<UUID> rejectedIds = new java.util.HashSet<>();
        final Set<Long> rejectedRows = new java.util.HashSet<>();
        final Map<Long, CleanQA> lines = new HashMap<>();
        /** Later rows of the batch merged into a new pair (UPDATE policy), by that pair's id. */
        final Map<UUID, List<CleanQA>> mergedInto = new HashMap<>();
        int updatedCount;
        int skipped;

        Written(Fence fence) {
            this.fence = fence;
        }

        int createdCount() {
            return creates.size() - rejectedIds.size();
        }

        void reject(long row, UUID id, StoreException e) {
            CleanQA c = lines.get(row);
            long line = c == null ? 0 : c.line();
            RowError err = new RowError(row, line, "row", ErrorCodes.DATABASE_REJECTED, "the database refused the row: " + e.getMessage(),
                    c == null ? null : c.question(), c == null ? null : c.answer());
            errors.add(err);
            errorRows.add(row);
            rejectedRows.add(row);
            if (id != null) {
                rejectedIds.add(id);
                for (CleanQA merged : mergedInto.getOrDefault(id, List.of())) {
                    errors.add(new RowError(merged.row(), merged.line(), "row", ErrorCodes.DATABASE_REJECTED, "the database refused row "
                            + row + ", which this row updates (same question): " + e.getMessage(), merged.question(), merged.answer()));
                    errorRows.add(merged.row());
                    rejectedRows.add(merged.row());
                    updatedCount--;
                }
            }
        }
    }
}
