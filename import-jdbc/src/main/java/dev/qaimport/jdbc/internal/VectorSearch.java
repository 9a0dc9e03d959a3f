package dev.qaimport.jdbc.internal;

import dev.qaimport.spi.EmbeddingRepository.StoredVector;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Search's read of the embedded pairs: every pair with its vector for a model, streamed at
 * {@link #FETCH_SIZE} rows a round trip so that memory stays constant however large the table.
 */
final class VectorSearch {
    /** Rows fetched per round trip by {@link #forEachVector}. */
    static final int FETCH_SIZE = 256;

    private final Db db;

    VectorSearch(Db db) {
        this.db = db;
    }

    /** See {@link dev.qaimport.spi.EmbeddingRepository#forEachVector}. */
    void forEachVector(String collection, String model, Consumer<StoredVector> consumer) {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(consumer, "consumer");
        // A transaction because pgjdbc only streams (fetch size) with auto-commit off; MariaDB and
        // H2 stream with a fetch size as well, so memory stays at FETCH_SIZE rows.
        db.inTransaction("reading the vectors of model " + model, false, h -> {
            h.createQuery("SELECT p.id, p.question, p.answer, v.vector, v.embedding_key FROM qa_pairs p "
                    + "JOIN qa_vectors v ON v.embedding_key = p.embedding_key "
                    + "WHERE p.collection = :collection AND p.embedding_status = 'EMBEDDED' AND v.model = :model")
                    .bind("collection", collection)
                    .bind("model", model)
                    .setFetchSize(FETCH_SIZE)
                    .map((rs, ctx) -> new StoredVector(db.readUuid(rs, "id"), rs.getString("question"), rs.getString("answer"),
                            Vectors.stored(rs.getBytes("vector"), rs.getString("embedding_key"))))
                    .forEach(consumer);
            return null;
        });
    }
}
