package dev.qaimport.examples.cli;

import dev.qaimport.ImportException;
import dev.qaimport.ImportListener;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.ImportJob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qa-import submit FILE…}: stores each upload and its job in the database and returns,
 * leaving the work to {@code qa-import worker} processes that share the database. Every file is
 * checked (exists, format, size, options) before the first one is stored, so a mistake in one
 * submits none.
 */
@Command(name = "submit", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Queues files for import without running them: stores each upload and its job in the database, prints the "
            + "job ids (one a line) and exits. 'qa-import worker' processes on the same database run the jobs; "
            + "'qa-import status JOB_ID --watch' follows one.",
            "Exit status: 0 when every file was submitted, 1 when the database failed, 2 for a usage or input error."})
public final class SubmitCommand implements Callable<Integer> {
    private final Env env;

    @Parameters(index = "0", arity = "1..*", paramLabel = "FILE", description = "The files to submit.")
    List<Path> files;

    @Mixin
    DatabaseOptions db = new DatabaseOptions();

    @Mixin
    CollectionOption collection = new CollectionOption();

    @Mixin
    ReadOptions read = new ReadOptions();

    @Mixin
    EmbeddingOptions embedding = new EmbeddingOptions();

    @Option(names = "--max-file-size", paramLabel = "BYTES", description = "Largest file accepted (default 2 GiB); suffixes k, m, g. "
            + "The other limits, the batch size and the embedding provider are the settings of the worker that runs the job.")
    String maxFileSize;

    @Option(names = "--json", description = "Print one JSON object per file (jobId, collection, filename, format, status, payloadBytes) on standard "
            + "output.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print only the job ids (or the JSON), no notes on standard error.")
    boolean quiet;

    public SubmitCommand(Env env) {
        this.env = env;
    }

    /** A file ready to submit: where it is, what it is called in messages, and how it is read. */
    private record Upload(Path path, String shown, String name, ImportOptions options) {
    }

    @Override
    public Integer call() {
        collection.validate(env);
        Limits limits = maxFileSize == null ? Limits.defaults() : Limits.defaults().withMaxFileBytes(Sizes.parse(maxFileSize, "--max-file-size"));
        // Checked and recorded with each job without building the provider: its key belongs to the workers.
        EmbeddingProfile profile = embedding.profile();
        List<Upload> uploads = new ArrayList<>();
        for (Path file : files) {
            uploads.add(checked(file, limits.maxFileBytes(), profile));
        }
        Session s;
        try {
            s = Session.open(env, db, collection, null, ImportListener.NONE, b -> b.limits(limits));
        } catch (ImportException e) {
            throw new ImportException(e.code(), "cannot submit " + uploads.get(0).shown() + (uploads.size() > 1 ? " and the other files" : "")
                    + ": " + e.getMessage(), e);
        }
        try (s) {
            for (int i = 0; i < uploads.size(); i++) {
                ImportJob job = submit(s, uploads.get(i), i);
                if (json) {
                    Reports.submittedJson(env.out(), job);
                } else {
                    env.out().println(job.id());
                }
                env.out().flush();
                if (!quiet) {
                    env.err().printf(Locale.ROOT, "qa-import: submitted %s as job %s (%s, %s bytes, %s)%n", uploads.get(i).shown(), job.id(),
                            job.sourceType().name().toLowerCase(Locale.ROOT), Reports.fmt(job.payloadBytes()), job.status());
                }
            }
        }
        if (!quiet) {
            String same = db.isDefault(env) ? "" : " with the same --db";
            env.err().println("qa-import: 'qa-import worker'" + same + " runs " + (uploads.size() == 1 ? "it" : "them")
                    + "; 'qa-import status JOB_ID --watch" + collection.hint() + "'" + same + " follows one");
        }
        return 0;
    }

    /** Checks one file before anything is stored: it exists, is not too large, and its format and options are clear. */
    private Upload checked(Path file, long maxBytes, EmbeddingProfile profile) {
        Path path = env.workingDirectory().resolve(file);
        String shown = Printable.line(file.toString());
        if (!Files.isRegularFile(path)) {
            throw new UsageException(Files.isDirectory(path) ? shown + " is a directory, not a file" : "file not found: " + shown);
        }
        String name = path.getFileName().toString();
        ImportOptions options = read.options(name).toBuilder().embeddingProfile(profile).build();
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw new UsageException("cannot read " + shown + ": " + e.getMessage());
        }
        if (size > maxBytes) {
            throw new UsageException(String.format(Locale.ROOT, "%s is %s bytes, larger than the limit of %s bytes; raise --max-file-size "
                    + "to submit it (nothing was submitted)", shown, Reports.fmt(size), Reports.fmt(maxBytes)));
        }
        if (!Files.isReadable(path)) {
            throw new UsageException("cannot read " + shown + ": permission denied");
        }
        return new Upload(path, shown, name, options);
    }

    /** Stores one upload; a failure says which file, and what became of the files before it. */
    private ImportJob submit(Session s, Upload upload, int before) {
        String earlier = before == 0 ? "" : String.format(Locale.ROOT, " (the %d file%s before it %s submitted; %s job id%s %s on standard output)",
                before, before == 1 ? "" : "s", before == 1 ? "was" : "were", before == 1 ? "its" : "their", before == 1 ? "" : "s",
                before == 1 ? "is" : "are");
        UUID id;
        try (InputStream in = Files.newInputStream(upload.path())) {
            id = s.qa.startImport(upload.name(), in, upload.options());
        } catch (IOException e) {
            throw new UsageException("cannot read " + upload.shown() + ": " + e.getMessage() + earlier);
        } catch (ImportException e) {
            String message = e.getMessage().startsWith(upload.name() + ": ") ? e.getMessage() : upload.shown() + ": " + e.getMessage();
            throw new ImportException(e.code(), message + earlier, e);
        }
        return s.qa.getJob(id).orElseThrow(() -> new IllegalStateException("job " + id + " vanished right after it was stored"));
    }
}
