package dev.qaimport.examples.cli;

import dev.qaimport.ImportListener;
import dev.qaimport.model.ImportJob;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.UUID;

/**
 * One line on standard error per job a worker lets go of, so that operators (and tests) can see
 * which worker did what without turning on debug logs.
 */
final class WorkerLog implements ImportListener {
    private final Env env;
    private final String workerId;

    WorkerLog(Env env, String workerId) {
        this.env = env;
        this.workerId = workerId;
    }

    /**
     * A new id for this process's worker: {@code pid@host-xxxxxxxx}, the library's default with a
     * random suffix, which other processes name as the lease owner while it works.
     */
    static String newWorkerId() {
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        return (runtime.length() > 90 ? runtime.substring(0, 90) : runtime) + "-" + UUID.randomUUID().toString().substring(0, 8);
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
