package dev.qaimport.spi;

import dev.qaimport.model.SourceType;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A job to insert in status {@code PENDING}.
 *
 * @param id           the new job's id
 * @param collection   the collection (knowledge base) of the job and its pairs
 * @param filename     the caller's file name, display only
 * @param sourceType   how to parse the payload
 * @param options      the job's import options as opaque text (the core's JSON); stored verbatim
 * @param payloadStore the name of the {@link PayloadStore} holding the upload
 * @param payloadBytes the upload's size
 * @param createdAt    the creation time
 */
public record NewJob(UUID id, String collection, String filename, SourceType sourceType, String options, String payloadStore,
        long payloadBytes, Instant createdAt) {
    public NewJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(payloadStore, "payloadStore");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
