package dev.qaimport.spi;

import java.util.function.Function;

/**
 * The durable storage behind qa-import: jobs, pairs, row errors, vectors and, by default,
 * uploaded payloads. Implementations are thread-safe and shared by all jobs of a process.
 */
public interface ImportStore {
    /**
     * Checks that the store can be used (reachable, schema installed) and throws a
     * {@link StoreException} explaining what is missing otherwise.
     */
    void verify();

    /** Jobs: creation, claiming with leases, state changes. */
    JobRepository jobs();

    /** Pairs and vectors for the embedding stage, and search. */
    EmbeddingRepository embeddings();

    /** Read access to pairs and row errors for callers and reports. */
    QueryRepository queries();

    /**
     * Re-embeddings and what they staged. The default says this store cannot re-embed, so that
     * stores written before re-embedding existed keep compiling.
     *
     * @throws UnsupportedOperationException when the store cannot re-embed
     */
    default ReembedRepository reembeddings() {
        throw new UnsupportedOperationException(getClass().getName() + " does not support re-embedding");
    }

    /** The payload store that keeps uploads in the database itself. */
    PayloadStore databasePayloads();

    /**
     * Called after an import has written {@code rowsWritten} rows, before its embedding stage.
     * A store may refresh the database's statistics here: after a bulk load, a planner that still
     * believes the table is empty picks plans that read every row (PostgreSQL's documentation
     * recommends {@code ANALYZE} after loading data). Must not throw; the default does nothing.
     */
    default void afterBulkWrite(long rowsWritten) {
    }

    /**
     * Runs {@code work} in one database transaction and commits it, or rolls it back if
     * {@code work} throws. The transaction object must not escape {@code work}.
     *
     * @throws StoreException when the database fails; {@link StoreException#kind()} says whether
     *                        retrying the whole transaction can help
     */
    <T> T inTransaction(Function<BatchTransaction, T> work);
}
