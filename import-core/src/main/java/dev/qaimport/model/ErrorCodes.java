package dev.qaimport.model;

/**
 * The stable codes carried by {@link RowError#code()}. The catalogue with meanings and remedies
 * is in {@code docs/ERRORS.md}.
 */
public final class ErrorCodes {
    /** A required field is missing or empty after sanitizing. */
    public static final String REQUIRED = "REQUIRED";
    /** A field is longer than its configured limit. */
    public static final String TOO_LONG = "TOO_LONG";
    /** More tags than the configured limit. */
    public static final String TOO_MANY_TAGS = "TOO_MANY_TAGS";
    /** A record could not be read (ragged row, bad JSON line, wrong value type). */
    public static final String MALFORMED_ROW = "MALFORMED_ROW";
    /** The database rejected the row; the message carries its reason. */
    public static final String DATABASE_REJECTED = "DATABASE_REJECTED";
    /**
     * The bytes are not valid in the file's encoding. Fatal (the job fails naming the line and
     * byte offset; records before it are kept), because a decoder cannot tell where the next good
     * record starts.
     */
    public static final String ENCODING = "ENCODING";

    // Job-level codes, carried by ImportException and shown as the job's errorMessage prefix.

    /** The file's format is unknown or not what the caller said. */
    public static final String UNSUPPORTED_FORMAT = "UNSUPPORTED_FORMAT";
    /** No column or key could be mapped to a required field. */
    public static final String MISSING_COLUMNS = "MISSING_COLUMNS";
    /** The file's structure is broken beyond the current record (for example a truncated JSON document). */
    public static final String MALFORMED_FILE = "MALFORMED_FILE";
    /** A configured limit was exceeded; the message names it and how to raise it. */
    public static final String LIMIT_EXCEEDED = "LIMIT_EXCEEDED";
    /** The payload could not be read or stored. */
    public static final String PAYLOAD = "PAYLOAD";
    /** The database failed for a reason that is not about one row. */
    public static final String STORAGE = "STORAGE";
    /**
     * The database stayed unavailable (or kept failing for reasons that are not about a row)
     * through every retry of a batch; the rows committed before are kept, and so is the upload,
     * so that {@code QaImport.retry} continues after the last committed row.
     */
    public static final String DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
    /** The embedding provider failed in a way retrying will not fix (bad key, unknown model, quota). */
    public static final String EMBEDDING = "EMBEDDING";
    /** A worker gave up on the job after the configured number of attempts. */
    public static final String ATTEMPTS_EXHAUSTED = "ATTEMPTS_EXHAUSTED";
    /** Another worker took the job over; this worker's writes were refused. */
    public static final String LEASE_LOST = "LEASE_LOST";
    /** No job with that id. */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** The job is in a state that does not allow the operation. */
    public static final String ILLEGAL_STATE = "ILLEGAL_STATE";

    private ErrorCodes() {
    }
}
