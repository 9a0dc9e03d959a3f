package dev.qaimport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.ImportJob;
import dev.qaimport.spi.EmbeddingRequestEvent;
import dev.qaimport.spi.ImportObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ObserversTest {
    private static final EmbeddingProfile PROFILE = EmbeddingProfile.of("openai", "m");

    /** Writes down what it hears. */
    static final class Recorder implements ImportObserver {
        final List<String> heard = new ArrayList<>();

        @Override
        public void onBatchCommitted(BatchCommitted batch) {
            heard.add("batch " + batch.created());
        }

        @Override
        public void onEmbeddingsCommitted(EmbeddingsCommitted commit) {
            heard.add("embedded " + commit.cacheHits());
        }

        @Override
        public void onRequest(EmbeddingRequestEvent event) {
            heard.add("request " + event.outcome().tag());
        }

        @Override
        public void onRateLimitWait(EmbeddingProfile profile, Duration waited) {
            heard.add("wait " + waited.toMillis());
        }
    }

    /** Throws at every event. */
    static final class Thrower implements ImportObserver {
        @Override
        public void onBatchCommitted(BatchCommitted batch) {
            throw new IllegalStateException("boom");
        }

        @Override
        public void onEmbeddingsCommitted(EmbeddingsCommitted commit) {
            throw new IllegalStateException("boom");
        }

        @Override
        public void onRequest(EmbeddingRequestEvent event) {
            throw new IllegalStateException("boom");
        }

        @Override
        public void onRateLimitWait(EmbeddingProfile profile, Duration waited) {
            throw new IllegalStateException("boom");
        }

        @Override
        public void onJobFinished(ImportJob job) {
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void tellsEveryObserverRegisteredInOrderAndIgnoresOneThatThrows() {
        Observers observers = new Observers();
        Recorder recorder = new Recorder();
        assertThat(observers.isEmpty()).isTrue();

        observers.add(new Thrower());
        observers.add(recorder);
        observers.add(recorder);
        observers.onBatchCommitted(new ImportObserver.BatchCommitted("default", 3, 0, 1, 2, Duration.ofMillis(5)));
        observers.onEmbeddingsCommitted(new ImportObserver.EmbeddingsCommitted(PROFILE, 4, 0, 2));
        observers.onRequest(new EmbeddingRequestEvent(PROFILE, EmbeddingRequestEvent.Outcome.RATE_LIMITED, Duration.ZERO, 4, 10));
        observers.onRateLimitWait(PROFILE, Duration.ofMillis(7));

        assertThat(recorder.heard).containsExactly("batch 3", "embedded 2", "request 429", "wait 7");
    }

    @Test
    void removedObserversHearNothingMore() {
        Observers observers = new Observers();
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        observers.add(first);
        observers.add(second);

        assertThat(observers.remove(first)).isTrue();
        assertThat(observers.remove(first)).isFalse();
        observers.onRateLimitWait(PROFILE, Duration.ofMillis(1));
        assertThat(observers.remove(second)).isTrue();

        assertThat(first.heard).isEmpty();
        assertThat(second.heard).containsExactly("wait 1");
        assertThat(observers.isEmpty()).isTrue();
        assertThat(observers.toString()).isEqualTo("Observers[]");
    }

    @Test
    void observersAddedFromManyThreadsAtOnceAreAllKept() throws Exception {
        Observers observers = new Observers();
        List<Recorder> recorders = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            recorders.add(new Recorder());
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> adds = new ArrayList<>();
            for (Recorder r : recorders) {
                adds.add(pool.submit(() -> {
                    go.await();
                    observers.add(r);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : adds) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        observers.onRateLimitWait(PROFILE, Duration.ofMillis(2));

        assertThat(recorders).allSatisfy(r -> assertThat(r.heard).containsExactly("wait 2"));
    }

    @Test
    void outcomesHaveBoundedTags() {
        assertThat(EmbeddingRequestEvent.Outcome.values()).extracting(EmbeddingRequestEvent.Outcome::tag)
                .containsExactly("ok", "429", "5xx", "timeout", "rejected_input", "error");
    }
}
