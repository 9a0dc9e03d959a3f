package dev.qaimport.jdbc.internal;

import dev.qaimport.spi.EmbeddingRepository.EmbeddedPair;
import dev.qaimport.spi.EmbeddingRepository.FailedPair;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Marks claimed pairs {@code EMBEDDED} or {@code FAILED} in a completion's transaction, releasing
 * their claims, and tallies the pairs it changed by job; a pair no longer pending or no longer
 * claimed by the owner is left alone and not counted. One implementation per dialect, because
 * each database tells in its own way which rows an update changed: {@link PostgresOutcomeWriter},
 * {@link H2OutcomeWriter}, {@link MariaDbOutcomeWriter}.
 */
interface OutcomeWriter {
    /** Longest failure reason kept with a pair. */
    int MAX_REASON = 2000;

    /** The condition under which a pair is still this owner's to complete. */
    String STILL_CLAIMED = "embedding_status = 'PENDING' AND embedding_claim_owner = :owner";
    String SET_EMBEDDED = "embedding_status = 'EMBEDDED', embedding_error = NULL, "
            + "embedding_claim_owner = NULL, embedding_claim_until = NULL, updated_at = :now";
    String SET_FAILED = "embedding_status = 'FAILED', embedding_key = NULL, "
            + "embedding_claim_owner = NULL, embedding_claim_until = NULL, updated_at = :now";

    /**
     * Marks the pairs.
     *
     * @param embedded the pairs embedded, by pair id
     * @param failed   the pairs rejected, by pair id; none of them is in {@code embedded}
     * @param tally    receives each pair changed, for its job
     * @return the number of pairs changed
     */
    int mark(Handle h, String owner, Map<UUID, EmbeddedPair> embedded, Map<UUID, FailedPair> failed, Instant now,
            JobCounters.Tally tally);

    /** The writer for the database's dialect. */
    static OutcomeWriter of(Db db) {
        switch (db.dialect()) {
            case POSTGRESQL:
                return new PostgresOutcomeWriter(db);
            case H2:
                return new H2OutcomeWriter(db);
            default:
                return new MariaDbOutcomeWriter(db);
        }
    }

    /** The reason kept with a failed pair: a default for none, and at most {@link #MAX_REASON} characters and an ellipsis. */
    static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return "rejected by the embedding provider";
        }
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
    }
}
