package dev.qaimport.spi;

import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.ImportJob;
import java.time.Duration;
import java.util.Objects;

/**
 * Hears what a {@link dev.qaimport.QaImport} does, in numbers, for metrics: each committed import
 * batch, each job that ended, each commit of embeddings and, as an {@link EmbeddingRequestListener},
 * each request to the embedding provider. Registered with
 * {@link dev.qaimport.QaImport#addObserver}, at any time. Unlike {@link dev.qaimport.ImportListener}
 * it costs the import no database reads. Called on worker threads; implementations must be quick
 * and thread-safe. Exceptions thrown are logged and ignored.
 */
public interface ImportObserver extends EmbeddingRequestListener {
    /** An observer that does nothing. */
    ImportObserver NONE = new ImportObserver() { };

    /** After each committed import batch. */
    default void onBatchCommitted(BatchCommitted batch) {
    }

    /** When a job reached a terminal state ({@code COMPLETED}, {@code FAILED}, {@code CANCELLED}) here. */
    default void onJobFinished(ImportJob job) {
    }

    /** After each commit of the embedding stage. */
    default void onEmbeddingsCommitted(EmbeddingsCommitted commit) {
    }

    /**
     * One committed import batch.
     *
     * @param collection the job's collection
     * @param created    rows stored as new pairs
     * @param updated    rows that updated a stored pair (duplicate policy {@code UPDATE})
     * @param skipped    rows skipped as duplicates
     * @param rejected   rows that became row errors
     * @param duration   the time the commit took, retries included (not the parsing and validation before it)
     */
    record BatchCommitted(String collection, int created, int updated, int skipped, int rejected, Duration duration) {
        public BatchCommitted {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * One commit of the embedding stage.
     *
     * @param profile   the profile of the service that embedded the pairs
     * @param embedded  pairs that got a vector
     * @param failed    pairs the provider refused for good
     * @param cacheHits of the embedded pairs, those whose vector came from the cache (same text, same model) rather than a request
     */
    record EmbeddingsCommitted(EmbeddingProfile profile, int embedded, int failed, long cacheHits) {
        public EmbeddingsCommitted {
            Objects.requireNonNull(profile, "profile");
        }
    }
}
