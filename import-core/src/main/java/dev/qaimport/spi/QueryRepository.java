package dev.qaimport.spi;

import dev.qaimport.model.QAPair;
import dev.qaimport.model.RowError;
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
}
