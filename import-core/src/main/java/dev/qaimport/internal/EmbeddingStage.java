package dev.qaimport.internal;

import dev.qaimport.EmbeddingTrigger;
import dev.qaimport.ImportListener;
import dev.qaimport.ProgressCallback;
import dev.qaimport.model.EmbeddingResult;
import dev.qaimport.spi.EmbeddingException;
import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.spi.EmbeddingRepository;
import dev.qaimport.spi.EmbeddingRepository.EmbeddedPair;
import dev.qaimport.spi.EmbeddingRepository.FailedPair;
import dev.qaimport.spi.EmbeddingRepository.PendingPair;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.validate.Sanitizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding stage: claims pending pairs, reuses cached vectors, packs the rest into requests
 * by count and estimated tokens, keeps the provider's {@code maxConcurrency} requests busy,
 * isolates inputs the provider rejects by splitting, and commits the results in batches (see
 * {@link Pipeline}). An outage stops the run and leaves the pairs it did not embed pending.
 */
final class EmbeddingStage implements EmbeddingTrigger {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingStage.class);
    /** Most pairs in one group (one request's worth), whatever the provider allows per request. */
    static final int MAX_GROUP = 512;
    /** Most pairs claimed in one round trip. */
    static final int MAX_CLAIM = 2048;
    /** Most pairs claimed and not yet committed by one run: bounds memory and what a crash leaves claimed. */
    static final int MAX_IN_FLIGHT = 4096;
    /**
     * Transient failures in a row (each after the service's own retries) that make an outage: the
     * run stops there, leaving the rest pending, rather than trying every remaining group.
     */
    static final int MAX_FAILURES_IN_A_ROW = 3;
    /** Most groups the writer commits in one transaction. */
    static final int MAX_GROUPS_PER_COMMIT = 8;

    private final ImportStore store;
    private final EmbeddingService service;
    private final Settings settings;
    private final ExecutorService pool;

    /** True once the instance is closing: every run stops after its requests in flight. */
    private final BooleanSupplier closing;
    /** Runs in progress, so that closing can wait for them before it takes their threads away. */
    private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();

    EmbeddingStage(ImportStore store, EmbeddingService service, Settings settings, ExecutorService pool, BooleanSupplier closing) {
        this.store = store;
        this.service = service;
        this.settings = settings;
        this.pool = pool;
        this.closing = closing;
    }

    /** Runs of the stage in progress. */
    int activeRuns() {
        return active.get();
    }

    boolean enabled() {
        return service != null;
    }

    @Override
    public EmbeddingResult triggerForPairs(Collection<UUID> pairIds, ProgressCallback onProgress) {
        Objects.requireNonNull(pairIds, "pairIds");
        Objects.requireNonNull(onProgress, "onProgress");
        List<UUID> ids = List.copyOf(pairIds);
        int[] next = {0};
        Claimer claimer = (limit, now, until) -> {
            synchronized (next) {
                List<PendingPair> claimed = new ArrayList<>();
                while (claimed.isEmpty() && next[0] < ids.size()) {
                    int end = Math.min(ids.size(), next[0] + limit);
                    List<UUID> chunk = ids.subList(next[0], end);
                    next[0] = end;
                    claimed.addAll(store.embeddings().claimPairs(chunk, settings.workerId(), now, until));
                }
                return claimed;
            }
        };
        return run(claimer, ids.size(), onProgress, () -> false, null);
    }

    @Override
    public EmbeddingResult triggerForJob(UUID jobId, ProgressCallback onProgress) {
        Objects.requireNonNull(jobId, "jobId");
        return forJob(jobId, onProgress, () -> false);
    }

    EmbeddingResult forJob(UUID jobId, ProgressCallback onProgress, BooleanSupplier stop) {
        Objects.requireNonNull(onProgress, "onProgress");
        if (service == null) {
            return new EmbeddingResult(0, 0, 0, store.embeddings().countPending(jobId), 0, null);
        }
        long total = store.embeddings().countPending(jobId);
        Claimer claimer = (limit, now, until) -> store.embeddings().claimPending(jobId, settings.workerId(), limit, now, until);
        return run(claimer, total, onProgress, stop, jobId);
    }

    @Override
    public EmbeddingResult retryPending(UUID jobId) {
        return forJob(jobId, ProgressCallback.NONE, () -> false);
    }

    @Override
    public EmbeddingResult retryFailed(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        store.embeddings().resetFailed(jobId);
        return forJob(jobId, ProgressCallback.NONE, () -> false);
    }

    /** Claims groups of pending pairs. */
    @FunctionalInterface
    private interface Claimer {
        List<PendingPair> claim(int limit, Instant now, Instant until);
    }

    private EmbeddingResult run(Claimer claimer, long total, ProgressCallback onProgress, BooleanSupplier stop, UUID jobId) {
        if (service == null) {
            return new EmbeddingResult(0, 0, 0, total, 0, null);
        }
        Pipeline pipeline = new Pipeline(service.limits(), total, onProgress, () -> closing.getAsBoolean() || stop.getAsBoolean());
        active.incrementAndGet();
        RuntimeException claimFailure;
        try {
            claimFailure = pipeline.feed(claimer);
            pipeline.awaitWriter();
        } finally {
            active.decrementAndGet();
        }
        Counters counters = pipeline.counters;
        long pending = jobId != null ? store.embeddings().countPending(jobId) : Math.max(0, total - counters.embedded.get() - counters.failed.get());
        String problem = counters.problem.get();
        if (jobId != null) {
            // A run that went on past a failed request still says why pairs are left.
            String why = problem != null ? problem : pending > 0 ? counters.lastFailure.get() : null;
            store.jobs().setEmbeddingMessage(jobId, why == null ? null
                    : "embedding: " + why + (pending > 0 ? " (" + pending + " pairs left pending; retry with retryPending)" : ""),
                    settings.clock().instant());
        }
        if (claimFailure != null) {
            throw claimFailure;
        }
        return new EmbeddingResult(counters.embedded.get(), counters.reused.get(), counters.failed.get(), pending,
                counters.requests.get(), problem);
    }

    /**
     * One run of the stage. Three kinds of thread work on it at once, so that the provider's
     * request slots never wait for the database:
     * <ul>
     *   <li>the calling thread claims pending pairs, several requests' worth per round trip, and
     *       cuts them into groups of one request each;</li>
     *   <li>a task per group renders its texts, looks up cached vectors and sends the rest,
     *       holding one of {@code maxConcurrency} request permits only while a request is out;</li>
     *   <li>one writer commits finished groups, several per transaction, so that commits neither
     *       queue on the job rows they update nor pay a transaction each.</li>
     * </ul>
     * Pairs claimed but not yet committed are bounded ({@link #inFlightLimit}), and so are memory
     * and what a crash leaves claimed. Every group ends in the writer's queue exactly once, also
     * when its task failed, so that its pairs are committed or released and no failure is lost.
     */
    private final class Pipeline {
        private final EmbeddingLimits limits;
        private final long total;
        private final ProgressCallback onProgress;
        private final BooleanSupplier stop;
        private final int groupSize;
        private final int claimSize;
        private final Semaphore requestSlots;
        private final Semaphore inFlight;
        private final int inFlightLimit;
        private final LinkedBlockingQueue<Group> finished = new LinkedBlockingQueue<>();
        /**
         * Pairs to give back when the run ends, not at once: released now, a pair whose request
         * failed would be claimed again by this very run, and a request that keeps failing
         * between successes would keep it going for ever. Only the writer touches it.
         */
        private final List<UUID> releaseAtEnd = new ArrayList<>();
        /** Texts being sent right now, by cache key, and the group sending each. */
        private final java.util.concurrent.ConcurrentHashMap<String, Group> sending = new java.util.concurrent.ConcurrentHashMap<>();
        private final Counters counters = new Counters();
        private final CountDownLatch writerDone = new CountDownLatch(1);
        private final AtomicLong progressed = new AtomicLong();
        private volatile int groupsSubmitted = -1;

        Pipeline(EmbeddingLimits limits, long total, ProgressCallback onProgress, BooleanSupplier stop) {
            this.limits = limits;
            this.total = total;
            this.onProgress = onProgress;
            this.stop = stop;
            int slots = Math.max(1, limits.maxConcurrency());
            this.groupSize = Math.max(1, Math.min(MAX_GROUP, limits.maxInputsPerRequest()));
            this.claimSize = Math.max(groupSize, Math.min(MAX_CLAIM, groupSize * slots));
            // Enough for one claim in the provider's hands, one being prepared and one committing.
            this.inFlightLimit = Math.max(claimSize, Math.min(MAX_IN_FLIGHT, 3 * claimSize));
            this.requestSlots = new Semaphore(slots);
            this.inFlight = new Semaphore(inFlightLimit);
        }

        /** Claims and hands out groups until nothing is left, a problem stops the run, or {@code stop} says so. */
        RuntimeException feed(Claimer claimer) {
            try {
                pool.execute(this::writeLoop);
            } catch (RuntimeException e) {
                writerDone.countDown();
                counters.problem.compareAndSet(null, "embedding stage could not start: " + e);
                groupsSubmitted = 0;
                return null;
            }
            int groups = 0;
            RuntimeException failure = null;
            try {
                while (counters.problem.get() == null && !stop.getAsBoolean()) {
                    if (!awaitRoom()) {
                        break;
                    }
                    if (counters.problem.get() != null || stop.getAsBoolean()) {
                        inFlight.release(claimSize);
                        break;
                    }
                    List<PendingPair> claimed;
                    try {
                        Instant now = settings.clock().instant();
                        claimed = claimer.claim(claimSize, now, now.plus(settings.embeddingClaimTtl()));
                    } catch (RuntimeException e) {
                        inFlight.release(claimSize);
                        counters.problem.compareAndSet(null, "claiming pending pairs failed: " + e.getMessage());
                        failure = e;
                        break;
                    }
                    inFlight.release(claimSize - claimed.size());
                    if (claimed.isEmpty()) {
                        break;
                    }
                    for (int from = 0; from < claimed.size(); from += groupSize) {
                        Group group = new Group(claimed.subList(from, Math.min(claimed.size(), from + groupSize)));
                        groups++;
                        try {
                            pool.execute(() -> prepareAndSend(group));
                        } catch (RuntimeException e) {
                            // The pool is shutting down: the writer releases the group's claims.
                            group.failure = e;
                            counters.problem.compareAndSet(null, "embedding stage stopped: " + e);
                            finished.add(group);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                counters.problem.compareAndSet(null, "interrupted");
            } finally {
                groupsSubmitted = groups;
                finished.add(Group.END);
            }
            return failure;
        }

        /** Waits until a claim's worth of pairs may be claimed; false if the run must end instead. */
        private boolean awaitRoom() throws InterruptedException {
            while (!inFlight.tryAcquire(claimSize, 100, TimeUnit.MILLISECONDS)) {
                if (writerDone.getCount() == 0 || counters.problem.get() != null || stop.getAsBoolean()) {
                    return false;
                }
            }
            return true;
        }

        /** Waits for the writer to commit or release every group handed out. */
        void awaitWriter() {
            boolean interrupted = false;
            while (true) {
                try {
                    writerDone.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private void prepareAndSend(Group group) {
            try {
                String model = service.modelId();
                Map<String, Integer> tokensByKey = new HashMap<>();
                for (PendingPair p : group.pairs) {
                    String text = settings.embeddingInput().render(p.question(), Sanitizer.plainText(p.answer()), p.category(), p.tags());
                    int tokens = Math.max(1, service.estimateTokens(text));
                    if (tokens > limits.maxTokensPerInput()) {
                        text = fit(text, limits.maxTokensPerInput());
                        tokens = Math.max(1, service.estimateTokens(text));
                    }
                    String key = Hashes.key(model, text);
                    group.keyByPair.put(p.id(), key);
                    if (group.textByKey.putIfAbsent(key, text) == null) {
                        tokensByKey.put(key, tokens);
                    }
                }
                group.cached = store.embeddings().findVectors(group.textByKey.keySet());
                List<Map.Entry<String, String>> todo = new ArrayList<>();
                for (Map.Entry<String, String> e : group.textByKey.entrySet()) {
                    if (group.cached.containsKey(e.getKey())) {
                        continue;
                    }
                    // Identical text in groups that run at the same time is sent by the first only.
                    Group owner = sending.putIfAbsent(e.getKey(), group);
                    if (owner == null) {
                        group.sends.add(e.getKey());
                        todo.add(e);
                    } else {
                        group.borrowed.put(e.getKey(), owner);
                    }
                }
                for (List<Map.Entry<String, String>> request : pack(todo, tokensByKey, limits)) {
                    if (counters.problem.get() != null || stop.getAsBoolean()) {
                        break;
                    }
                    requestSlots.acquire();
                    if (counters.problem.get() != null || stop.getAsBoolean()) {
                        // The run stopped while this group waited for a slot: nothing more goes out.
                        requestSlots.release();
                        break;
                    }
                    try {
                        embedIsolating(request, tokensByKey, group.fresh, group.rejected, counters);
                    } catch (EmbeddingException e) {
                        if (e.kind() == EmbeddingException.Kind.TRANSIENT
                                && counters.failuresInARow.incrementAndGet() < MAX_FAILURES_IN_A_ROW) {
                            // One failed request (after the service's own retries) is not an outage yet:
                            // its pairs stay pending and the other groups go on.
                            counters.lastFailure.set(e.getMessage());
                            LOG.warn("an embedding request failed, its {} inputs stay pending: {}", request.size(), e.getMessage());
                        } else {
                            counters.problem.compareAndSet(null, e.getMessage());
                            LOG.warn("embedding stopped: {}", e.getMessage());
                        }
                        break;
                    } finally {
                        requestSlots.release();
                    }
                }
                if (!group.fresh.isEmpty()) {
                    // Stored here, in parallel with the other groups, rather than in the writer's
                    // transaction: the vectors are a cache keyed by content, so storing them before
                    // the pairs are marked is harmless, and the single writer stays quick.
                    try {
                        store.embeddings().storeVectors(model, group.fresh, settings.clock().instant());
                    } catch (RuntimeException e) {
                        group.fresh.clear();
                        throw e;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                counters.problem.compareAndSet(null, "interrupted");
            } catch (RuntimeException | Error e) {
                group.failure = e;
                counters.problem.compareAndSet(null, "embedding stage failed: " + e);
                LOG.error("embedding a group of {} pairs failed", group.pairs.size(), e);
            } finally {
                // Groups waiting for this one's texts go on, before this one waits for others:
                // two groups that borrow from each other cannot wait forever.
                group.sent.countDown();
                for (String key : group.sends) {
                    sending.remove(key, group);
                }
                awaitBorrowed(group);
                finished.add(group);
            }
        }

        /** Waits for the groups this one borrowed texts from; what they stored counts as this group's too. */
        private void awaitBorrowed(Group group) {
            for (Map.Entry<String, Group> e : group.borrowed.entrySet()) {
                Group owner = e.getValue();
                try {
                    owner.sent.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (owner.fresh.containsKey(e.getKey())) {
                    group.stored.add(e.getKey());
                } else if (owner.rejected.containsKey(e.getKey())) {
                    group.rejected.put(e.getKey(), owner.rejected.get(e.getKey()));
                }
            }
        }

        /** The writer: commits finished groups, as many as are waiting (up to a cap) per transaction. */
        private void writeLoop() {
            try {
                int received = 0;
                boolean ended = false;
                List<Group> batch = new ArrayList<>();
                while (!ended || received < groupsSubmitted) {
                    batch.clear();
                    Group first = finished.take();
                    batch.add(first);
                    finished.drainTo(batch, MAX_GROUPS_PER_COMMIT - 1);
                    ended |= batch.remove(Group.END);
                    received += batch.size();
                    if (!batch.isEmpty()) {
                        commit(batch);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                counters.problem.compareAndSet(null, "interrupted while committing embeddings");
            } finally {
                releaseQuietly(releaseAtEnd);
                writerDone.countDown();
            }
        }

        private void commit(List<Group> batch) {
            List<EmbeddedPair> embedded = new ArrayList<>();
            List<FailedPair> failed = new ArrayList<>();
            List<UUID> release = new ArrayList<>();
            java.util.Set<String> firstUse = new java.util.HashSet<>();
            java.util.Set<UUID> jobs = new java.util.HashSet<>();
            String model = service.modelId();
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
                    store.embeddings().complete(settings.workerId(), embedded, failed, settings.clock().instant());
                }
                counters.embedded.addAndGet(embedded.size());
                counters.reused.addAndGet(reused);
                counters.failed.addAndGet(failed.size());
            } catch (RuntimeException e) {
                // The pairs stay pending; another run embeds them again, finding the vectors that
                // were stored in the cache. Their claims are given back if the database allows.
                counters.problem.compareAndSet(null, "storing " + embedded.size() + " embeddings failed: " + e.getMessage());
                LOG.error("storing {} embeddings failed", embedded.size(), e);
                for (Group group : batch) {
                    group.pairs.forEach(p -> releaseAtEnd.add(p.id()));
                }
                inFlight.release(pairs);
                return;
            }
            releaseAtEnd.addAll(release);
            inFlight.release(pairs);
            long done = counters.embedded.get() + counters.failed.get();
            onProgress.onProgress(done, total);
            ImportListener listener = settings.listener();
            if (listener != ImportListener.NONE && done > progressed.get() && counters.throttle.ready(done >= total)) {
                progressed.set(done);
                for (UUID job : jobs) {
                    try {
                        store.jobs().find(job).ifPresent(j -> Listeners.safely(() -> listener.onEmbeddingProgress(j)));
                    } catch (RuntimeException e) {
                        LOG.debug("could not read job {} for its progress: {}", job, e.getMessage());
                    }
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
            store.embeddings().release(settings.workerId(), pairIds);
        } catch (RuntimeException e) {
            LOG.warn("could not release {} embedding claims; they expire in {}: {}", pairIds.size(), settings.embeddingClaimTtl(),
                    e.getMessage());
        }
    }

    /** The pairs of one request and what became of them; filled by its task, read by the writer. */
    private static final class Group {
        static final Group END = new Group(List.of());

        final List<PendingPair> pairs;
        final Map<String, String> textByKey = new LinkedHashMap<>();
        final Map<UUID, String> keyByPair = new HashMap<>();
        Map<String, float[]> cached = Map.of();
        final Map<String, float[]> fresh = new HashMap<>();
        final Map<String, String> rejected = new HashMap<>();
        /** Keys this group sends; other groups may borrow them. */
        final List<String> sends = new ArrayList<>();
        /** Keys another group of the run is sending, and which. */
        final Map<String, Group> borrowed = new HashMap<>();
        /** Borrowed keys whose vector the other group stored. */
        final java.util.Set<String> stored = new java.util.HashSet<>();
        /** Opens once this group's requests are done and its vectors stored (or it gave up). */
        final CountDownLatch sent = new CountDownLatch(1);
        Throwable failure;

        Group(List<PendingPair> pairs) {
            this.pairs = pairs;
        }
    }

    /** Embeds one request; a request refused because of its input is split until the bad input is alone. */
    private void embedIsolating(List<Map.Entry<String, String>> request, Map<String, Integer> tokensByKey, Map<String, float[]> fresh,
            Map<String, String> rejected, Counters counters) {
        List<String> texts = new ArrayList<>(request.size());
        int[] tokens = new int[request.size()];
        for (int i = 0; i < request.size(); i++) {
            texts.add(request.get(i).getValue());
            tokens[i] = tokensByKey.getOrDefault(request.get(i).getKey(), 1);
        }
        try {
            counters.requests.incrementAndGet();
            List<float[]> vectors = service.embed(texts, tokens);
            if (vectors.size() != texts.size()) {
                throw new EmbeddingException(EmbeddingException.Kind.TRANSIENT, service.describe() + " returned " + vectors.size()
                        + " vectors for " + texts.size() + " inputs");
            }
            counters.failuresInARow.set(0);
            for (int i = 0; i < request.size(); i++) {
                fresh.put(request.get(i).getKey(), vectors.get(i));
            }
        } catch (EmbeddingException e) {
            if (e.kind() != EmbeddingException.Kind.INPUT_REJECTED) {
                throw e;
            }
            if (request.size() == 1) {
                rejected.put(request.get(0).getKey(), e.getMessage());
                return;
            }
            int mid = request.size() / 2;
            embedIsolating(request.subList(0, mid), tokensByKey, fresh, rejected, counters);
            embedIsolating(request.subList(mid, request.size()), tokensByKey, fresh, rejected, counters);
        }
    }

    /** Packs texts into requests that respect the count and token limits. */
    private static List<List<Map.Entry<String, String>>> pack(List<Map.Entry<String, String>> todo, Map<String, Integer> tokensByKey,
            EmbeddingLimits limits) {
        List<List<Map.Entry<String, String>>> requests = new ArrayList<>();
        List<Map.Entry<String, String>> current = new ArrayList<>();
        long tokens = 0;
        for (Map.Entry<String, String> e : todo) {
            int t = tokensByKey.getOrDefault(e.getKey(), 1);
            if (!current.isEmpty() && (current.size() >= limits.maxInputsPerRequest() || tokens + t > limits.maxTokensPerRequest())) {
                requests.add(current);
                current = new ArrayList<>();
                tokens = 0;
            }
            current.add(e);
            tokens += t;
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        return requests;
    }

    /** Shortens a text whose estimated tokens exceed the provider's per-input limit. */
    private String fit(String text, int maxTokens) {
        if (service.estimateTokens(text) <= maxTokens) {
            return text;
        }
        int end = text.length();
        while (end > 0 && service.estimateTokens(text.substring(0, end)) > maxTokens) {
            end = (int) (end * 0.9);
            if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
        }
        return text.substring(0, end);
    }

    private static final class Counters {
        final AtomicLong embedded = new AtomicLong();
        final AtomicLong reused = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong requests = new AtomicLong();
        final AtomicReference<String> problem = new AtomicReference<>();
        /** Requests that failed in a row, all of them transient; reset by a success. */
        final java.util.concurrent.atomic.AtomicInteger failuresInARow = new java.util.concurrent.atomic.AtomicInteger();
        final AtomicReference<String> lastFailure = new AtomicReference<>();
        final Throttle throttle = new Throttle(100);
    }
}
