package dev.qaimport.examples.cli;

import dev.qaimport.ImportListener;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that look at jobs ({@code status}, {@code jobs}) and cancel them, and what the job commands share. */
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

    /** The job, if it is in the session's collection; otherwise a usage error, as for an id that is nobody's. */
    static ImportJob job(Session s, UUID jobId) {
        return s.qa.getJob(jobId).orElseThrow(() -> new UsageException("no import job with id " + jobId + " in collection "
                + s.qa.collection()));
    }

    /** {@code qa-import status JOB_ID [--watch]}. */
    @Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false, description = {"Shows one job's status, counts and progress; "
            + "with --watch, follows it live until it has ended and its embeddings are no longer pending.",
        "Exit status: 0; with --watch, 0 when the job completed, 1 when it failed or was cancelled, 130 when Ctrl-C stopped the watching "
            + "(the job goes on)."})
    public static final class Status implements Callable<Integer> {
        private final Env env;

        @Parameters(index = "0", paramLabel = "JOB_ID")
        String id;

        @Mixin
        DatabaseOptions db = new DatabaseOptions();

        @Mixin
        CollectionOption collection = new CollectionOption();

        @Option(names = "--watch", description = "Follow the job as another process runs it: a live line on a terminal, a line per "
                + "change otherwise, then the final status.")
        boolean watch;

        @Option(names = "--interval", paramLabel = "MILLIS", description = "With --watch: how often to look at the job (default 1000).")
        Long intervalMillis;

        @Option(names = "--no-wait-embeddings", description = "With --watch: stop once the job has ended, even while some of its pairs "
                + "still wait for an embedding.")
        boolean noWaitEmbeddings;

        @Option(names = "--json", description = "Print the job as JSON; with --watch, one JSON object per change (JSON Lines).")
        boolean json;

        @Option(names = {"-q", "--quiet"}, description = "With --watch: no live progress, only the final status.")
        boolean quiet;

        public Status(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            collection.validate(env);
            UUID jobId = jobId(id);
            if (!watch && (intervalMillis != null || noWaitEmbeddings || quiet)) {
                throw new UsageException("--interval, --no-wait-embeddings and --quiet go with --watch");
            }
            long interval = intervalMillis == null ? 1000 : intervalMillis;
            if (interval < 10) {
                throw new UsageException("--interval must be at least 10 milliseconds, not " + interval);
            }
            try (Session s = Session.open(env, db, collection, null, ImportListener.NONE, b -> b)) {
                ImportJob job = job(s, jobId);
                if (watch) {
                    return new StatusWatch(env, s, jobId, interval, json, quiet, !noWaitEmbeddings).run();
                }
                long pending = s.store.embeddings().countPending(jobId);
                if (json) {
                    Reports.watchJson(env.out(), job, pending);
                } else {
                    printJob(env, job, pending, s.qa.getEmbeddingProfile(jobId).orElse(null));
                }
                return 0;
            }
        }
    }

    static void printJob(Env env, ImportJob job) {
        printJob(env, job, -1);
    }

    /** Prints the job as {@code status} does; {@code pending} is the count of its pairs waiting for an embedding, or -1 when not known. */
    static void printJob(Env env, ImportJob job, long pending) {
        printJob(env, job, pending, null);
    }

    /** The same, with the embedding profile the job recorded, or {@code null} when it recorded none or is not shown. */
    static void printJob(Env env, ImportJob job, long pending, EmbeddingProfile profile) {
        env.out().printf(Locale.ROOT, "job        %s%n", job.id());
        env.out().printf(Locale.ROOT, "collection %s%n", job.collection());
        env.out().printf(Locale.ROOT, "file       %s (%s, %s bytes)%n", Printable.line(job.filename()), job.sourceType().name().toLowerCase(Locale.ROOT),
                Reports.fmt(job.payloadBytes()));
        env.out().printf(Locale.ROOT, "status     %s%s%n", job.status(), job.cancelRequested() && !job.status().isTerminal()
                ? " (cancel requested)" : "");
        env.out().printf(Locale.ROOT, "progress   %d%% (%s of %s rows)%n", (int) (job.progress() * 100), Reports.fmt(job.processedRows()),
                job.totalRows() >= 0 ? Reports.fmt(job.totalRows()) : "?");
        env.out().printf(Locale.ROOT, "rows       %s stored, %s skipped, %s rejected%n", Reports.fmt(job.successCount()),
                Reports.fmt(job.skippedCount()), Reports.fmt(job.errorCount()));
        env.out().printf(Locale.ROOT, "embedded   %s (%s failed%s)%n", Reports.fmt(job.embeddedCount()), Reports.fmt(job.embeddingErrorCount()),
                pending >= 0 ? ", " + Reports.fmt(pending) + " pending" : "");
        if (profile != null) {
            env.out().printf(Locale.ROOT, "embed with %s%n", Printable.line(profile.describe()));
        }
        if (job.errorMessage() != null) {
            env.out().printf(Locale.ROOT, "message    %s%n", Printable.line(job.errorMessage()));
        }
        if (job.fileNote() != null) {
            env.out().printf(Locale.ROOT, "note       %s%n", Printable.line(job.fileNote()));
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

        @Mixin
        CollectionOption collection = new CollectionOption();

        @Option(names = "--limit", paramLabel = "N", description = "How many jobs (default 20).")
        int limit = 20;

        @Option(names = "--json", description = "Print the jobs as a JSON array.")
        boolean json;

        public Jobs(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            collection.validate(env);
            if (limit < 1) {
                throw new UsageException("--limit must be at least 1, not " + limit);
            }
            try (Session s = Session.open(env, db, collection, null, ImportListener.NONE, b -> b)) {
                List<ImportJob> jobs = s.qa.recentJobs(limit);
                if (json) {
                    Reports.jobJson(env.out(), jobs, true);
                } else if (jobs.isEmpty()) {
                    env.out().println(collection.given(env) == null ? "No jobs yet. Start one with: qa-import import FILE"
                            : "No jobs yet in collection " + s.qa.collection() + ". Start one with: qa-import import FILE" + collection.hint());
                } else {
                    int width = Math.max("COLLECTION".length(), jobs.stream().mapToInt(j -> j.collection().length()).max().orElse(0));
                    String format = "%-36s  %-10s  %9s  %9s  %8s  %8s  %8s  %-" + width + "s  %s%n";
                    env.out().printf(Locale.ROOT, format, "JOB", "STATUS", "ROWS", "STORED", "SKIPPED", "ERRORS", "EMBEDDED", "COLLECTION",
                            "FILE");
                    for (ImportJob j : jobs) {
                        env.out().printf(Locale.ROOT, format, j.id(), j.status(), Reports.fmt(j.processedRows()), Reports.fmt(j.successCount()),
                                Reports.fmt(j.skippedCount()), Reports.fmt(j.errorCount()), Reports.fmt(j.embeddedCount()), j.collection(),
                                Printable.line(j.filename()));
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

        @Mixin
        CollectionOption collection = new CollectionOption();

        public Cancel(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            collection.validate(env);
            UUID jobId = jobId(id);
            try (Session s = Session.open(env, db, collection, null, ImportListener.NONE, b -> b)) {
                ImportJob job = job(s, jobId);
                if (job.status().isTerminal()) {
                    return nothingToCancel(jobId, job.status());
                }
                // A job with a live worker is only asked to stop: its worker may end it before the
                // status is read back, so the message follows what the job was, not what it is now.
                boolean workerHolds = job.status() == JobStatus.PROCESSING && job.leaseExpiresAt() != null
                        && job.leaseExpiresAt().isAfter(Instant.now());
                boolean cancelled = s.qa.cancel(jobId);
                ImportJob now = s.qa.getJob(jobId).orElseThrow();
                if (!cancelled) {
                    return nothingToCancel(jobId, now.status()); // it ended in the meantime
                }
                env.out().println(now.status() == JobStatus.CANCELLED && !workerHolds ? "Cancelled job " + jobId
                        : "Cancel requested: job " + jobId + " stops after its current batch (committed rows stay)");
                return 0;
            }
        }

        private int nothingToCancel(UUID jobId, JobStatus status) {
            env.err().println("qa-import: job " + jobId + " is already " + status + "; nothing to cancel");
            return 1;
        }
    }
}
