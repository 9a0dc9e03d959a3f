package dev.qaimport.jdbc.internal;

import dev.qaimport.spi.EmbeddingRepository.EmbeddedPair;
import dev.qaimport.spi.EmbeddingRepository.FailedPair;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;

/**
 * PostgreSQL: one statement per outcome, over arrays of ids (and keys or reasons), whose
 * {@code RETURNING} says which pairs changed and which job each belongs to now.
 */
final class PostgresOutcomeWriter implements OutcomeWriter {
    private final Db db;

    PostgresOutcomeWriter(Db db) {
        this.db = db;
    }

    @Override
    public int mark(Handle h, String owner, Map<UUID, EmbeddedPair> byPairEmbedded, Map<UUID, FailedPair> byPairFailed, Instant now,
            JobCounters.Tally tally) {
        Collection<EmbeddedPair> embedded = byPairEmbedded.values();
        Collection<FailedPair> failed = byPairFailed.values();
        int changed = 0;
        if (!embedded.isEmpty()) {
            changed += markByArrays(h, "embedding_key = v.x, " + SET_EMBEDDED, embedded.stream().map(EmbeddedPair::pairId),
                    Db.array("varchar", embedded.stream().map(EmbeddedPair::key).toArray(String[]::new)), owner, now, tally, true);
        }
        if (!failed.isEmpty()) {
            changed += markByArrays(h, "embedding_error = v.x, " + SET_FAILED, failed.stream().map(FailedPair::pairId),
                    Db.array("text", failed.stream().map(f -> OutcomeWriter.reason(f.reason())).toArray(String[]::new)), owner, now,
                    tally, false);
        }
        return changed;
    }

    /** One {@code UPDATE ... FROM unnest(ids, values)} setting {@code set} (where {@code v.x} is each pair's value). */
    private int markByArrays(Handle h, String set, Stream<UUID> ids, Argument values, String owner, Instant now, JobCounters.Tally tally,
            boolean embedded) {
        return h.createQuery("UPDATE qa_pairs p SET " + set + " FROM unnest(:ids, :values) AS v(id, x) WHERE p.id = v.id AND p."
                        + STILL_CLAIMED.replace(" AND ", " AND p.") + " RETURNING p.import_job_id")
                .bind("ids", Db.array("uuid", ids.toArray(UUID[]::new)))
                .bind("values", values)
                .bind("now", db.time(now))
                .bind("owner", owner)
                .map((rs, ctx) -> db.readUuid(rs, "import_job_id"))
                .list()
                .stream()
                .mapToInt(job -> tally.count(job, embedded))
                .sum();
    }
}
