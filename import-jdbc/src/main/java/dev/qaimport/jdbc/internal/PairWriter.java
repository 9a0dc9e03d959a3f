package dev.qaimport.jdbc.internal;

import dev.qaimport.spi.NewPair;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Writes new pairs inside a batch's transaction: {@link BatchPairWriter} (JDBC batching) on every
 * database, {@link CopyPairWriter} ({@code COPY … FROM STDIN}) on PostgreSQL with pgjdbc.
 */
interface PairWriter {
    /** Inserts {@code pairs} with embedding status {@code PENDING}; a failure fails them all. */
    void insert(Handle handle, List<NewPair> pairs) throws SQLException;
}
