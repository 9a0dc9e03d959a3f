package dev.qaimport.spi;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * New content for an existing pair (duplicate policy {@code UPDATE}). The pair moves to the job
 * that wrote it last.
 *
 * @param pairId      the pair to overwrite
 * @param importJobId the job writing it
 * @param sourceRow   the record index in that job's file
 * @param answer      sanitized answer
 * @param category    category or {@code null}
 * @param tags        tags
 * @param updatedAt   time of the change
 */
public record PairUpdate(UUID pairId, UUID importJobId, long sourceRow, String answer, String category,
        List<String> tags, Instant updatedAt) {
    public PairUpdate {
        tags = List.copyOf(tags);
    }
}
