package dev.qaimport.embed.internal;

import dev.qaimport.EmbeddingInput;
import dev.qaimport.ProgressCallback;
import dev.qaimport.internal.Settings;
import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.spi.EmbeddingRepository.PendingPair;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.spi.ImportStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One run of the stage. Three kinds of thread work on it at once, so that the provider's calls
 * never wait for the database:
 * <ul>
 *   <li>the calling thread claims pending pairs, several calls' worth per round trip, and cuts
 *       them into groups of one call each ({@link #feed});</li>
 *   <li>a {@link GroupTask} per group renders its texts, looks up cached vectors and sends the
 *       rest, holding one of {@code maxConcurrency} call permits only while its call is out;</li>
 *   <li>one {@link EmbeddingWriter} commits finished groups, several per transaction.</li>
 * </ul>
 * Pairs claimed but not yet committed are bounded ({@link #inFlightLimit}), and so are memory
 * and what a crash leaves claimed. Every group ends in the writer's queue exactly once, also
 * when its task failed, so that its pairs are committed or released and no failure is lost.
 */
final class EmbeddingRun {
    /** Most pairs in one group (one call's worth), whatever the provider allows per request. */
    static final int MAX_GROUP = 512;
    /** Most pairs claimed in one round trip. */
    static final int MAX_CLAIM = 2048;
    /** Most pairs claimed and not yet committed by one run: bounds memory and what a crash leaves claimed. */
    static final int MAX_IN_FLIGHT = 4096;

    final ImportStore store;
    final EmbeddingService service;
    /** What text of a pair this run embeds. */
    final EmbeddingInput input;
    final Settings settings;
    /** Where finished groups go. */
    final Outcomes outcomes;
    final Counters counters;
    final LinkedBlockingQueue<Group> finished = new LinkedBlockingQueue<>();
    /** Texts being sent right now, by cache key, and the group sending each. */
    final ConcurrentHashMap<String, Group> sending = new ConcurrentHashMap<>();
    final Semaphore callSlots;
    /** Pairs claimed and not yet committed or released; the writer gives permits back. */
    final Semaphore inFlight;
    private final ExecutorService pool;
    private final BooleanSupplier stop;
    private final int groupSize;
    private final int claimSize;
    private final int inFlightLimit;
    private final EmbeddingWriter writer;

    EmbeddingRun(ImportStore store, EmbeddingService service, EmbeddingInput input, Outcomes outcomes, Settings settings,
            ExecutorService pool, long total, ProgressCallback onProgress, BooleanSupplier stop) {
        this.store = store;
        this.outcomes = outcomes;
        this.service = service;
        this.input = input;
        this.settings = settings;
        this.counters = new Counters(settings.clock());
        this.pool = pool;
        this.stop = stop;
        EmbeddingLimits limits = service.limits();
        int slots = Math.max(1, limits.maxConcurrency());
        this.groupSize = Math.max(1, Math.min(MAX_GROUP, limits.maxInputsPerRequest()));
        this.claimSize = Math.max(groupSize, Math.min(MAX_CLAIM, groupSize * slots));
        // Enough for one claim in the provider's hands, one being prepared and one committing.
        this.inFlightLimit = Math.max(claimSize, Math.min(MAX_IN_FLIGHT, 3 * claimSize));
        this.callSlots = new Semaphore(slots);
        this.inFlight = new Semaphore(inFlightLimit);
        this.writer = new EmbeddingWriter(this, total, onProgress);
    }

    /** Whether the run must send nothing more: a problem stopped it, or its caller or the instance said stop. */
    boolean mustStop() {
        return counters.stopped() || stop.getAsBoolean();
    }

    /**
     * Claims and hands out groups until nothing is left, a problem stops the run, or the caller
     * says stop; then waits for the writer. Returns the failure of a claim, if one ended the run.
     */
    RuntimeException execute(Claimer claimer) {
        try {
            pool.execute(writer::writeLoop);
        } catch (RuntimeException e) {
            counters.stop("embedding stage could not start: " + e);
            writer.abandon();
            return null;
        }
        int groups = 0;
        RuntimeException failure = null;
        try {
            while (!mustStop()) {
                if (!awaitRoom()) {
                    break;
                }
                if (mustStop()) {
                    inFlight.release(claimSize);
                    break;
                }
                List<PendingPair> claimed;
                try {
                    Instant now = settings.clock().instant();
                    claimed = claimer.claim(claimSize, now, now.plus(settings.embeddingClaimTtl()));
                } catch (RuntimeException e) {
                    inFlight.release(claimSize);
                    counters.stop("claiming pending pairs failed: " + e.getMessage());
                    failure = e;
                    break;
                }
                inFlight.release(claimSize - claimed.size());
                if (claimed.isEmpty()) {
                    break;
                }
                groups += dispatch(claimed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            counters.stop("interrupted");
        } finally {
            writer.ended(groups);
        }
        writer.await();
        return failure;
    }

    /** Cuts claimed pairs into groups and starts a task for each; returns how many groups went to the writer. */
    private int dispatch(List<PendingPair> claimed) {
        int groups = 0;
        for (int from = 0; from < claimed.size(); from += groupSize) {
            Group group = new Group(claimed.subList(from, Math.min(claimed.size(), from + groupSize)));
            groups++;
            try {
                pool.execute(new GroupTask(this, group));
            } catch (RuntimeException e) {
                // The pool is shutting down: the writer releases the group's claims.
                group.failure = e;
                counters.stop("embedding stage stopped: " + e);
                finished.add(group);
            }
        }
        return groups;
    }

    /** Waits until a claim's worth of pairs may be claimed; false if the run must end instead. */
    private boolean awaitRoom() throws InterruptedException {
        while (!inFlight.tryAcquire(claimSize, 100, TimeUnit.MILLISECONDS)) {
            if (writer.done() || mustStop()) {
                return false;
            }
        }
        return true;
    }
}
