package dev.qaimport.embed.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.ImportException;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.Reembedding;
import dev.qaimport.spi.EmbeddingRepository.EmbeddedPair;
import dev.qaimport.spi.EmbeddingRepository.FailedPair;
import dev.qaimport.spi.EmbeddingRepository.PendingPair;
import dev.qaimport.spi.ReembedRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A re-embedding attempt's walk over its scope, against an in-memory staging table. */
class StagingTest {
    private static final Instant T0 = Instant.parse("2031-01-01T00:00:00Z");
    private static final Instant V1 = T0.minusSeconds(60);

    private final Table table = new Table();
    private final UUID id = UUID.randomUUID();
    private final Staging staging = new Staging(table, id, "default", null, "me", 1, Clock.fixed(T0, ZoneOffset.UTC), Duration.ofSeconds(60));

    private List<PendingPair> pairs(int n) {
        List<PendingPair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PendingPair p = new PendingPair(new UUID(0, i + 1), null, "Q" + i, "A" + i, null, List.of());
            table.pairs.put(p.id(), p);
            out.add(p);
        }
        return out;
    }

    private List<PendingPair> claim(int limit) {
        return staging.claim(limit, T0, T0.plusSeconds(60));
    }

    private static EmbeddedPair embedded(PendingPair p) {
        return new EmbeddedPair(p.id(), null, "key-" + p.question(), "beta", null);
    }

    @Test
    void walksTheScopeOnceAndThenOnceMoreForWhatItGaveBack() {
        List<PendingPair> all = pairs(5);

        List<PendingPair> first = claim(3);
        List<PendingPair> second = claim(3);
        assertThat(first).extracting(PendingPair::question).containsExactly("Q0", "Q1", "Q2");
        assertThat(second).extracting(PendingPair::question).containsExactly("Q3", "Q4");

        staging.commit(List.of(embedded(all.get(0)), embedded(all.get(1))), List.of(new FailedPair(all.get(2).id(), null, "too long")), 0);
        staging.release(List.of(all.get(3).id()));

        assertThat(claim(3)).as("the second walk: what was given back, not what is in flight or staged")
                .extracting(PendingPair::question).containsExactly("Q3");
        assertThat(claim(3)).isEmpty();
        assertThat(table.staged).containsOnlyKeys(all.get(0).id(), all.get(1).id(), all.get(2).id());
        assertThat(table.staged.get(all.get(2).id())).isEqualTo(new ReembedRepository.Staged(all.get(2).id(), V1, null, "too long"));
    }

    @Test
    void aPairStagedWhileTheClaimsQueryRanIsNotHandedOutAgain() {
        List<PendingPair> all = pairs(4);
        List<PendingPair> first = claim(2);
        assertThat(first).hasSize(2);
        // The query of the next claim reads Q0 as unstaged, and Q0's commit lands before the
        // query's answer is looked at: Q0 is then neither in flight nor, for that query, staged.
        table.duringNextQuery = page -> {
            page.add(0, new ReembedRepository.ScopedPair(all.get(0), V1));
            staging.commit(List.of(embedded(all.get(0))), List.of(), 0);
        };

        assertThat(claim(10)).extracting(PendingPair::question).containsExactly("Q2", "Q3");
    }

    @Test
    void aLostLeaseMakesTheCommitFailAndLeavesThePairsInFlight() {
        List<PendingPair> all = pairs(1);
        claim(1);
        table.leaseHeld = false;

        assertThatThrownBy(() -> staging.commit(List.of(embedded(all.get(0))), List.of(), 0))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.LEASE_LOST))
                .hasMessage("re-embedding " + id + " was cancelled or taken over by another process");
        assertThat(table.staged).isEmpty();
    }

    /** The pairs in id order and what was staged; only what {@link Staging} calls is implemented. */
    private static final class Table implements ReembedRepository {
        final Map<UUID, PendingPair> pairs = new TreeMap<>(Comparator.naturalOrder());
        final Map<UUID, Staged> staged = new TreeMap<>();
        Consumer<List<ScopedPair>> duringNextQuery;
        boolean leaseHeld = true;

        @Override
        public List<ScopedPair> unstaged(UUID reembeddingId, String collection, UUID jobId, UUID afterPairId, int limit) {
            List<ScopedPair> page = new ArrayList<>();
            for (PendingPair p : pairs.values()) {
                if ((afterPairId == null || p.id().compareTo(afterPairId) > 0) && !staged.containsKey(p.id()) && page.size() < limit) {
                    page.add(new ScopedPair(p, V1));
                }
            }
            Consumer<List<ScopedPair>> hook = duringNextQuery;
            duringNextQuery = null;
            if (hook != null) {
                hook.accept(page);
            }
            return page;
        }

        @Override
        public boolean stage(UUID reembeddingId, String owner, int attempt, List<Staged> rows, long reused, Instant now,
                Instant leaseUntil) {
            if (!leaseHeld) {
                return false;
            }
            rows.forEach(r -> staged.put(r.pairId(), r));
            return true;
        }

        @Override
        public boolean create(Reembedding reembedding) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Reembedding> find(UUID id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Reembedding> recent(String collection, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Reembedding> unfinished(String collection) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OptionalInt claim(UUID id, String owner, long totalPairs, Instant now, Instant leaseUntil) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean renew(UUID id, String owner, int attempt, Instant now, Instant leaseUntil) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release(UUID id, String owner, int attempt, String message, Instant now, Instant notBefore) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long countScope(String collection, UUID jobId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long countUnstaged(UUID reembeddingId, String collection, UUID jobId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean complete(UUID reembeddingId, String owner, int attempt, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean cancel(UUID id, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<EmbeddingProfile> completedProfile(String collection, UUID jobId) {
            throw new UnsupportedOperationException();
        }
    }
}
