package dev.qaimport;

import dev.qaimport.model.ImportJob;
import dev.qaimport.model.RowError;
import dev.qaimport.model.SourceType;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Starts imports and reports on them. {@code startImport} stores the upload with a
 * {@code PENDING} job and returns its id at once; the import itself runs in the background
 * ({@link #scheduleImport}) or wherever a worker claims it, or synchronously through
 * {@link #processImport}. Implementations are thread-safe.
 */
public interface ImportService {
    /** Stores {@code content} as a new job and returns the job id. */
    default UUID startImport(String filename, byte[] content, SourceType sourceType) {
        return startImport(filename, new java.io.ByteArrayInputStream(content), optionsFor(sourceType));
    }

    /** Streams {@code content} into a new job and returns the job id; the stream is read to its end, not closed. */
    default UUID startImport(String filename, InputStream content, SourceType sourceType) {
        return startImport(filename, content, optionsFor(sourceType));
    }

    /** Streams the file at {@code file} into a new job; {@code sourceType} {@code null} takes it from the name. */
    UUID startImport(Path file, SourceType sourceType);

    /**
     * Streams {@code content} into a new {@code PENDING} job read with {@code options}, and
     * returns the job id. Unless the {@link QaImport} was built with {@code autoStart(false)}, the
     * job is also scheduled on the background executor.
     *
     * @throws ImportException {@code UNSUPPORTED_FORMAT} when no format is given and the file name
     *                         does not tell it, or when the first bytes show that the content is
     *                         another format (an HTML page or a ZIP archive, such as an Excel
     *                         workbook, named {@code .csv}; a ZIP archive named {@code .html}): only
     *                         the first 1 KiB has then been read, and no job is created;
     *                         {@code LIMIT_EXCEEDED} when the upload is larger
     *                         than allowed; {@code STORAGE} when it cannot be stored
     */
    UUID startImport(String filename, InputStream content, ImportOptions options);

    /**
     * Runs the job in the calling thread: claims it, parses, validates and writes the rows batch
     * by batch, generates embeddings, and returns the job in its final state. Fatal problems end
     * as a {@code FAILED} job with a message, not as an exception: an unreadable file
     * ({@code ENCODING}, {@code MALFORMED_FILE}), missing columns, an exceeded limit, and a
     * database that stays unavailable through the retries of a batch ({@code DATABASE_UNAVAILABLE};
     * its committed rows and its upload are kept for {@link #retry}). A file whose format cannot
     * be told is refused earlier, by {@code startImport}.
     *
     * @throws ImportException {@code NOT_FOUND} for an unknown job; {@code ILLEGAL_STATE} when the
     *                         job is finished or another worker holds its lease;
     *                         {@code DATABASE_UNAVAILABLE} when the database is down so that not
     *                         even the failure can be recorded (the job then stays
     *                         {@code PROCESSING} and recovery resumes it once the database is
     *                         back and its lease has expired)
     */
    ImportJob processImport(UUID jobId);

    /** Runs {@link #processImport} on the background executor. */
    CompletableFuture<ImportJob> scheduleImport(UUID jobId);

    /** The job as currently stored. */
    Optional<ImportJob> getJob(UUID jobId);

    /** Row errors of a job after {@code afterRow}, in row order, at most {@code limit}. */
    List<RowError> getErrors(UUID jobId, long afterRow, int limit);

    /** The most recent jobs, newest first. */
    List<ImportJob> recentJobs(int limit);

    /**
     * Cancels a job: a pending job at once, a processing one after its current batch. Committed
     * rows stay.
     *
     * @return whether the job exists and was not already finished
     */
    boolean cancel(UUID jobId);

    /**
     * Reopens a {@code FAILED} or {@code CANCELLED} job so that it continues after its last
     * committed row, with its counts (rows committed before stay, none is written twice), and
     * schedules it unless the instance was built with {@code autoStart(false)} (a worker then
     * takes it). Its upload must still be stored: it is kept for jobs that failed with
     * {@code DATABASE_UNAVAILABLE} or {@code ATTEMPTS_EXHAUSTED}, and for every job when the
     * instance keeps payloads.
     *
     * @return the job, now {@code PENDING}
     * @throws ImportException {@code NOT_FOUND}, {@code ILLEGAL_STATE} (not failed or cancelled),
     *                         or {@code PAYLOAD} (its upload is gone)
     */
    ImportJob retry(UUID jobId);

    private static ImportOptions optionsFor(SourceType sourceType) {
        return ImportOptions.builder().sourceType(sourceType).build();
    }
}
