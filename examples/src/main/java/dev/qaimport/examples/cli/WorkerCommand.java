package dev.qaimport.examples.cli;

import dev.qaimport.Worker;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.spi.EmbeddingServices;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qa-import worker}. */
@Command(name = "worker", mixinStandardHelpOptions = true, description = "Runs a worker that processes queued jobs and pending embeddings until interrupted "
        + "(Ctrl-C stops it gracefully).")
public final class WorkerCommand implements Callable<Integer> {
    private final Env env;

    @Mixin
    DatabaseOptions db = new DatabaseOptions();

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
        if (jobs < 1) {
            throw new UsageException("--jobs must be at least 1, not " + jobs);
        }
        if (pollMillis < 10) {
            throw new UsageException("--poll must be at least 10 milliseconds, not " + pollMillis);
        }
        run.validate();
        EmbeddingService embeddings = embedding.createForContinuing(env);
        CountDownLatch stopped = new CountDownLatch(1);
        String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host, as the library's default id
        String workerId = (runtime.length() > 90 ? runtime.substring(0, 90) : runtime) + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (Session s = Session.open(env, db, embeddings, new WorkerLog(env, workerId),
                b -> run.apply(b.maxConcurrentJobs(jobs).workerId(workerId)).followJobProfiles(!embedding.named())
                        .embeddingServices(embedding.named() ? EmbeddingServices.NONE : embedding.fromProfiles(env, found -> found)))) {
            Worker worker = s.qa.startWorker(jobs, Duration.ofMillis(pollMillis));
            try (GracefulStop stop = GracefulStop.install(env.err(), () -> {
                env.err().println("qa-import: stopping the worker; running jobs stop after their current batch and are released");
                worker.close();
                stopped.countDown();
            })) {
                env.err().printf(Locale.ROOT, "qa-import: worker %s started (%d jobs at once, polling every %d ms, %s); Ctrl-C stops it%n",
                        workerId, jobs, pollMillis, embedding.named() ? (embeddings == null ? "no embeddings" : "embeddings: " + embeddings.describe())
                                : "embeddings: each job's recorded provider (" + (embeddings == null ? "none" : embeddings.describe()) + " for jobs that recorded none)");
                stopped.await();
                env.err().println("qa-import: worker " + workerId + " stopped");
                return stop.exitStatus();
            }
        }
    }
}
