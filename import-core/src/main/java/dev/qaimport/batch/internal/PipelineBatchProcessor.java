package dev.qaimport.batch.internal;

import dev.qaimport.AnswerFormat;
import dev.qaimport.AnswerMarkup;
import dev.qaimport.CollectionName;
import dev.qaimport.DryRunReport;
import dev.qaimport.ImportOptions;
import dev.qaimport.ProgressCallback;
import dev.qaimport.QACreator;
import dev.qaimport.internal.Settings;
import dev.qaimport.internal.Sleeper;
import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.RowError;
import dev.qaimport.parse.internal.RecordReader;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.validate.internal.RowPreparer;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The batch pipeline, the entry to this package: rows are cut into batches ({@link BatchCutter}),
 * prepared on the prepare pool several at a time, and committed strictly in order, one
 * transaction each, fenced by the job lease ({@link BatchRun}, {@link BatchWriter}). The batches in
 * flight are bounded, so memory is too. Thread-safe: each run has its own state.
 */
public final class PipelineBatchProcessor {
    /** A batch is cut early once its raw text passes this many characters, to bound memory. */
    static final int MAX_BATCH_CHARS = 4 << 20;
    /** Batches the file parser may read ahead of the writer. */
    private static final int PARSE_AHEAD = 4;

    private final ImportStore store;
    private final Settings settings;
    private final ExecutorService preparePool;
    private final Map<AnswerFormat, RowPreparer> preparers = new EnumMap<>(AnswerFormat.class);
    private final Map<AnswerFormat, RowPreparer> markdownPreparers = new EnumMap<>(AnswerFormat.class);
    private final Sleeper sleeper;

    public PipelineBatchProcessor(ImportStore store, Settings settings, ExecutorService preparePool, Sleeper sleeper) {
        this.store = store;
        this.settings = settings;
        this.preparePool = preparePool;
        this.sleeper = sleeper;
        for (AnswerFormat f : AnswerFormat.values()) {
            preparers.put(f, new RowPreparer(settings.limits(), f));
            markdownPreparers.put(f, new RowPreparer(settings.limits(), f, AnswerMarkup.MARKDOWN));
        }
    }

    JobContext context(ImportOptions options) {
        DuplicatePolicy policy = options.duplicatePolicy() != null ? options.duplicatePolicy() : settings.duplicatePolicy();
        AnswerFormat format = options.answerFormat() != null ? options.answerFormat() : settings.answerFormat();
        String collection = options.collection() != null ? options.collection() : CollectionName.DEFAULT;
        RowPreparer preparer = (options.answerMarkup() == AnswerMarkup.MARKDOWN ? markdownPreparers : preparers).get(format);
        return new JobContext(policy, format, preparer, collection);
    }

    /** Creates single pairs with this pipeline's preparation rules. */
    public QACreator qaCreator() {
        return new DefaultQACreator(store, context(ImportOptions.defaults()).preparer(), settings);
    }

    /**
     * Writes a caller's rows for the job held by {@code lease} until they end, the job is
     * cancelled, or the lease is lost; the result keeps the row errors and the ids written.
     */
    public Outcome processRows(JobLease lease, String collection, Iterator<ParsedQA> items, long knownTotal,
            ProgressCallback onProgress) {
        BatchSource source = new BatchCutter(RowSource.of(items), settings.batchSize(), MAX_BATCH_CHARS);
        return run(lease, context(ImportOptions.builder().collection(collection).build()), source, knownTotal, onProgress, true,
                () -> false);
    }

    /**
     * Imports the rows of a file after the lease's checkpoint, parsing on a thread of its own a
     * few batches ahead, until the file ends, the job is cancelled, {@code shutdown} says stop, or
     * the lease is lost.
     */
    public Outcome runFile(JobLease lease, ImportOptions options, RecordReader reader, ProgressCallback onProgress,
            BooleanSupplier shutdown) {
        BatchSource cutter = new BatchCutter(RowSource.of(reader).after(lease.checkpointRow()), settings.batchSize(), MAX_BATCH_CHARS);
        try (BatchSource source = new PrefetchingBatchSource(cutter, PARSE_AHEAD,
                "qa-import-parse-" + lease.jobId().toString().substring(0, 8))) {
            return run(lease, context(options), source, -1, onProgress, false, shutdown);
        }
    }

    private Outcome run(JobLease lease, JobContext ctx, BatchSource source, long knownTotal, ProgressCallback onProgress,
            boolean collect, BooleanSupplier shutdown) {
        BatchWriter writer = new BatchWriter(store, settings, sleeper, lease, ctx);
        return new BatchRun(store, lease, ctx, source, writer, preparePool, settings.parallelism() + 1, knownTotal, onProgress,
                collect).execute(shutdown);
    }

    /** Reads and validates a whole file as an import would, writing nothing; see {@link DryRun}. */
    public DryRunReport dryRun(String filename, InputStream in, ImportOptions options, int maxErrors, Consumer<RowError> onError) {
        return DryRun.run(store, context(options), settings, filename, in, options, maxErrors, onError);
    }
}
