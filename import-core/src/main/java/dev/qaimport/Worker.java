package dev.qaimport;

/**
 * A running worker: polls the database for claimable jobs (pending ones, and processing ones
 * whose worker died) and for pairs waiting for embeddings, and runs them. Obtained from
 * {@link QaImport#startWorker}. Closing it stops claiming, lets running jobs finish their current
 * batch and releases their leases so that another worker resumes them at once; no job is left
 * stuck. Thread-safe.
 */
public interface Worker extends AutoCloseable {
    /** Jobs this worker is running now. */
    int runningJobs();

    /** Stops the worker gracefully (see the type's description) and waits up to the shutdown timeout. */
    @Override
    void close();
}
