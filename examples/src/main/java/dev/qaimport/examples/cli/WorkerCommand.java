package dev.qaimport.examples.cli;

import dev.qaimport.Worker;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.spi.EmbeddingServices;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qa-import worker}. */
@Command(name = "worker", mixinStandardHelpOptions = true, description = {"Runs a worker that processes queued jobs and pending embeddings until "
        + "interrupted (Ctrl-C stops it gracefully).", "With --collection (or QA_IMPORT_COLLECTION) it serves only the jobs and "
        + "pairs of that collection; without, those of every collection."})
public final class WorkerCommand implements Callable<Integer> {
    private final Env env;

    @Mixin
    DatabaseOptions db = new DatabaseOptions();

    @Mixin
    CollectionOption collection = new CollectionOption();

    @Mixin
    EmbeddingOptions embedding = new EmbeddingOptions();

    @Option(names = "--jobs", paramLabel = "N", description = "Jobs run at once (default 2).")
    int jobs = 2;

    @Option(names = "--poll", paramLabel = "MILLIS", description = "How often to look for work (default 1000).")
    long pollMillis = 1000;

    @Mixin
    RunOptions run = new RunOptions();

    public WorkerCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        collection.validate(env);
        if (jobs < 1) {
            throw new UsageException("--jobs must be at least 1, not " + jobs);
        }
        if (pollMillis < 10) {
            throw new UsageException("--poll must be at least 10 milliseconds, not " + pollMillis);
        }
        run.validate();
        EmbeddingService embeddings = embedding.createForContinuing(env);
        CountDownLatch stopped = new CountDownLatch(1);
        String workerId = WorkerLog.newWorkerId();
        boolean interrupted = false;
        try (Session s = Session.open(env, db, collection, embeddings, new WorkerLog(env, workerId),
                b -> run.apply(b.maxConcurrentJobs(jobs).workerId(workerId)).followJobProfiles(!embedding.named())
                        .embeddingServices(embedding.named() ? EmbeddingServices.NONE : embedding.fromProfiles(env, found -> found)))) {
            Worker worker = s.qa.startWorker(jobs, Duration.ofMillis(pollMillis));
            try (GracefulStop stop = GracefulStop.install(env.err(), () -> {
                env.err().println("qa-import: stopping the worker; running jobs stop after their current batch and are released");
                worker.close();
                stopped.countDown();
            })) {
                String embedsWith = embedding.named() ? (embeddings == null ? "no embeddings" : "embeddings: " + embeddings.describe())
                        : "embeddings: each job's recorded provider (" + (embeddings == null ? "none" : embeddings.describe()) + " for jobs that recorded none)";
                env.err().printf(Locale.ROOT, "qa-import: worker %s started (%s, %d jobs at once, polling every %d ms, %s); Ctrl-C stops it%n",
                        workerId, collection.served(env), jobs, pollMillis, embedsWith);
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    // A program that runs the command in a thread of its own stops it so, as Ctrl-C would.
                    interrupted = true;
                    env.err().println("qa-import: interrupted; stopping the worker; running jobs stop after their current batch and are released");
                    worker.close();
                }
                env.err().println("qa-import: worker " + workerId + " stopped");
                return interrupted ? 128 + 2 : stop.exitStatus();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
