package dev.qaimport.examples.cli;

import dev.qaimport.AnswerFormat;
import dev.qaimport.DryRunReport;
import dev.qaimport.Field;
import dev.qaimport.ImportListener;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.SourceType;
import dev.qaimport.spi.EmbeddingService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
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
    EmbeddingOptions embedding = new EmbeddingOptions();

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv, tsv, json or jsonl (default: from the file name).")
    String format;

    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--map", paramLabel = "FIELD=COLUMN[,…]", description = "Which column (or JSON key, dotted for nested keys) "
            + "holds each field, e.g. --map question=Frage,answer=Antwort,category=Kategorie.")
    String map;

    @Option(names = "--records-path", paramLabel = "PATH", description = "For JSON: the dotted path of the array of records.")
    String recordsPath;

    @Option(names = "--encoding", paramLabel = "CHARSET", description = "The file's encoding, e.g. windows-1252 (default UTF-8, or "
            + "what a byte-order mark says).")
    String encoding;

    @Option(names = "--detect-encoding", description = "Read the file as Windows-1252 when it is not valid UTF-8.")
    boolean detectEncoding;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "CSV delimiter: a character, or 'tab' (default: detected).")
    String delimiter;

    @Option(names = "--duplicates", paramLabel = "POLICY", description = "What to do with a question that already exists: skip "
            + "(default), update or create.")
    String duplicates;

    @Option(names = "--answer-format", paramLabel = "FORMAT", description = "html (a safe basic subset, the default) or text.")
    String answerFormat;

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

    @Option(names = "--dry-run", description = "Read and validate the whole file and report what would happen; write nothing.")
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
        Path path = env.workingDirectory().resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new UsageException(Files.isDirectory(path) ? file + " is a directory, not a file" : "file not found: " + file);
        }
        ImportOptions options = options();
        Limits limits = limits();
        if (dryRun) {
            return dryRun(path, options, limits);
        }
        EmbeddingService embeddings = embedding.create(env);
        ProgressDisplay progress = new ProgressDisplay(env.err(), env.terminal());
        ImportListener listener = quiet ? ImportListener.NONE : progress;
        long t0 = System.nanoTime();
        try (Session s = Session.open(env, db, embeddings, listener, b -> run.apply(b).limits(limits))) {
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
                    report(s, job, t0, embeddings);
                    env.err().printf(Locale.ROOT, "qa-import: job %s stopped after row %s and is %s; its committed rows are kept; "
                            + "run 'qa-import resume'%s to finish it%n", jobId, Reports.fmt(job.processedRows()), job.status(),
                            db.isDefault(env) ? "" : " with the same --db");
                    return stop.exitStatus();
                }
            }
            report(s, job, t0, embeddings);
            return job.status() == JobStatus.COMPLETED ? 0 : 1;
        }
    }

    private void report(Session s, ImportJob job, long t0, EmbeddingService embeddings) {
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long written = errorsOut == null ? 0 : Reports.writeErrorsCsv(s.qa, job.id(), env.workingDirectory().resolve(errorsOut));
        if (json) {
            Reports.json(env.out(), s.qa, job, millis);
        } else {
            Reports.human(env.out(), s.qa, job, millis, embeddings == null ? null : embeddings.describe(), errorsOut, written);
            if (job.status() == JobStatus.COMPLETED && embeddings != null && job.embeddedCount() > 0) {
                env.out().println("Try: qa-import search \"" + exampleQuery(s, job.id()) + "\"");
            }
        }
    }

    private String exampleQuery(Session s, UUID jobId) {
        return s.qa.store().queries().pairsOfJob(jobId, 0, 1).stream().findFirst()
                .map(p -> p.question().length() > 60 ? p.question().substring(0, 60) : p.question())
                .orElse("how do I reset my password").replace("\"", "'");
    }

    private int dryRun(Path path, ImportOptions options, Limits limits) {
        DryRunReport report;
        try (InputStream in = Files.newInputStream(path)) {
            if (db.defaultDatabaseMissing(env)) {
                // Nothing has been imported yet, so nothing can be a duplicate of stored pairs; do not create the database.
                report = withoutDatabase(path, in, options, limits);
            } else {
                try (Session s = Session.open(env, db, null, ImportListener.NONE, b -> run.apply(b).limits(limits))) {
                    report = s.qa.dryRun(file.getFileName().toString(), in, options, Reports.HUMAN_ERRORS * 100, e -> { });
                }
            }
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        if (json) {
            Reports.dryRunJson(env.out(), file.getFileName().toString(), report);
        } else {
            Reports.dryRunHuman(env.out(), file.getFileName().toString(), report);
        }
        return report.fatalError() == null ? 0 : 1;
    }

    private DryRunReport withoutDatabase(Path path, InputStream in, ImportOptions options, Limits limits) {
        try (dev.qaimport.jdbc.JdbcImportStore memory = dev.qaimport.jdbc.JdbcImportStore.builder(
                "jdbc:h2:mem:dry-run-" + UUID.randomUUID(), "sa", "").installSchema(true).build();
                dev.qaimport.QaImport qa = dev.qaimport.QaImport.builder().store(memory).autoStart(false)
                        .recoveryInterval(java.time.Duration.ZERO).limits(limits).build()) {
            return qa.dryRun(path.getFileName().toString(), in, options, Reports.HUMAN_ERRORS * 100, e -> { });
        }
    }

    private ImportOptions options() {
        ImportOptions.Builder b = ImportOptions.builder();
        if (format != null) {
            b.sourceType(parse(() -> SourceType.parse(format)));
        } else if (SourceType.fromFilename(file.getFileName().toString()).isEmpty()) {
            throw new UsageException("cannot tell the format of " + file.getFileName() + " from its name; pass --format csv|tsv|json|jsonl");
        }
        if (map != null) {
            for (Map.Entry<Field, String> e : MapOption.parse(map).entrySet()) {
                b.column(e.getKey(), e.getValue());
            }
        }
        b.recordsPath(recordsPath);
        if (encoding != null) {
            try {
                b.encoding(Charset.forName(encoding));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new UsageException("unknown --encoding '" + encoding + "' (for example utf-8, windows-1252, iso-8859-1, utf-16)");
            }
        }
        b.detectEncoding(detectEncoding);
        if (delimiter != null) {
            String d = delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? "\t" : delimiter;
            if (d.length() != 1) {
                throw new UsageException("--delimiter must be one character or 'tab', not '" + delimiter + "'");
            }
            b.delimiter(parse(() -> d.charAt(0)));
        }
        if (duplicates != null) {
            b.duplicatePolicy(parse(() -> DuplicatePolicy.valueOf(duplicates.strip().toUpperCase(Locale.ROOT)),
                    "--duplicates must be skip, update or create, not '" + duplicates + "'"));
        }
        if (answerFormat != null) {
            String f = answerFormat.strip().toLowerCase(Locale.ROOT);
            if (f.equals("html")) {
                b.answerFormat(AnswerFormat.BASIC_HTML);
            } else if (f.equals("text")) {
                b.answerFormat(AnswerFormat.PLAIN_TEXT);
            } else {
                throw new UsageException("--answer-format must be html or text, not '" + answerFormat + "'");
            }
        }
        return b.build();
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
        run.validate();
        return l;
    }

    private static int positive(int value, String option) {
        if (value < 1) {
            throw new UsageException(option + " must be at least 1, not " + value);
        }
        return value;
    }

    private static <T> T parse(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static <T> T parse(java.util.function.Supplier<T> s, String message) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(message);
        }
    }
}
