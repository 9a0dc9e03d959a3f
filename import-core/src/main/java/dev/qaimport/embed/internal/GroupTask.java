package dev.qaimport.embed.internal;

import dev.qaimport.internal.Bisection;
import dev.qaimport.internal.Hashes;
import dev.qaimport.spi.EmbeddingException;
import dev.qaimport.spi.EmbeddingRepository.PendingPair;
import dev.qaimport.validate.Sanitizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of one group: renders its texts, looks up cached vectors, sends the rest in one call to
 * the provider (which packs them into requests and shortens over-long inputs), isolates inputs
 * the provider rejects, and stores the new vectors. Identical text in groups that run at the same
 * time is sent by the first group only; the others borrow its outcome.
 */
final class GroupTask implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupTask.class);
    /**
     * Transient failures in a row (each after the service's own retries) that make an outage: the
     * run stops there, leaving the rest pending, rather than trying every remaining group.
     */
    static final int MAX_FAILURES_IN_A_ROW = 3;

    private final EmbeddingRun run;
    private final Group group;

    GroupTask(EmbeddingRun run, Group group) {
        this.run = run;
        this.group = group;
    }

    @Override
    public void run() {
        try {
            List<Map.Entry<String, String>> todo = lookUp();
            if (!todo.isEmpty() && !run.mustStop()) {
                send(todo);
            }
            storeFresh();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.counters.stop("interrupted");
        } catch (RuntimeException | Error e) {
            group.failure = e;
            run.counters.stop("embedding stage failed: " + e);
            LOG.error("embedding a group of {} pairs failed", group.pairs.size(), e);
        } finally {
            // Groups waiting for this one's texts go on, before this one waits for others:
            // two groups that borrow from each other cannot wait forever.
            group.sent.countDown();
            for (String key : group.sends) {
                run.sending.remove(key, group);
            }
            awaitBorrowed();
            run.finished.add(group);
        }
    }

    /** Renders the group's texts and returns those it must send: not cached, not sent by another group right now. */
    private List<Map.Entry<String, String>> lookUp() {
        String model = run.service.modelId();
        for (PendingPair p : group.pairs) {
            String text = run.input.render(p.question(), Sanitizer.plainText(p.answer()), p.category(), p.tags());
            String key = Hashes.key(model, text);
            group.keyByPair.put(p.id(), key);
            group.textByKey.putIfAbsent(key, text);
        }
        group.cached = run.store.embeddings().findVectors(group.textByKey.keySet());
        List<Map.Entry<String, String>> todo = new ArrayList<>();
        for (Map.Entry<String, String> e : group.textByKey.entrySet()) {
            if (group.cached.containsKey(e.getKey())) {
                continue;
            }
            Group owner = run.sending.putIfAbsent(e.getKey(), group);
            if (owner == null) {
                group.sends.add(e.getKey());
                todo.add(e);
            } else {
                group.borrowed.put(e.getKey(), owner);
            }
        }
        return todo;
    }

    /** Sends the texts in one call, holding one of the run's call permits meanwhile. */
    private void send(List<Map.Entry<String, String>> todo) throws InterruptedException {
        run.callSlots.acquire();
        try {
            if (run.mustStop()) {
                // The run stopped while this group waited for a slot: nothing more goes out.
                return;
            }
            Bisection.isolate(todo, this::embed, GroupTask::rejectedInput,
                    (e, refusal) -> group.rejected.put(e.getKey(), refusal.getMessage()));
        } catch (EmbeddingException e) {
            if (e.kind() == EmbeddingException.Kind.TRANSIENT
                    && run.counters.failuresInARow.incrementAndGet() < MAX_FAILURES_IN_A_ROW) {
                // One failed call (after the service's own retries) is not an outage yet: its
                // pairs stay pending and the other groups go on.
                run.counters.lastFailure.set(e.getMessage());
                LOG.warn("an embedding request failed, its {} inputs stay pending: {}", todo.size(), e.getMessage());
            } else {
                run.counters.stop(e.getMessage());
                LOG.warn("embedding stopped: {}", e.getMessage());
            }
        } finally {
            run.callSlots.release();
        }
    }

    private void embed(List<Map.Entry<String, String>> inputs) {
        List<String> texts = new ArrayList<>(inputs.size());
        for (Map.Entry<String, String> e : inputs) {
            texts.add(e.getValue());
        }
        run.counters.requests.incrementAndGet();
        List<float[]> vectors = run.service.embed(texts, run.settings.observers());
        if (vectors.size() != texts.size()) {
            throw new EmbeddingException(EmbeddingException.Kind.TRANSIENT, run.service.describe() + " returned " + vectors.size()
                    + " vectors for " + texts.size() + " inputs");
        }
        run.counters.failuresInARow.set(0);
        for (int i = 0; i < inputs.size(); i++) {
            group.fresh.put(inputs.get(i).getKey(), vectors.get(i));
        }
    }

    private static boolean rejectedInput(RuntimeException e) {
        return e instanceof EmbeddingException && ((EmbeddingException) e).kind() == EmbeddingException.Kind.INPUT_REJECTED;
    }

    /**
     * Stores the new vectors here, in parallel with the other groups, rather than in the writer's
     * transaction: the vectors are a cache keyed by content, so storing them before the pairs are
     * marked is harmless, and the single writer stays quick.
     */
    private void storeFresh() {
        if (group.fresh.isEmpty()) {
            return;
        }
        try {
            run.store.embeddings().storeVectors(run.service.modelId(), group.fresh, run.settings.clock().instant());
        } catch (RuntimeException e) {
            group.fresh.clear();
            throw e;
        }
    }

    /** Waits for the groups this one borrowed texts from; what they stored counts as this group's too. */
    private void awaitBorrowed() {
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
}
