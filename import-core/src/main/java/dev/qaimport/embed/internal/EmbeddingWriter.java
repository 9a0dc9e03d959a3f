package dev.qaimport.embed.internal;

import dev.qaimport.ImportListener;
import dev.qaimport.ProgressCallback;
import dev.qaimport.internal.Listeners;
import dev.qaimport.spi.EmbeddingRepository.EmbeddedPair;
import dev.qaimport.spi.EmbeddingRepository.FailedPair;
import dev.qaimport.spi.EmbeddingRepository.PendingPair;
import dev.qaimport.spi.ImportObserver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of a run: commits finished groups, as many as are waiting (up to a cap) per
 * transaction, so that commits neither queue on the job rows they update nor pay a transaction
 * each. Pairs whose call failed are given back when the run ends, not at once: released now, they
 * would be claimed again by this very run, and a call that keeps failing between successes would
 * keep it going for ever.
 */
final class EmbeddingWriter {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingWriter.class);
    /** Most groups committed in one transaction. */
    static final int MAX_GROUPS_PER_COMMIT = 8;

    private final EmbeddingRun run;
    private final long total;
    private final ProgressCallback onProgress;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicLong progressed = new AtomicLong();
    /** Only the writer's thread touches it. */
    private final List<UUID> releaseAtEnd = new ArrayList<>();
    private volatile int groupsSubmitted = -1;

    EmbeddingWriter(EmbeddingRun run, long total, ProgressCallback onProgress) {
        this.run = run;
        this.total = total;
        this.onProgress = onProgress;
    }

    /** No more groups come: {@code groups} were handed out in all. */
    void ended(int groups) {
        groupsSubmitted = groups;
        run.finished.add(Group.END);
    }

    /** The writer could not be started: there is nothing to wait for. */
    void abandon() {
        groupsSubmitted = 0;
        done.countDown();
    }

    boolean done() {
        return done.getCount() == 0;
    }

    /** Waits for the writer to commit or release every group handed out. */
    void await() {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    void writeLoop() {
        try {
            int received = 0;
            boolean ended = false;
            List<Group> batch = new ArrayList<>();
            while (!ended || received < groupsSubmitted) {
                batch.clear();
                batch.add(run.finished.take());
                run.finished.drainTo(batch, MAX_GROUPS_PER_COMMIT - 1);
                ended |= batch.remove(Group.END);
                received += batch.size();
                if (!batch.isEmpty()) {
                    commit(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.counters.stop("interrupted while committing embeddings");
        } finally {
            releaseQuietly(releaseAtEnd);
            done.countDown();
        }
    }

    private void commit(List<Group> batch) {
        List<EmbeddedPair> embedded = new ArrayList<>();
        List<FailedPair> failed = new ArrayList<>();
        List<UUID> release = new ArrayList<>();
        Set<String> firstUse = new HashSet<>();
        Set<UUID> jobs = new HashSet<>();
        String model = run.service.modelId();
        int pairs = 0;
        long reused = 0;
        for (Group group : batch) {
            pairs += group.pairs.size();
            for (PendingPair p : group.pairs) {
                if (p.importJobId() != null) {
                    jobs.add(p.importJobId());
                }
                String key = group.keyByPair.get(p.id());
                if (key != null && group.cached.containsKey(key)) {
                    embedded.add(new EmbeddedPair(p.id(), p.importJobId(), key, model, null));
                    reused++;
                } else if (key != null && group.fresh.containsKey(key)) {
                    // Stored by the group's task already.
                    embedded.add(new EmbeddedPair(p.id(), p.importJobId(), key, model, null));
                    if (!firstUse.add(key)) {
                        reused++;
                    }
                } else if (key != null && group.stored.contains(key)) {
                    // Sent and stored by another group of this run.
                    embedded.add(new EmbeddedPair(p.id(), p.importJobId(), key, model, null));
                    reused++;
                } else if (key != null && group.rejected.containsKey(key)) {
                    failed.add(new FailedPair(p.id(), p.importJobId(), group.rejected.get(key)));
                } else {
                    release.add(p.id());
                }
            }
        }
        try {
            if (!embedded.isEmpty() || !failed.isEmpty()) {
                run.outcomes.commit(embedded, failed, reused);
            }
            run.counters.embedded.addAndGet(embedded.size());
            run.counters.reused.addAndGet(reused);
            run.counters.failed.addAndGet(failed.size());
            if (!run.settings.observers().isEmpty()) {
                run.settings.observers().onEmbeddingsCommitted(
                        new ImportObserver.EmbeddingsCommitted(run.service.profile(), embedded.size(), failed.size(), reused));
            }
        } catch (RuntimeException e) {
            // The pairs stay pending; another run embeds them again, finding the vectors that
            // were stored in the cache. Their claims are given back if the database allows.
            run.counters.stop("storing " + embedded.size() + " embeddings failed: " + e.getMessage());
            LOG.error("storing {} embeddings failed", embedded.size(), e);
            for (Group group : batch) {
                group.pairs.forEach(p -> releaseAtEnd.add(p.id()));
            }
            run.inFlight.release(pairs);
            return;
        }
        releaseAtEnd.addAll(release);
        run.inFlight.release(pairs);
        notifyProgress(jobs);
    }

    private void notifyProgress(Set<UUID> jobs) {
        long done = run.counters.embedded.get() + run.counters.failed.get();
        onProgress.onProgress(done, total);
        ImportListener listener = run.settings.listener();
        if (listener != ImportListener.NONE && run.outcomes.notifiesJobs() && done > progressed.get() && run.counters.throttle.ready(done >= total)) {
            progressed.set(done);
            for (UUID job : jobs) {
                try {
                    run.store.jobs().find(job).ifPresent(j -> Listeners.safely(() -> listener.onEmbeddingProgress(j)));
                } catch (RuntimeException e) {
                    LOG.debug("could not read job {} for its progress: {}", job, e.getMessage());
                }
            }
        }
    }

    /** Gives claims back; if the database refuses, they expire by themselves. */
    private void releaseQuietly(List<UUID> pairIds) {
        if (pairIds.isEmpty()) {
            return;
        }
        try {
            run.outcomes.release(pairIds);
        } catch (RuntimeException e) {
            LOG.warn("could not release {} embedding claims; they expire in {}: {}", pairIds.size(), run.settings.embeddingClaimTtl(),
                    e.getMessage());
        }
    }
}
