package dev.qaimport.embed.internal;

import dev.qaimport.internal.Settings;
import dev.qaimport.spi.EmbeddingRepository.EmbeddedPair;
import dev.qaimport.spi.EmbeddingRepository.FailedPair;
import dev.qaimport.spi.ImportStore;
import java.util.List;
import java.util.UUID;

/**
 * Where a run's finished groups go: onto the pairs themselves (the embedding stage), or into a
 * re-embedding's staging, which leaves the pairs' current vectors alone until it switches them.
 */
interface Outcomes {
    /** Commits the outcomes of finished groups; throws when they cannot be, leaving the pairs as they were. */
    void commit(List<EmbeddedPair> embedded, List<FailedPair> failed, long reused);

    /** Gives back pairs that were claimed and not committed. */
    void release(List<UUID> pairIds);

    /** Whether listeners hear of the jobs' progress. */
    boolean notifiesJobs();

    /** The embedding stage's outcomes: the pairs become embedded or failed, their claims end. */
    static Outcomes onPairs(ImportStore store, Settings settings) {
        return new Outcomes() {
            @Override
            public void commit(List<EmbeddedPair> embedded, List<FailedPair> failed, long reused) {
                store.embeddings().complete(settings.workerId(), embedded, failed, settings.clock().instant());
            }

            @Override
            public void release(List<UUID> pairIds) {
                store.embeddings().release(settings.workerId(), pairIds);
            }

            @Override
            public boolean notifiesJobs() {
                return true;
            }
        };
    }
}
