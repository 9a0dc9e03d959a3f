package dev.qaimport.batch.internal;

/** Where the pipeline takes its batches from. Single-consumer. */
interface BatchSource extends AutoCloseable {
    /**
     * The next batch, or {@code null} at the end.
     *
     * @throws dev.qaimport.ImportException a fatal error of the source, raised only once every row
     *                                      read before it has been delivered
     */
    RowBatch next();

    @Override
    default void close() {
    }
}
