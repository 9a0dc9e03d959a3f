package dev.qaimport.embed.internal;

import dev.qaimport.ImportException;
import dev.qaimport.SearchHit;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.spi.EmbeddingRequestListener;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.spi.ImportStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Brute-force nearest neighbours: embeds the query with the import's model and scans the stored
 * vectors of that model in one collection, keeping the best {@code limit} in a heap. Fine for knowledge bases of up
 * to a few hundred thousand pairs; a vector index (pgvector) is the way beyond that.
 */
public final class Searcher {
    private Searcher() {
    }

    /** The best {@code limit} pairs for {@code query}; {@code listener} hears of the request that embeds the query. */
    public static List<SearchHit> search(ImportStore store, String collection, EmbeddingService service, String query, int limit,
            EmbeddingRequestListener listener) {
        if (service == null) {
            throw new ImportException(ErrorCodes.EMBEDDING, "search needs an embedding service; none is configured");
        }
        float[] q = service.embed(List.of(query), listener).get(0);
        double qn = norm(q);
        PriorityQueue<SearchHit> best = new PriorityQueue<>(Comparator.comparingDouble(SearchHit::score));
        store.embeddings().forEachVector(collection, service.modelId(), v -> {
            if (v.vector().length != q.length) {
                return;
            }
            double score = dot(q, v.vector()) / (qn * norm(v.vector()));
            if (best.size() < limit) {
                best.add(new SearchHit(v.pairId(), v.question(), v.answer(), score));
            } else if (score > best.peek().score()) {
                best.poll();
                best.add(new SearchHit(v.pairId(), v.question(), v.answer(), score));
            }
        });
        List<SearchHit> hits = new ArrayList<>(best);
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        return hits;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(float[] a) {
        double n = Math.sqrt(dot(a, a));
        return n == 0 ? 1 : n;
    }
}
