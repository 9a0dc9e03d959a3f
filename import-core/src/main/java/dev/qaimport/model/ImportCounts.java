package dev.qaimport.model;

/**
 * How much work a collection has right now, as the database says: for dashboards and alerts.
 *
 * @param queuedJobs        jobs waiting for a worker ({@code PENDING})
 * @param runningJobs       jobs a worker holds a valid lease on ({@code PROCESSING})
 * @param staleJobs         jobs {@code PROCESSING} whose lease expired: their worker died, and recovery will resume them
 * @param pendingEmbeddings pairs waiting for their vector
 */
public record ImportCounts(long queuedJobs, long runningJobs, long staleJobs, long pendingEmbeddings) {
}
