package dev.qaimport.examples.cli;

import dev.qaimport.ImportException;
import dev.qaimport.ImportListener;
import dev.qaimport.SearchHit;
import dev.qaimport.Worker;
import dev.qaimport.model.EmbeddingResult;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.validate.Sanitizer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that look at and manage jobs, and search. */
public final class JobCommands {
    private JobCommands() {
    }

    static UUID jobId(String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException("'" + value + "' is not a job id (a UUID such as 3f2c9a4e-8d7b-4c1e-9f0a-2b6d5e8c7a10)");
        }
    }

    /** {@code qa-import status JOB_ID}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows one job's status, counts and progress.")
    public static final class Status implements Callable<Integer> {
        private final Env env;

        @Parameters(index = "0", paramLabel = "JOB_ID")
        String id;

        @Mixin
        DatabaseOptions db = new DatabaseOptions();

        @Option(names = "--json", description = "Print the job as JSON.")
        boolean json;

        public Status(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            UUID jobId = jobId(id);
            try (Session s = Session.open(env, db, null, ImportListener.NONE, b -> b)) {
                ImportJob job = s.qa.getJob(jobId).orElseThrow(() -> new UsageException("no import job with id " + jobId));
                if (json) {
                    Reports.jobJson(env.out(), List.of(job), false);
                } else {
                    printJob(env, job);
                }
                return 0;
            }
        }
    }

    static void printJob(Env env, ImportJob job) {
        env.out().printf(Locale.ROOT, "job        %s%n", job.id());
        env.out().printf(Locale.ROOT, "file       %s (%s, %s bytes)%n", Printable.line(job.filename()), job.sourceType().name().toLowerCase(Locale.ROOT),
                Reports.fmt(job.payloadBytes()));
        env.out().printf(Locale.ROOT, "status     %s%s%n", job.status(), job.cancelRequested() && !job.status().isTerminal()
                ? " (cancel requested)" : "");
        env.out().printf(Locale.ROOT, "progress   %d%% (%s of %s rows)%n", (int) (job.progress() * 100), Reports.fmt(job.processedRows()),
                job.totalRows() >= 0 ? Reports.fmt(job.totalRows()) : "?");
        env.out().printf(Locale.ROOT, "rows       %s stored, %s skipped, %s rejected%n", Reports.fmt(job.successCount()),
                Reports.fmt(job.skippedCount()), Reports.fmt(job.errorCount()));
        env.out().printf(Locale.ROOT, "embedded   %s (%s failed)%n", Reports.fmt(job.embeddedCount()), Reports.fmt(job.embeddingErrorCount()));
        if (job.errorMessage() != null) {
            env.out().printf(Locale.ROOT, "message    %s%n", Printable.line(job.errorMessage()));
        }
        if (job.leaseOwner() != null) {
            env.out().printf(Locale.ROOT, "worker     %s (attempt %d, lease until %s)%n", Printable.line(job.leaseOwner()), job.attempt(),
                    job.leaseExpiresAt());
        }
        env.out().printf(Locale.ROOT, "created    %s%n", job.createdAt());
        if (job.completedAt() != null) {
            env.out().printf(Locale.ROOT, "finished   %s%n", job.completedAt());
        }
    }

    /** {@code qa-import jobs}. */
    @Command(name = "jobs", mixinStandardHelpOptions = true, description = "Lists recent jobs with their status and counts, newest first.")
    public static final class Jobs implements Callable<Integer> {
        private final Env env;

        @Mixin
        DatabaseOptions db = new DatabaseOptions();

        @Option(names = "--limit", paramLabel = "N", description = "How many jobs (default 20).")
        int limit = 20;

        @Option(names = "--json", description = "Print the jobs as a JSON array.")
        boolean json;

        public Jobs(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new UsageException("--limit must be at least 1, not " + limit);
            }
            try (Session s = Session.open(env, db, null, ImportListener.NONE, b -> b)) {
                List<ImportJob> jobs = s.qa.recentJobs(limit);
                if (json) {
                    Reports.jobJson(env.out(), jobs, true);
                } else if (jobs.isEmpty()) {
                    env.out().println("No jobs yet. Start one with: qa-import import FILE");
                } else {
                    env.out().printf(Locale.ROOT, "%-36s  %-10s  %9s  %9s  %8s  %8s  %8s  %s%n", "JOB", "STATUS", "ROWS", "STORED",
                            "SKIPPED", "ERRORS", "EMBEDDED", "FILE");
                    for (ImportJob j : jobs) {
                        env.out().printf(Locale.ROOT, "%-36s  %-10s  %9s  %9s  %8s  %8s  %8s  %s%n", j.id(), j.status(),
                                Reports.fmt(j.processedRows()), Reports.fmt(j.successCount()), Reports.fmt(j.skippedCount()),
                                Reports.fmt(j.errorCount()), Reports.fmt(j.embeddedCount()), Printable.line(j.filename()));
                    }
                }
                return 0;
            }
        }
    }

    /** {@code qa-import cancel JOB_ID}. */
    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancels a job: a pending one at once, a running one after its current batch. "
            + "Committed rows stay.")
    public static final class Cancel implements Callable<Integer> {
        private final Env env;

        @Parameters(index = "0", paramLabel = "JOB_ID")
        String id;

        @Mixin
        DatabaseOptions db = new DatabaseOptions();

        public Cancel(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            UUID jobId = jobId(id);
            try (Session s = Session.open(env, db, null, ImportListener.NONE, b -> b)) {
                ImportJob job = s.qa.getJob(jobId).orElseThrow(() -> new UsageException("no import job with id " + jobId));
                if (job.status().isTerminal()) {
                    env.err().println("qa-import: job " + jobId + " is already " + job.status() + "; nothing to cancel");
                    return 1;
                }
                s.qa.cancel(jobId);
                ImportJob now = s.qa.getJob(jobId).orElseThrow();
                env.out().println(now.status() == JobStatus.CANCELLED ? "Cancelled job " + jobId
                        : "Cancel requested: job " + jobId + " stops after its current batch (committed rows stay)");
                return 0;
            }
        }
    }

    /** {@code qa-import retry JOB_ID}. */
    @Command(name = "retry", mixinStandardHelpOptions = true, description = {"Continues a FAILED or CANCELLED job after its last committed "
            + "row, with its counts, and runs it to its end here. Its upload must still be stored: it is kept for jobs that failed "
            + "because the database was unavailable or their attempts ran out (DATABASE_UNAVAILABLE, ATTEMPTS_EXHAUSTED)."})
    public static final class Retry implements Callable<Integer> {
        private final Env env;

        @Parameters(index = "0", paramLabel = "JOB_ID")
        String id;

        @Mixin
        DatabaseOptions db = new DatabaseOptions();

        @Mixin
        EmbeddingOptions embedding = new EmbeddingOptions();

        @Option(names = "--json", description = "Print the job as a JSON object when it ends.")
        boolean json;

        @Option(names = {"-q", "--quiet"}, description = "No progress display.")
        boolean quiet;

        public Retry(Env env) {
            this.env = env;
        }

        /** Exit status: 0 when the job completed, 1 when it failed or was stopped again, 2 when it cannot be retried. */
        @Override
        public Integer call() {
            UUID jobId = jobId(id);
            EmbeddingService embeddings = embedding.create(env);
            ProgressDisplay progress = new ProgressDisplay(env.err(), env.terminal());
            try (Session s = Session.open(env, db, embeddings, quiet ? ImportListener.NONE : progress, b -> b);
                    GracefulStop stop = GracefulStop.install(env.err(), () -> {
                        progress.finish();
                        env.err().println("qa-import: interrupted; stopping after the current batch");
                        s.qa.close();
                    })) {
                ImportJob before = s.qa.getJob(jobId).orElseThrow(() -> new UsageException("no import job with id " + jobId));
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
                    printJob(env, done);
                }
                env.out().flush();
                if (stop.requested()) {
                    env.err().println("qa-import: stopped; the job keeps its committed rows; run 'qa-import resume' to finish it");
                    return stop.exitStatus();
                }
                return done.status() == JobStatus.COMPLETED ? 0 : 1;
            }
        }
    }

    /** {@code qa-import resume}. */
    @Command(name = "resume", mixinStandardHelpOptions = true, description = {"Finishes every unfinished job: pending ones and those whose worker died, each resumed "
        + "after its last committed batch. Waits for a dead worker's lease to expire first, and says how long."})
    public static final class Resume implements Callable<Integer> {
        private final Env env;

        @Mixin
        DatabaseOptions db = new DatabaseOptions();

        @Mixin
        EmbeddingOptions embedding = new EmbeddingOptions();

        @Mixin
        RunOptions run = new RunOptions();

        @Option(names = "--json", description = "Print the resumed jobs as a JSON array.")
        boolean json;

        @Option(names = {"-q", "--quiet"}, description = "No progress display.")
        boolean quiet;

        public Resume(Env env) {
            this.env = env;
        }

        /**
         * Resumes the unfinished jobs, then embeds the pairs any job left pending. Exit status: 0
         * when every resumed job completed and the pending pairs were embedded (pairs the provider
         * rejected as input are counted, as in {@code import}); 1 when a job did not complete or
         * the provider failed so that pairs stay pending; 130/143 when stopped by a signal.
         */
        @Override
        public Integer call() throws InterruptedException {
            run.validate();
            EmbeddingService service = embedding.create(env);
            StoppableEmbeddings embeddings = service == null ? null : new StoppableEmbeddings(service);
            ProgressDisplay progress = new ProgressDisplay(env.err(), env.terminal());
            AtomicBoolean retrying = new AtomicBoolean();
            try (Session s = Session.open(env, db, embeddings, quiet ? ImportListener.NONE : progress, run::apply);
                    GracefulStop stop = GracefulStop.install(env.err(), () -> {
                        progress.finish();
                        env.err().println("qa-import: interrupted; stopping after the current batch");
                        synchronized (retrying) {
                            if (retrying.get()) {
                                // Closing would stop retryPending too, but the report below still needs the session:
                                // refusing further requests ends it once the requests in flight are committed.
                                embeddings.stop();
                                return;
                            }
                        }
                        // Closing stops the running job after its current batch and releases it; recover() then returns.
                        s.qa.close();
                    })) {
                waitForLeases(s, stop);
                List<ImportJob> done = stop.requested() ? List.of() : s.qa.recover();
                progress.finish();
                if (stop.requested()) {
                    env.err().println("qa-import: stopped; unfinished jobs keep their committed rows; run 'qa-import resume' again to finish them");
                    return stop.exitStatus();
                }
                EmbeddingResult retried = EmbeddingResult.NONE;
                if (embeddings != null) {
                    synchronized (retrying) {
                        retrying.set(!stop.requested());
                    }
                    if (retrying.get()) {
                        retried = s.qa.retryPending(null);
                    }
                }
                List<ImportJob> reported = done.stream().map(j -> s.qa.getJob(j.id()).orElse(j)).collect(java.util.stream.Collectors.toList());
                if (json) {
                    Reports.jobJson(env.out(), reported, true);
                } else if (reported.isEmpty()) {
                    env.out().println(retried.embedded() + retried.failed() > 0 ? "No unfinished jobs." : "Nothing to resume: every job is finished.");
                } else {
                    for (ImportJob j : reported) {
                        env.out().printf(Locale.ROOT, "%s %s: %s rows, %s stored, %s skipped, %s rejected, %s embedded%n", j.status(),
                                Printable.line(j.filename()), Reports.fmt(j.processedRows()), Reports.fmt(j.successCount()),
                                Reports.fmt(j.skippedCount()), Reports.fmt(j.errorCount()), Reports.fmt(j.embeddedCount()));
                    }
                }
                if (!json && retried.embedded() + retried.failed() > 0) {
                    env.out().printf(Locale.ROOT, "Embedded %s pending pairs%s%n", Reports.fmt(retried.embedded()),
                            retried.failed() > 0 ? " (" + Reports.fmt(retried.failed()) + " rejected by the provider)" : "");
                }
                env.out().flush();
                if (stop.requested()) {
                    env.err().printf(Locale.ROOT, "qa-import: stopped while embedding pending pairs; %s pairs stay pending; run "
                            + "'qa-import resume' again to embed them%n", Reports.fmt(retried.pending()));
                    return stop.exitStatus();
                }
                boolean embeddedAll = retried.error() == null;
                if (!embeddedAll) {
                    env.err().printf(Locale.ROOT, "qa-import: embedding the pending pairs failed: %s; %s pairs stay pending; fix the "
                            + "provider and run 'qa-import resume' again%n", Printable.line(retried.error()), Reports.fmt(retried.pending()));
                }
                return embeddedAll && reported.stream().allMatch(j -> j.status() == JobStatus.COMPLETED) ? 0 : 1;
            }
        }

        private void waitForLeases(Session s, GracefulStop stop) throws InterruptedException {
            Instant now = Instant.now();
            List<ImportJob> held = s.qa.processingJobs(1000);
            Instant until = null;
            for (ImportJob j : held) {
                if (j.leaseExpiresAt() != null && j.leaseExpiresAt().isAfter(now)) {
                    long millis = Duration.between(now, j.leaseExpiresAt()).toMillis();
                    long secs = Math.max(1, (millis + 999) / 1000);
                    env.err().printf(Locale.ROOT, "qa-import: job %s (%s) is held by worker %s, last committed row %s; waiting %d s "
                            + "for its lease to expire (if that worker is alive it keeps the job)%n", j.id(), Printable.line(j.filename()),
                            Printable.line(j.leaseOwner()),
                            Reports.fmt(j.processedRows()), secs);
                    if (until == null || j.leaseExpiresAt().isAfter(until)) {
                        until = j.leaseExpiresAt();
                    }
                }
            }
            if (until != null) {
                // A little past the expiry, so that the claim's comparison with the stored time surely sees it expired.
                Instant end = until.plusMillis(250);
                while (!stop.requested() && Instant.now().isBefore(end)) {
                    Thread.sleep(Math.min(100, Math.max(1, Duration.between(Instant.now(), end).toMillis())));
                }
            }
        }
    }

    /** {@code qa-import worker}. */
    @Command(name = "worker", mixinStandardHelpOptions = true, description = "Runs a worker that processes queued jobs and pending embeddings until interrupted "
            + "(Ctrl-C stops it gracefully).")
    public static final class WorkerCommand implements Callable<Integer> {
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
            EmbeddingService embeddings = embedding.create(env);
            CountDownLatch stopped = new CountDownLatch(1);
            String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host, as the library's default id
            String workerId = (runtime.length() > 90 ? runtime.substring(0, 90) : runtime) + "-" + UUID.randomUUID().toString().substring(0, 8);
            try (Session s = Session.open(env, db, embeddings, new WorkerLog(env, workerId),
                    b -> run.apply(b.maxConcurrentJobs(jobs).workerId(workerId)))) {
                Worker worker = s.qa.startWorker(jobs, Duration.ofMillis(pollMillis));
                try (GracefulStop stop = GracefulStop.install(env.err(), () -> {
                    env.err().println("qa-import: stopping the worker; running jobs stop after their current batch and are released");
                    worker.close();
                    stopped.countDown();
                })) {
                    env.err().printf(Locale.ROOT, "qa-import: worker %s started (%d jobs at once, polling every %d ms, %s); Ctrl-C stops it%n",
                            workerId, jobs, pollMillis, embeddings == null ? "no embeddings" : "embeddings: " + embeddings.describe());
                    stopped.await();
                    env.err().println("qa-import: worker " + workerId + " stopped");
                    return stop.exitStatus();
                }
            }
        }
    }

    /**
     * One line on standard error per job a worker lets go of, so that operators (and tests) can see
     * which worker did what without turning on debug logs.
     */
    static final class WorkerLog implements ImportListener {
        private final Env env;
        private final String workerId;

        WorkerLog(Env env, String workerId) {
            this.env = env;
            this.workerId = workerId;
        }

        @Override
        public void onJobFinished(ImportJob job) {
            if (job.status().isTerminal()) {
                env.err().printf(Locale.ROOT, "qa-import: worker %s finished job %s (%s): %s rows, %s stored, %s skipped, %s rejected%n",
                        workerId, job.id(), job.status(), Reports.fmt(job.processedRows()), Reports.fmt(job.successCount()),
                        Reports.fmt(job.skippedCount()), Reports.fmt(job.errorCount()));
            } else {
                env.err().printf(Locale.ROOT, "qa-import: worker %s let go of job %s after row %s (%s); another worker or "
                        + "'qa-import resume' continues it%n", workerId, job.id(), Reports.fmt(job.processedRows()), job.status());
            }
        }
    }

    /** {@code qa-import search QUERY}. */
    @Command(name = "search", mixinStandardHelpOptions = true, description = "Finds the pairs closest in meaning to a query, using the same embedding model as the import.")
    public static final class Search implements Callable<Integer> {
        private final Env env;

        @Parameters(index = "0", paramLabel = "QUERY")
        String query;

        @Mixin
        DatabaseOptions db = new DatabaseOptions();

        @Mixin
        EmbeddingOptions embedding = new EmbeddingOptions();

        @Option(names = "--limit", paramLabel = "N", description = "How many results (default 5).")
        int limit = 5;

        @Option(names = "--json", description = "Print the results as a JSON array.")
        boolean json;

        public Search(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new UsageException("--limit must be at least 1, not " + limit);
            }
            if (query.isBlank()) {
                throw new UsageException("the search query is empty");
            }
            EmbeddingService embeddings = embedding.create(env);
            if (embeddings == null) {
                throw new UsageException("search needs embeddings; use --embeddings local, openai, azure or ollama");
            }
            try (Session s = Session.open(env, db, embeddings, ImportListener.NONE, b -> b)) {
                List<SearchHit> hits;
                try {
                    hits = s.qa.search(query, limit);
                } catch (ImportException e) {
                    if (ErrorCodes.EMBEDDING.equals(e.code())) {
                        env.err().println("qa-import: " + Printable.line(e.getMessage()));
                        return 1;
                    }
                    throw e;
                }
                if (json) {
                    printJson(hits);
                } else if (hits.isEmpty()) {
                    env.out().println("No embedded pairs yet for " + Printable.line(embeddings.describe()) + ". Import a file first: qa-import import FILE");
                } else {
                    int i = 1;
                    for (SearchHit h : hits) {
                        String answer = Sanitizer.plainText(h.answer()).replaceAll("\\s+", " ");
                        if (answer.length() > 200) {
                            int end = Character.isHighSurrogate(answer.charAt(199)) ? 199 : 200;
                            answer = answer.substring(0, end) + "…";
                        }
                        env.out().printf(Locale.ROOT, "%d. [%.3f] %s%n   %s%n", i++, h.score(), Printable.line(h.question()), Printable.line(answer));
                    }
                }
                return 0;
            }
        }

        private void printJson(List<SearchHit> hits) {
            try (com.fasterxml.jackson.core.JsonGenerator g = Reports.JSON.createGenerator(env.out())) {
                g.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.writeStartArray();
                for (SearchHit h : hits) {
                    g.writeStartObject();
                    g.writeStringField("pairId", h.pairId().toString());
                    g.writeNumberField("score", Math.round(h.score() * 10000) / 10000.0);
                    g.writeStringField("question", h.question());
                    g.writeStringField("answer", h.answer());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeRaw('\n');
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            env.out().flush();
        }
    }
}
