package dev.qaimport.embed.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.spi.EmbeddingRepository.EmbeddedPair;
import dev.qaimport.spi.EmbeddingRepository.FailedPair;
import dev.qaimport.spi.EmbeddingRepository.PendingPair;
import dev.qaimport.spi.ReembedRepository;
import dev.qaimport.spi.ReembedRepository.ScopedPair;
import dev.qaimport.spi.ReembedRepository.Staged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One attempt of a re-embedding, as an embedding run sees it: a claimer that walks the scope's
 * pairs that have nothing staged yet, and outcomes that stage vectors instead of changing the
 * pairs. Nothing is claimed in the database (the re-embedding's lease makes this attempt the only
 * one); the pairs in flight are remembered here, with the version each was read at, so that a
 * second walk over the scope (for pairs added meanwhile, or given back after a failed call) skips
 * them.
 */
final class Staging implements Claimer, Outcomes {
    /** Walks over the scope per attempt: the first, then one for what it missed. */
    static final int WALKS = 2;

    private final ReembedRepository repository;
    private final UUID id;
    private final String collection;
    private final UUID jobId;
    private final String owner;
    private final int attempt;
    private final Clock clock;
    private final Duration lease;
    /** Pairs handed out and not yet staged or given back, with their versions. */
    private final Map<UUID, Instant> inFlight = new ConcurrentHashMap<>();
    /**
     * Pairs staged since the current claim began: its query may have read them as unstaged just
     * before their commit, when they were no longer in flight either. Cleared as a claim begins.
     */
    private final Set<UUID> stagedDuringClaim = new HashSet<>();
    /** Guards {@link #stagedDuringClaim}, and the moves out of {@link #inFlight} that go with it. */
    private final Object lock = new Object();
    private UUID after;
    private int walk;

    Staging(ReembedRepository repository, UUID id, String collection, UUID jobId, String owner, int attempt, Clock clock, Duration lease) {
        this.repository = repository;
        this.id = id;
        this.collection = collection;
        this.jobId = jobId;
        this.owner = owner;
        this.attempt = attempt;
        this.clock = clock;
        this.lease = lease;
    }

    @Override
    public synchronized List<PendingPair> claim(int limit, Instant now, Instant until) {
        while (walk < WALKS) {
            synchronized (lock) {
                stagedDuringClaim.clear();
            }
            List<ScopedPair> page = repository.unstaged(id, collection, jobId, after, limit);
            if (page.isEmpty()) {
                walk++;
                after = null;
                continue;
            }
            after = page.get(page.size() - 1).pair().id();
            List<PendingPair> out = new ArrayList<>(page.size());
            synchronized (lock) {
                for (ScopedPair p : page) {
                    if (!stagedDuringClaim.contains(p.pair().id()) && inFlight.putIfAbsent(p.pair().id(), p.version()) == null) {
                        out.add(p.pair());
                    }
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        return List.of();
    }

    @Override
    public void commit(List<EmbeddedPair> embedded, List<FailedPair> failed, long reused) {
        List<Staged> staged = new ArrayList<>(embedded.size() + failed.size());
        for (EmbeddedPair p : embedded) {
            staged.add(new Staged(p.pairId(), version(p.pairId()), p.key(), null));
        }
        for (FailedPair p : failed) {
            staged.add(new Staged(p.pairId(), version(p.pairId()), null, p.reason()));
        }
        Instant now = clock.instant();
        if (!repository.stage(id, owner, attempt, staged, reused, now, now.plus(lease))) {
            throw new ImportException(ErrorCodes.LEASE_LOST, "re-embedding " + id + " was cancelled or taken over by another process");
        }
        synchronized (lock) {
            for (Staged s : staged) {
                inFlight.remove(s.pairId());
                stagedDuringClaim.add(s.pairId());
            }
        }
    }

    private Instant version(UUID pairId) {
        Instant v = inFlight.get(pairId);
        if (v == null) {
            throw new IllegalStateException("pair " + pairId + " was not handed out by this re-embedding");
        }
        return v;
    }

    @Override
    public void release(List<UUID> pairIds) {
        pairIds.forEach(inFlight::remove);
    }

    @Override
    public boolean notifiesJobs() {
        return false;
    }
}
