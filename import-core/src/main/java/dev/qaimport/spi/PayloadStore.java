package dev.qaimport.spi;

import java.io.InputStream;
import java.util.UUID;

/**
 * Keeps the uploaded file of a job so that any worker, including a restarted one, can process or
 * resume it. Implementations stream: they never hold a whole payload in memory.
 */
public interface PayloadStore {
    /** A short stable name stored with each job, so that the reader finds the right store. */
    String name();

    /**
     * Stores {@code content} for {@code jobId}, reading it to its end. If reading or writing
     * fails, nothing is kept and the exception propagates (the core enforces size limits by
     * handing over a stream that throws once the limit is passed).
     *
     * @return the number of bytes stored
     */
    long write(UUID jobId, InputStream content);

    /** Opens the payload of {@code jobId} for reading from its start. */
    InputStream open(UUID jobId);

    /** Deletes the payload of {@code jobId} if there is one. */
    void delete(UUID jobId);
}
