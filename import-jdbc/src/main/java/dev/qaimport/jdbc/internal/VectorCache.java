package dev.qaimport.jdbc.internal;

import dev.qaimport.jdbc.Dialect;
import dev.qaimport.spi.EmbeddingRepository.EmbeddedPair;
import dev.qaimport.spi.StoreException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The vector cache, table {@code qa_vectors}: one vector per embedding key (text, model and
 * dimensions), stored once and never overwritten, so that a text embedded before need not go to
 * the provider again. Concurrent writers of the same keys are expected: an insert never fails on
 * a key stored meanwhile.
 */
final class VectorCache {
    /** Tries of a vector transaction that a concurrent writer of the same keys made fail. */
    static final int VECTOR_ATTEMPTS = 4;

    private final Db db;

    VectorCache(Db db) {
        this.db = db;
    }

    /** See {@link dev.qaimport.spi.EmbeddingRepository#findVectors}. */
    Map<String, float[]> findVectors(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys");
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        distinct.remove(null);
        Map<String, float[]> found = new HashMap<>();
        if (distinct.isEmpty()) {
            return found;
        }
        db.inTransaction("reading " + distinct.size() + " cached vectors", h -> {
            for (int from = 0; from < distinct.size(); from += JdbcBatch.IN_CHUNK) {
                h.createQuery("SELECT embedding_key, vector FROM qa_vectors WHERE embedding_key IN (<keys>)")
                        .bindList("keys", distinct.subList(from, Math.min(distinct.size(), from + JdbcBatch.IN_CHUNK)))
                        .map((rs, ctx) -> Map.entry(rs.getString("embedding_key"),
                                Vectors.stored(rs.getBytes("vector"), rs.getString("embedding_key"))))
                        .forEach(e -> found.put(e.getKey(), e.getValue()));
            }
            return null;
        });
        return found;
    }

    /** See {@link dev.qaimport.spi.EmbeddingRepository#storeVectors}: in a transaction of its own, retried after a deadlock. */
    void storeVectors(String model, Map<String, float[]> vectorsByKey, Instant now) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(vectorsByKey, "vectorsByKey");
        Objects.requireNonNull(now, "now");
        if (vectorsByKey.isEmpty()) {
            return;
        }
        List<EmbeddedPair> vectors = new ArrayList<>(vectorsByKey.size());
        for (Map.Entry<String, float[]> e : vectorsByKey.entrySet()) {
            Objects.requireNonNull(e.getKey(), "key");
            Objects.requireNonNull(e.getValue(), "vector of " + e.getKey());
            vectors.add(new EmbeddedPair(null, null, e.getKey(), model, e.getValue()));
        }
        // Workers storing the same texts at once can deadlock on each other's keys (the keys go in
        // sorted, which avoids most of it); the loser's vectors are the winner's, so it goes again.
        for (int attempt = 1; ; attempt++) {
            try {
                db.inDeferredTransaction("storing " + vectors.size() + " vectors", h -> {
                    store(h, vectors, now);
                    return null;
                });
                return;
            } catch (StoreException e) {
                if (e.kind() != StoreException.Kind.TRANSIENT || attempt >= VECTOR_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(5L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Inserts the vectors not stored yet; a key stored meanwhile by another worker is left as is. */
    void store(Handle h, List<EmbeddedPair> embedded, Instant now) {
        // In key order, so that concurrent writers of overlapping keys lock them in the same order.
        Map<String, EmbeddedPair> byKey = new TreeMap<>();
        for (EmbeddedPair e : embedded) {
            if (e.vector() != null) {
                Objects.requireNonNull(e.model(), "model of pair " + e.pairId());
                byKey.putIfAbsent(e.key(), e);
            }
        }
        if (byKey.isEmpty()) {
            return;
        }
        try {
            insertVectors(h, byKey.values(), now);
        } catch (JdbiException e) {
            if (db.dialect() != Dialect.H2 || !isDuplicateKey(e)) {
                throw e;
            }
            // H2's MERGE is not atomic against another transaction inserting the same key at the
            // same moment (the key is checked, then inserted): that one won, and its vector is the
            // same text's. H2 undoes only the failed statement, so go again one by one, skipping
            // keys stored meanwhile.
            for (EmbeddedPair vector : byKey.values()) {
                try {
                    insertVectors(h, List.of(vector), now);
                } catch (JdbiException again) {
                    if (!isDuplicateKey(again)) {
                        throw again;
                    }
                }
            }
        }
    }

    private void insertVectors(Handle h, Collection<EmbeddedPair> vectors, Instant now) {
        PreparedBatch batch = h.prepareBatch(insertVectorSql(db.dialect()));
        for (EmbeddedPair e : vectors) {
            batch.bind("key", e.key())
                    .bind("model", e.model())
                    .bind("dimensions", e.vector().length)
                    .bind("vector", Vectors.encode(e.vector()))
                    .bind("createdAt", db.time(now))
                    .add();
        }
        batch.execute();
    }

    /** Whether {@code e} is a unique-key violation (SQLState 23505). */
    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException && "23505".equals(((SQLException) t).getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A pair may come without a vector only when its key is stored already; marking it embedded
     * otherwise would point it at nothing, and it would silently drop out of search.
     */
    void requireStoredKeys(Handle h, List<EmbeddedPair> embedded) {
        Map<String, UUID> withoutVector = new LinkedHashMap<>();
        for (EmbeddedPair e : embedded) {
            if (e.vector() == null) {
                withoutVector.putIfAbsent(e.key(), e.pairId());
            }
        }
        if (withoutVector.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(withoutVector.keySet());
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < keys.size(); from += JdbcBatch.IN_CHUNK) {
            stored.addAll(h.createQuery("SELECT embedding_key FROM qa_vectors WHERE embedding_key IN (<keys>)")
                    .bindList("keys", keys.subList(from, Math.min(keys.size(), from + JdbcBatch.IN_CHUNK)))
                    .mapTo(String.class)
                    .list());
        }
        for (Map.Entry<String, UUID> e : withoutVector.entrySet()) {
            if (!stored.contains(e.getKey())) {
                throw new IllegalArgumentException("pair " + e.getValue() + " has no vector and no vector is stored under its key '"
                        + e.getKey() + "'");
            }
        }
    }

    /** Insert-if-absent that never fails on a duplicate key, also when two workers race. */
    static String insertVectorSql(Dialect dialect) {
        switch (dialect) {
            case POSTGRESQL:
                return "INSERT INTO qa_vectors (embedding_key, model, dimensions, vector, created_at) "
                        + "VALUES (:key, :model, :dimensions, :vector, :createdAt) ON CONFLICT (embedding_key) DO NOTHING";
            case MARIADB:
                // Not INSERT IGNORE: that would also turn real errors (a value too long) into warnings.
                return "INSERT INTO qa_vectors (embedding_key, model, dimensions, vector, created_at) "
                        + "VALUES (:key, :model, :dimensions, :vector, :createdAt) "
                        + "ON DUPLICATE KEY UPDATE embedding_key = embedding_key";
            case H2:
                return "MERGE INTO qa_vectors t USING (VALUES (CAST(:key AS VARCHAR(255)), CAST(:model AS VARCHAR(200)), "
                        + "CAST(:dimensions AS INTEGER), CAST(:vector AS BINARY VARYING), CAST(:createdAt AS TIMESTAMP(6) WITH TIME ZONE))) "
                        + "s (embedding_key, model, dimensions, vector, created_at) ON t.embedding_key = s.embedding_key "
                        + "WHEN NOT MATCHED THEN INSERT (embedding_key, model, dimensions, vector, created_at) "
                        + "VALUES (s.embedding_key, s.model, s.dimensions, s.vector, s.created_at)";
            default:
                throw new IllegalStateException("no SQL for " + dialect);
        }
    }
}
