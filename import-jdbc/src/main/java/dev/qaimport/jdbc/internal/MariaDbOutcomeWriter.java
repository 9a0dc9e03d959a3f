package dev.qaimport.jdbc.internal;

import dev.qaimport.spi.EmbeddingRepository.EmbeddedPair;
import dev.qaimport.spi.EmbeddingRepository.FailedPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * MariaDB: the pairs still claimed are locked and read first (InnoDB's row locks are cheap,
 * and with some driver settings a batch reports no per-row counts), then updated by id.
 */
final class MariaDbOutcomeWriter implements OutcomeWriter {
    private final Db db;

    MariaDbOutcomeWriter(Db db) {
        this.db = db;
    }

    @Override
    public int mark(Handle h, String owner, Map<UUID, EmbeddedPair> byPairEmbedded, Map<UUID, FailedPair> byPairFailed, Instant now,
            JobCounters.Tally tally) {
        List<UUID> all = new ArrayList<>(byPairEmbedded.keySet());
        all.addAll(byPairFailed.keySet());
        Map<UUID, UUID> owned = ownedPairs(h, all, owner);
        if (owned.isEmpty()) {
            return 0;
        }
        PreparedBatch done = h.prepareBatch("UPDATE qa_pairs SET embedding_key = :key, " + SET_EMBEDDED + " WHERE id = :id");
        PreparedBatch rejected = h.prepareBatch("UPDATE qa_pairs SET embedding_error = :reason, " + SET_FAILED + " WHERE id = :id");
        for (Map.Entry<UUID, UUID> pair : owned.entrySet()) {
            EmbeddedPair e = byPairEmbedded.get(pair.getKey());
            if (e != null) {
                done.bind("key", e.key()).bind("now", db.time(now)).bind("id", db.uuid(e.pairId())).add();
            } else {
                FailedPair f = byPairFailed.get(pair.getKey());
                rejected.bind("reason", OutcomeWriter.reason(f.reason())).bind("now", db.time(now)).bind("id", db.uuid(f.pairId())).add();
            }
            tally.count(pair.getValue(), e != null);
        }
        if (done.size() > 0) {
            done.execute();
        }
        if (rejected.size() > 0) {
            rejected.execute();
        }
        return owned.size();
    }

    /** The given pairs that are still pending and claimed by {@code owner}, locked, with their job. */
    private Map<UUID, UUID> ownedPairs(Handle h, List<UUID> pairIds, String owner) {
        Map<UUID, UUID> owned = new LinkedHashMap<>();
        for (List<UUID> chunk : IdLists.chunks(pairIds)) {
            h.createQuery("SELECT id, import_job_id FROM qa_pairs WHERE id IN (<ids>) AND embedding_status = 'PENDING' "
                    + "AND embedding_claim_owner = :owner ORDER BY id FOR UPDATE")
                    .bindList("ids", IdLists.values(db, chunk))
                    .bind("owner", owner)
                    .map((rs, ctx) -> new UUID[] {db.readUuid(rs, "id"), db.readUuid(rs, "import_job_id")})
                    .forEach(row -> owned.put(row[0], row[1]));
        }
        return owned;
    }
}
