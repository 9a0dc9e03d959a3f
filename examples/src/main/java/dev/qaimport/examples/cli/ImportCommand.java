package dev.qaimport.examples.cli;

import dev.qaimport.DryRunReport;
import dev.qaimport.ImportListener;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.RowError;
import dev.qaimport.spi.EmbeddingService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qa-import import FILE}: imports a file, embeds the new pairs and reports. */
@Command(name = "import", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Imports a CSV, TSV, JSON or JSON Lines file of question/answer pairs, then embeds the new pairs.",
            "Exit status: 0 when the job completed (row errors allowed), 1 when it failed or was cancelled, 2 for a usage or input error."})
public final class ImportCommand implements Callable<Integer> {
    private final Env env;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Mixin
    DatabaseOptions db = new DatabaseOptions();

    @Mixin
    CollectionOption collection = new CollectionOption();

    @Mixin
    EmbeddingOptions embedding = new EmbeddingOptions();

    @Mixin
    ReadOptions read = new ReadOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--max-file-size", paramLabel = "BYTES", description = "Largest file accepted (default 2 GiB); suffixes k, m, g.")
    String maxFileSize;

    @Option(names = "--max-rows", paramLabel = "N", description = "Most records accepted (default 5,000,000).")
    Long maxRows;

    @Option(names = "--max-field-chars", paramLabel = "N", description = "Longest raw field read (default 1,000,000 characters).")
    Integer maxFieldChars;

    @Option(names = "--max-columns", paramLabel = "N", description = "Most CSV/TSV columns (default 1,000).")
    Integer maxColumns;

    @Option(names = "--max-json-depth", paramLabel = "N", description = "Deepest JSON nesting (default 64).")
    Integer maxJsonDepth;

    @Option(names = "--max-tags", paramLabel = "N", description = "Most tags per row, after removing empty and duplicate ones "
            + "(default 20); a row with more is rejected.")
    Integer maxTags;

    @Option(names = "--dry-run", description = "Read and validate the whole file and report what would happen; write nothing to "
            + "the database (not even its tables; --errors-out is still written).")
    boolean dryRun;

    @Option(names = "--errors-out", paramLabel = "FILE.csv", description = "Write every row error (row, line, field, code, message, "
            + "original question and answer) to this CSV file.")
    Path errorsOut;

    @Option(names = "--json", description = "Print one JSON object with the job's outcome on standard output.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress display.")
    boolean quiet;

    public ImportCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        collection.validate(env);
        Path path = env.workingDirectory().resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new UsageException(Files.isDirectory(path) ? file + " is a directory, not a file" : "file not found: " + file);
        }
        ImportOptions options = read.options(file.getFileName().toString());
        Limits limits = limits();
        Path errorsPath = errorsOut == null ? null : env.workingDirectory().resolve(errorsOut);
        if (errorsPath != null) {
            ErrorsCsv.check(errorsPath, errorsOut.toString());
        }
        if (dryRun) {
            return dryRun(path, options, limits, errorsPath);
        }
        EmbeddingService embeddings = embedding.create(env);
        if (embeddings == null) {
            // Recorded with the job, so that resume, retry and workers leave its pairs alone too.
            options = options.toBuilder().embeddingProfile(EmbeddingProfile.none()).build();
        }
        ProgressDisplay progress = new ProgressDisplay(env.err(), env.terminal());
        ImportListener listener = quiet ? ImportListener.NONE : progress;
        long t0 = System.nanoTime();
        try (Session s = Session.open(env, db, collection, embeddings, listener, b -> run.apply(b).limits(limits))) {
            UUID jobId = s.qa.startImport(path, options);
            ImportJob job;
            try (GracefulStop stop = GracefulStop.install(env.err(), () -> {
                progress.finish();
                env.err().println("qa-import: interrupted; stopping job " + jobId + " after its current batch");
                // Closing stops the job after its current batch and releases it; the main thread then reports.
                s.qa.close();
            })) {
                try {
                    job = s.qa.processImport(jobId);
                } finally {
                    progress.finish();
                }
                if (stop.requested() && !job.status().isTerminal()) {
                    report(s, job, t0, embeddings, errorsPath);
                    env.err().printf(Locale.ROOT, "qa-import: job %s stopped after row %s and is %s; its committed rows are kept; "
                            + "run 'qa-import resume'%s to finish it%n", jobId, Reports.fmt(job.processedRows()), job.status(),
                            db.isDefault(env) ? "" : " with the same --db");
                    return stop.exitStatus();
                }
            }
            boolean errorsWritten = report(s, job, t0, embeddings, errorsPath);
            if (job.status() != JobStatus.COMPLETED) {
                return 1;
            }
            // The job is committed and reported above; a missing errors file is still a failure the caller must see.
            return errorsWritten ? 0 : 2;
        }
    }

    /** Prints the summary; returns whether the errors file, if one was asked for, was written completely. */
    private boolean report(Session s, ImportJob job, long t0, EmbeddingService embeddings, Path errorsPath) {
        long millis = (System.nanoTime() - t0) / 1_000_000;
        ErrorsCsv csv = errorsPath == null ? null : Reports.writeErrorsCsv(s.qa, job.id(), errorsPath, errorsOut.toString());
        boolean written = csv == null || csv.problem() == null;
        if (json) {
            Reports.json(env.out(), s.qa, job, millis);
        } else {
            Reports.human(env.out(), s.qa, job, millis, embeddings == null ? null : embeddings.describe(),
                    csv != null && written ? errorsOut.toString() : null, csv == null ? 0 : csv.written());
            if (job.status() == JobStatus.COMPLETED && embeddings != null && job.embeddedCount() > 0) {
                env.out().println("Try: " + Printable.line(searchHint(s, job.id())));
            }
        }
        env.out().flush();
        if (!written) {
            env.err().println("qa-import: " + Printable.line(csv.problem()));
        }
        return written;
    }

    /**
     * A search command the user can paste: one of the imported questions as the query, with the
     * options that reach the same database and embedding model. The question comes from the file,
     * so it is quoted for the shell and stripped of control characters.
     */
    private String searchHint(Session s, UUID jobId) {
        String question = s.qa.getPairs(jobId, 0, 1).stream().findFirst()
                .map(p -> ShellWords.argument(p.question(), 60)).filter(q -> !q.isEmpty()).orElse("how do I reset my password");
        List<String> options = new ArrayList<>(db.hintArguments());
        options.addAll(embedding.hintArguments());
        options.addAll(collection.hintArguments());
        List<String> words = new ArrayList<>(List.of("qa-import", "search"));
        if (question.startsWith("-")) {
            // A query that looks like an option must follow "--", which ends the options.
            words.addAll(options);
            words.add("--");
            words.add(question);
        } else {
            words.add(question);
            words.addAll(options);
        }
        return ShellWords.join(words);
    }

    private int dryRun(Path path, ImportOptions options, Limits limits, Path errorsPath) {
        String name = file.getFileName().toString();
        ErrorsCsv csv = errorsPath == null ? null : ErrorsCsv.open(errorsPath, errorsOut.toString());
        if (csv != null && csv.problem() != null) {
            throw new UsageException(csv.problem());
        }
        Consumer<RowError> onError = csv == null ? e -> { } : csv::write;
        DryRunReport report;
        boolean compared;
        try (InputStream in = Files.newInputStream(path)) {
            JdbcImportStore store = db.openIfInstalled(env);
            compared = store != null;
            if (store == null) {
                report = withoutDatabase(name, in, options, limits, onError);
            } else {
                try (Session s = Session.over(env, collection, store, null, ImportListener.NONE, b -> run.apply(b).limits(limits))) {
                    report = s.qa.dryRun(name, in, options, Reports.HUMAN_ERRORS * 100, onError);
                }
            }
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        } finally {
            if (csv != null) {
                csv.close();
            }
        }
        boolean written = csv == null || csv.problem() == null;
        String errorsFile = csv != null && written ? errorsOut.toString() : null;
        if (json) {
            Reports.dryRunJson(env.out(), name, collection.name(env), report, compared);
        } else {
            Reports.dryRunHuman(env.out(), name, report, compared, errorsFile, csv == null ? 0 : csv.written());
        }
        env.out().flush();
        if (!written) {
            env.err().println("qa-import: " + Printable.line(csv.problem()));
        }
        if (report.fatalError() != null) {
            return 1;
        }
        return written ? 0 : 2;
    }

    /**
     * A dry run for a database that has no qa-import tables yet: nothing stored can be a duplicate,
     * so the file is validated against a throw-away in-memory database instead of creating tables
     * in the real one.
     */
    private DryRunReport withoutDatabase(String name, InputStream in, ImportOptions options, Limits limits, Consumer<RowError> onError) {
        JdbcImportStore memory = JdbcImportStore.builder("jdbc:h2:mem:dry-run-" + UUID.randomUUID(), "sa", "").installSchema(true).build();
        try (Session s = Session.over(env, collection, memory, null, ImportListener.NONE, b -> run.apply(b).limits(limits))) {
            return s.qa.dryRun(name, in, options, Reports.HUMAN_ERRORS * 100, onError);
        }
    }

    private Limits limits() {
        Limits l = Limits.defaults();
        if (maxFileSize != null) {
            l = l.withMaxFileBytes(Sizes.parse(maxFileSize, "--max-file-size"));
        }
        if (maxRows != null) {
            if (maxRows < 1) {
                throw new UsageException("--max-rows must be at least 1, not " + maxRows);
            }
            l = l.withMaxRows(maxRows);
        }
        if (maxFieldChars != null) {
            l = l.withMaxFieldChars(positive(maxFieldChars, "--max-field-chars"));
        }
        if (maxColumns != null) {
            l = l.withMaxColumns(positive(maxColumns, "--max-columns"));
        }
        if (maxJsonDepth != null) {
            l = l.withMaxJsonDepth(positive(maxJsonDepth, "--max-json-depth"));
        }
        if (maxTags != null) {
            if (maxTags < 0) {
                throw new UsageException("--max-tags must be at least 0, not " + maxTags);
            }
            l = l.withMaxTags(maxTags);
        }
        run.validate();
        return l;
    }

    private static int positive(int value, String option) {
        if (value < 1) {
            throw new UsageException(option + " must be at least 1, not " + value);
        }
        return value;
    }
}
