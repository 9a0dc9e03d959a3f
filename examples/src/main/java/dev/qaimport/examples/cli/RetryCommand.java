package dev.qaimport.examples.cli;

import dev.qaimport.ImportException;
import dev.qaimport.ImportListener;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.spi.EmbeddingServices;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qa-import retry JOB_ID}. */
@Command(name = "retry", mixinStandardHelpOptions = true, description = {"Continues a FAILED or CANCELLED job after its last committed "
        + "row, with its counts, and runs it to its end here. Its upload must still be stored: it is kept for jobs that failed "
        + "because the database was unavailable or their attempts ran out (DATABASE_UNAVAILABLE, ATTEMPTS_EXHAUSTED)."})
public final class RetryCommand implements Callable<Integer> {
    private final Env env;

    @Parameters(index = "0", paramLabel = "JOB_ID")
    String id;

    @Mixin
    DatabaseOptions db = new DatabaseOptions();

    @Mixin
    CollectionOption collection = new CollectionOption();

    @Mixin
    EmbeddingOptions embedding = new EmbeddingOptions();

    @Option(names = "--json", description = "Print the job as a JSON object when it ends.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress display.")
    boolean quiet;

    public RetryCommand(Env env) {
        this.env = env;
    }

    /** Exit status: 0 when the job completed, 1 when it failed or was stopped again, 2 when it cannot be retried. */
    @Override
    public Integer call() {
        collection.validate(env);
        UUID jobId = JobCommands.jobId(id);
        EmbeddingService embeddings = embedding.createForContinuing(env);
        ProgressDisplay progress = new ProgressDisplay(env.err(), env.terminal());
        EmbeddingServices recorded = embedding.named() ? EmbeddingServices.NONE : embedding.fromProfiles(env, found -> found);
        try (Session s = Session.open(env, db, collection, embeddings, quiet ? ImportListener.NONE : progress,
                b -> b.embeddingServices(recorded).followJobProfiles(!embedding.named()));
                GracefulStop stop = GracefulStop.install(env.err(), () -> {
                    progress.finish();
                    env.err().println("qa-import: interrupted; stopping after the current batch");
                    s.qa.close();
                })) {
            ImportJob before = JobCommands.job(s, jobId);
            try {
                s.qa.retry(jobId);
            } catch (ImportException e) {
                throw new UsageException(e.getMessage());
            }
            if (!quiet) {
                env.err().printf(Locale.ROOT, "qa-import: job %s (%s) reopened; continuing after row %s%n", jobId,
                        Printable.line(before.filename()), Reports.fmt(before.processedRows()));
            }
            ImportJob done;
            try {
                done = s.qa.processImport(jobId);
            } catch (ImportException e) {
                if (stop.requested()) {
                    done = s.qa.getJob(jobId).orElse(before);
                } else {
                    throw e;
                }
            }
            progress.finish();
            if (json) {
                Reports.jobJson(env.out(), List.of(done), false);
            } else {
                JobCommands.printJob(env, done);
            }
            env.out().flush();
            if (stop.requested()) {
                env.err().println("qa-import: stopped; the job keeps its committed rows; run 'qa-import resume" + collection.hint() + "' to finish it");
                return stop.exitStatus();
            }
            return done.status() == JobStatus.COMPLETED ? 0 : 1;
        }
    }
}
