package dev.qaimport.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored question/answer pair.
 *
 * @param id              the pair's id
 * @param collection      the collection (knowledge base) it belongs to
 * @param question        the sanitized question (plain text)
 * @param answer          the sanitized answer (plain text or the safe HTML subset)
 * @param category        the category, or {@code null}
 * @param tags            the tags, never {@code null}
 * @param status          the editorial status; imports create {@link QAStatus#DRAFT}
 * @param importJobId     the job that last wrote the pair
 * @param sourceRow       the record index in that job's file
 * @param contentHash     hash of the normalized question, used to find duplicates
 * @param embeddingStatus where the pair stands in the embedding stage
 * @param createdAt       when the pair was first stored
 */
public record QAPair(
        UUID id,
        String collection,
        String question,
        String answer,
        String category,
        List<String> tags,
        QAStatus status,
        UUID importJobId,
        long sourceRow,
        String contentHash,
        EmbeddingStatus embeddingStatus,
        Instant createdAt) {
    public QAPair {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        tags = List.copyOf(Objects.requireNonNullElse(tags, List.of()));
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(embeddingStatus, "embeddingStatus");
    }
}
