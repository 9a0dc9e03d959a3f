package dev.qaimport.jdbc.internal;

import dev.qaimport.spi.NewPair;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Writes new pairs inside a batch's transaction. {@link BatchPairWriter} (JDBC batching) serves
 * every database; this is the seam where a PostgreSQL {@code COPY} writer can take over large
 * batches without touching the rest of the store.
 */
interface PairWriter {
    /** Inserts {@code pairs} with embedding status {@code PENDING}; a failure fails them all. */
    void insert(Handle handle, List<NewPair> pairs);
}
