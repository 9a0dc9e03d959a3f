package dev.qaimport.jobs.internal;

import dev.qaimport.model.JobLease;
import java.util.concurrent.ScheduledFuture;

/** A job this process is running, and what its heartbeat and callers have asked of it. */
final class RunningJob {
    final JobLease lease;
    volatile boolean leaseLost;
    volatile boolean cancelRequested;
    volatile boolean stopRequested;
    ScheduledFuture<?> heartbeat;

    RunningJob(JobLease lease) {
        this.lease = lease;
    }
}
