package dev.qaimport.spi;

import dev.qaimport.model.ImportCounts;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.RowError;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read access to what imports produced. */
public interface QueryRepository {
    /** Row errors of a job with {@code row > afterRow}, in row order, at most {@code limit}. */
    List<RowError> errors(UUID jobId, long afterRow, int limit);

    /** A pair by id. */
    Optional<QAPair> pair(UUID pairId);

    /** Pairs last written by a job with {@code sourceRow > afterRow}, in row order, at most {@code limit}. */
    List<QAPair> pairsOfJob(UUID jobId, long afterRow, int limit);

    /** Number of pairs last written by a job. */
    long countPairs(UUID jobId);

    /**
     * The jobs of {@code collection} queued, processing under a lease valid at {@code now}, and
     * processing under an expired one, and its pairs waiting for embeddings. The default throws:
     * a store that can count overrides it.
     *
     * @throws UnsupportedOperationException when the store cannot count
     */
    default ImportCounts counts(String collection, Instant now) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot count jobs and pending embeddings");
    }
}
