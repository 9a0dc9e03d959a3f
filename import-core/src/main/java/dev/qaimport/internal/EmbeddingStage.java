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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding stage. A coordinator claims groups of pending pairs and hands each to one of
 * {@code maxConcurrency} request slots; a slot reuses cached vectors, packs the rest into requests
 * by count and estimated tokens, isolates inputs the provider rejects by splitting, and commits the
 * group's results in one transaction. An outage stops the run and leaves pairs pending.
 */
final class EmbeddingStage implements EmbeddingTrigger {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingStage.class);
    /** Most pairs claimed at once by one slot, whatever the provider allows per request. */
    static final int MAX_GROUP = 512;

    private final ImportStore store;
    private final EmbeddingService service;
    private final Settings settings;
    private final ExecutorService pool;

    EmbeddingStage(ImportStore store, EmbeddingService service, Settings settings, ExecutorService pool) {
        this.store = store;
        this.service = service;
        this.settings = settings;
        this.pool = pool;
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
        EmbeddingLimits limits = service.limits();
        int slots = limits.maxConcurrency();
        int groupSize = Math.min(MAX_GROUP, limits.maxInputsPerRequest());
        Counters counters = new Counters();
        Semaphore permits = new Semaphore(slots + 1);
        List<Future<?>> tasks = new ArrayList<>();
        try {
            while (counters.problem.get() == null && !stop.getAsBoolean()) {
                permits.acquire();
                Instant now = settings.clock().instant();
                List<PendingPair> group;
                try {
                    group = claimer.claim(groupSize, now, now.plus(settings.embeddingClaimTtl()));
                } catch (RuntimeException e) {
                    permits.release();
                    throw e;
                }
                if (group.isEmpty()) {
                    permits.release();
                    break;
                }
                tasks.add(pool.submit(() -> {
                    try {
                        processGroup(group, counters, total, onProgress);
                    } finally {
                        permits.release();
                    }
                }));
                tasks.removeIf(Future::isDone);
            }
            for (Future<?> f : tasks) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            counters.problem.compareAndSet(null, "interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            counters.problem.compareAndSet(null, "embedding stage failed: " + c);
            LOG.error("embedding stage failed", c);
        }
        long pending = jobId != null ? store.embeddings().countPending(jobId) : Math.max(0, total - counters.embedded.get() - counters.failed.get());
        String problem = counters.problem.get();
        if (jobId != null) {
            store.jobs().setEmbeddingMessage(jobId, problem == null ? null
                    : "embedding: " + problem + (pending > 0 ? " (" + pending + " pairs left pending; retry with retryPending)" : ""),
                    settings.clock().instant());
        }
        return new EmbeddingResult(counters.embedded.get(), counters.reused.get(), counters.failed.get(), pending,
                counters.requests.get(), problem);
    }

    private void processGroup(List<PendingPair> group, Counters counters, long total, ProgressCallback onProgress) {
        String model = service.modelId();
        EmbeddingLimits limits = service.limits();
        // Render, key and de-duplicate the texts of the group.
        Map<String, String> textByKey = new LinkedHashMap<>();
        Map<UUID, String> keyByPair = new HashMap<>();
        for (PendingPair p : group) {
            String text = fit(settings.embeddingInput().render(p.question(), Sanitizer.plainText(p.answer()), p.category(), p.tags()),
                    limits.maxTokensPerInput());
            String key = Hashes.key(model, text);
            keyByPair.put(p.id(), key);
            textByKey.putIfAbsent(key, text);
        }
        Map<String, float[]> cached = store.embeddings().findVectors(textByKey.keySet());
        Map<String, float[]> fresh = new HashMap<>();
        Map<String, String> rejected = new HashMap<>();
        List<Map.Entry<String, String>> todo = new ArrayList<>();
        for (Map.Entry<String, String> e : textByKey.entrySet()) {
            if (!cached.containsKey(e.getKey())) {
                todo.add(e);
            }
        }
        String problem = null;
        for (List<Map.Entry<String, String>> request : pack(todo, limits)) {
            if (counters.problem.get() != null) {
                break;
            }
            try {
                embedIsolating(request, fresh, rejected, counters);
            } catch (EmbeddingException e) {
                problem = e.getMessage();
                counters.problem.compareAndSet(null, problem);
                LOG.warn("embedding stopped: {}", problem);
                break;
            }
        }
        List<EmbeddedPair> embedded = new ArrayList<>();
        List<FailedPair> failed = new ArrayList<>();
        List<UUID> release = new ArrayList<>();
        java.util.Set<String> attached = new java.util.HashSet<>();
        long reused = 0;
        for (PendingPair p : group) {
            String key = keyByPair.get(p.id());
            if (cached.containsKey(key)) {
                embedded.add(new EmbeddedPair(p.id(), p.importJobId(), key, model, null));
                reused++;
            } else if (fresh.containsKey(key)) {
                boolean first = attached.add(key);
                embedded.add(new EmbeddedPair(p.id(), p.importJobId(), key, model, first ? fresh.get(key) : null));
                if (!first) {
                    reused++;
                }
            } else if (rejected.containsKey(key)) {
                failed.add(new FailedPair(p.id(), p.importJobId(), rejected.get(key)));
            } else {
                release.add(p.id());
            }
        }
        if (!embedded.isEmpty() || !failed.isEmpty()) {
            store.embeddings().complete(settings.workerId(), embedded, failed, settings.clock().instant());
        }
        if (!release.isEmpty()) {
            store.embeddings().release(settings.workerId(), release);
        }
        counters.embedded.addAndGet(embedded.size());
        counters.reused.addAndGet(reused);
        counters.failed.addAndGet(failed.size());
        onProgress.onProgress(counters.embedded.get() + counters.failed.get(), total);
        ImportListener listener = settings.listener();
        if (listener != ImportListener.NONE && counters.throttle.ready(counters.embedded.get() + counters.failed.get() >= total)) {
            java.util.Set<UUID> jobs = new java.util.HashSet<>();
            for (PendingPair p : group) {
                if (p.importJobId() != null) {
                    jobs.add(p.importJobId());
                }
            }
            for (UUID job : jobs) {
                store.jobs().find(job).ifPresent(j -> Listeners.safely(() -> listener.onEmbeddingProgress(j)));
            }
        }
    }

    /** Embeds one request; a request refused because of its input is split until the bad input is alone. */
    private void embedIsolating(List<Map.Entry<String, String>> request, Map<String, float[]> fresh, Map<String, String> rejected,
            Counters counters) {
        List<String> texts = new ArrayList<>(request.size());
        for (Map.Entry<String, String> e : request) {
            texts.add(e.getValue());
        }
        try {
            counters.requests.incrementAndGet();
            List<float[]> vectors = service.embed(texts);
            if (vectors.size() != texts.size()) {
                throw new EmbeddingException(EmbeddingException.Kind.TRANSIENT, service.describe() + " returned " + vectors.size()
                        + " vectors for " + texts.size() + " inputs");
            }
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
            embedIsolating(request.subList(0, mid), fresh, rejected, counters);
            embedIsolating(request.subList(mid, request.size()), fresh, rejected, counters);
        }
    }

    /** Packs texts into requests that respect the count and token limits. */
    private List<List<Map.Entry<String, String>>> pack(List<Map.Entry<String, String>> todo, EmbeddingLimits limits) {
        List<List<Map.Entry<String, String>>> requests = new ArrayList<>();
        List<Map.Entry<String, String>> current = new ArrayList<>();
        long tokens = 0;
        for (Map.Entry<String, String> e : todo) {
            int t = Math.max(1, service.estimateTokens(e.getValue()));
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
        final Throttle throttle = new Throttle(100);
    }
}
