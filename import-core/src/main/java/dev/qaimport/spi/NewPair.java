package dev.qaimport.spi;

import dev.qaimport.model.QAStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A sanitized, validated pair to insert.
 *
 * @param id          the new pair's id
 * @param collection  the collection it belongs to (its job's)
 * @param importJobId the job writing it
 * @param sourceRow   its record index in the job's file
 * @param question    sanitized question
 * @param answer      sanitized answer
 * @param category    category or {@code null}
 * @param tags        tags, never {@code null}
 * @param questionKey hash of the normalized question, for duplicate detection
 * @param status      editorial status
 * @param createdAt   creation time
 */
public record NewPair(UUID id, String collection, UUID importJobId, long sourceRow, String question, String answer, String category,
        List<String> tags, String questionKey, QAStatus status, Instant createdAt) {
    public NewPair {
        Objects.requireNonNull(collection, "collection");
        tags = List.copyOf(tags);
    }
}
