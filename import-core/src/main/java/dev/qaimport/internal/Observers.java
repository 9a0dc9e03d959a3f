package dev.qaimport.internal;

import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.ImportJob;
import dev.qaimport.spi.EmbeddingRequestEvent;
import dev.qaimport.spi.ImportObserver;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observers registered with one instance, told of each event in turn. Observers may come and
 * go at any time from any thread; an event goes to those registered when it happens. Telling
 * allocates nothing: the observers are an array replaced on each change.
 */
public final class Observers implements ImportObserver {
    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);
    private static final ImportObserver[] EMPTY = new ImportObserver[0];

    private volatile ImportObserver[] all = EMPTY;

    /** Adds {@code observer}; adding one already there does nothing. */
    public synchronized void add(ImportObserver observer) {
        Objects.requireNonNull(observer, "observer");
        if (indexOf(observer) < 0) {
            ImportObserver[] more = Arrays.copyOf(all, all.length + 1);
            more[all.length] = observer;
            all = more;
        }
    }

    /** Removes {@code observer}; returns whether it was there. */
    public synchronized boolean remove(ImportObserver observer) {
        int i = indexOf(observer);
        if (i < 0) {
            return false;
        }
        ImportObserver[] fewer = new ImportObserver[all.length - 1];
        System.arraycopy(all, 0, fewer, 0, i);
        System.arraycopy(all, i + 1, fewer, i, all.length - i - 1);
        all = fewer;
        return true;
    }

    /** Whether no observer is registered: then there is nothing to measure. */
    public boolean isEmpty() {
        return all.length == 0;
    }

    private int indexOf(ImportObserver observer) {
        for (int i = 0; i < all.length; i++) {
            if (all[i] == observer) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void onBatchCommitted(BatchCommitted batch) {
        for (ImportObserver o : all) {
            safely(o, batch, ImportObserver::onBatchCommitted);
        }
    }

    @Override
    public void onJobFinished(ImportJob job) {
        if (!job.status().isTerminal()) {
            return;
        }
        for (ImportObserver o : all) {
            safely(o, job, ImportObserver::onJobFinished);
        }
    }

    @Override
    public void onEmbeddingsCommitted(EmbeddingsCommitted commit) {
        for (ImportObserver o : all) {
            safely(o, commit, ImportObserver::onEmbeddingsCommitted);
        }
    }

    @Override
    public void onRequest(EmbeddingRequestEvent event) {
        for (ImportObserver o : all) {
            safely(o, event, ImportObserver::onRequest);
        }
    }

    @Override
    public void onRateLimitWait(EmbeddingProfile profile, Duration waited) {
        for (ImportObserver o : all) {
            try {
                o.onRateLimitWait(profile, waited);
            } catch (RuntimeException e) {
                LOG.warn("an ImportObserver threw; ignored", e);
            }
        }
    }

    private static <T> void safely(ImportObserver o, T event, java.util.function.BiConsumer<ImportObserver, T> call) {
        try {
            call.accept(o, event);
        } catch (RuntimeException e) {
            LOG.warn("an ImportObserver threw; ignored", e);
        }
    }

    @Override
    public String toString() {
        return "Observers" + Arrays.toString(all);
    }
}
