package dev.qaimport.examples.cli;

import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * {@code qa-import status JOB_ID --watch}: follows a job that another process runs, looking at
 * the database every interval, until the job has ended (COMPLETED, FAILED or CANCELLED) and none
 * of its pairs waits for an embedding any more. Progress goes to standard error as in
 * {@code import}: on a terminal one line redrawn in place, otherwise a line whenever something
 * changed; with {@code --json}, one JSON object per change on standard output (JSON Lines).
 * Ctrl-C stops the watching, never the job.
 */
final class StatusWatch {
    private final Env env;
    private final Session session;
    private final UUID jobId;
    private final long intervalMillis;
    private final boolean json;
    private final boolean quiet;
    private final boolean waitForEmbeddings;
    private boolean drewBar;

    StatusWatch(Env env, Session session, UUID jobId, long intervalMillis, boolean json, boolean quiet, boolean waitForEmbeddings) {
        this.env = env;
        this.session = session;
        this.jobId = jobId;
        this.intervalMillis = intervalMillis;
        this.json = json;
        this.quiet = quiet;
        this.waitForEmbeddings = waitForEmbeddings;
    }

    /** What the watch shows of a job: a new one is printed, the same one is not (the heartbeat alone changes nothing). */
    private record Shown(JobStatus status, boolean cancelRequested, long totalRows, long processedRows, long successCount, long errorCount,
            long skippedCount, long embeddedCount, long embeddingErrorCount, long bytesRead, long pending, String errorMessage) {
        static Shown of(ImportJob j, long pending) {
            return new Shown(j.status(), j.cancelRequested(), j.totalRows(), j.processedRows(), j.successCount(), j.errorCount(),
                    j.skippedCount(), j.embeddedCount(), j.embeddingErrorCount(), j.bytesRead(), pending, j.errorMessage());
        }
    }

    /** Watches until the job is over or Ctrl-C; returns the exit status (0 completed, 1 failed or cancelled, 130/143 on a signal). */
    int run() {
        CountDownLatch wakeUp = new CountDownLatch(1);
        try (GracefulStop stop = GracefulStop.install(env.err(), wakeUp::countDown)) {
            Shown last = null;
            boolean toldWaiting = false;
            // A job that asked for no embeddings keeps its pairs pending on purpose: nothing to wait for.
            boolean wait = waitForEmbeddings && !session.qa.getEmbeddingProfile(jobId).map(EmbeddingProfile::isNone).orElse(false);
            while (true) {
                ImportJob job = session.qa.getJob(jobId).orElseThrow(() -> new UsageException("job " + jobId + " no longer exists"));
                long pending = session.store.embeddings().countPending(jobId);
                Shown now = Shown.of(job, pending);
                if (!now.equals(last)) {
                    show(job, pending);
                    last = now;
                }
                boolean ended = job.status().isTerminal();
                if (ended && (pending == 0 || !wait)) {
                    return finish(job, pending, ended(job));
                }
                if (ended && !toldWaiting && !quiet) {
                    endBar();
                    env.err().printf(Locale.ROOT, "qa-import: job %s is %s; waiting for its %s pending embeddings (a worker with embeddings "
                            + "takes them; --no-wait-embeddings does not wait, Ctrl-C stops watching)%n", jobId, job.status(),
                            Reports.fmt(pending));
                    toldWaiting = true;
                }
                boolean interrupted = !stop.requested() && !pause(wakeUp);
                if (stop.requested() || interrupted) {
                    finish(job, pending, 0);
                    env.err().printf(Locale.ROOT, "qa-import: stopped watching job %s; it is %s and goes on without this command%n",
                            jobId, job.status());
                    return interrupted ? 128 + 2 : stop.exitStatus();
                }
            }
        }
    }

    /** Waits for the next look; {@code false} when the thread was interrupted, which ends the watch as Ctrl-C does. */
    private boolean pause(CountDownLatch wakeUp) {
        try {
            env.sleeper().sleep(intervalMillis, wakeUp);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The exit status of a job that has ended, as {@code import} gives it. */
    private static int ended(ImportJob job) {
        return job.status() == JobStatus.COMPLETED ? 0 : 1;
    }

    /** Ends the live line and prints the job as {@code status} does (the last JSON line already was the job). */
    private int finish(ImportJob job, long pending, int status) {
        endBar();
        if (!json) {
            JobCommands.printJob(env, job, pending);
        }
        env.out().flush();
        return status;
    }

    private void show(ImportJob job, long pending) {
        if (json) {
            Reports.watchJson(env.out(), job, pending);
            env.out().flush();
            return;
        }
        if (quiet) {
            return;
        }
        String line = line(job, pending);
        if (env.terminal()) {
            // Carriage return and "erase line" redraw the line in place.
            env.err().print("\r\033[2K" + line);
            drewBar = true;
        } else {
            env.err().println(line);
        }
        env.err().flush();
    }

    private void endBar() {
        if (drewBar) {
            env.err().print("\n");
            env.err().flush();
            drewBar = false;
        }
    }

    /** One line of progress: status, rows, outcomes, embeddings and bytes read. */
    static String line(ImportJob job, long pending) {
        StringBuilder sb = new StringBuilder(160).append(Printable.line(job.filename())).append("  ").append(job.status());
        if (job.cancelRequested() && !job.status().isTerminal()) {
            sb.append(" (cancel requested)");
        }
        sb.append("  ").append(Reports.fmt(job.processedRows())).append('/')
                .append(job.totalRows() >= 0 ? Reports.fmt(job.totalRows()) : "?").append(" rows");
        sb.append("  stored ").append(Reports.fmt(job.successCount()));
        sb.append("  skipped ").append(Reports.fmt(job.skippedCount()));
        sb.append("  rejected ").append(Reports.fmt(job.errorCount()));
        sb.append("  embedded ").append(Reports.fmt(job.embeddedCount()));
        if (job.embeddingErrorCount() > 0) {
            sb.append(" (").append(Reports.fmt(job.embeddingErrorCount())).append(" failed)");
        }
        sb.append("  pending ").append(Reports.fmt(pending));
        sb.append("  read ").append(Reports.fmt(job.bytesRead())).append('/').append(Reports.fmt(job.payloadBytes())).append(" bytes");
        return sb.toString();
    }
}
