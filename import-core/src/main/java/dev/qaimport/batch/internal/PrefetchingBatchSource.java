package dev.qaimport.batch.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a batch source (the file parser and the cutter) on its own thread, a few batches ahead of
 * the consumer, so that parsing overlaps with writing. The queue is bounded by batch count and
 * each batch by rows and characters, so memory stays bounded whatever the input. A failure of the
 * source is delivered to the consumer in order, after the batches read before it.
 */
final class PrefetchingBatchSource implements BatchSource {
    private static final Item END = new Item(null, null);

    private final BlockingQueue<Item> queue;
    private final Thread thread;
    private volatile boolean closed;
    private boolean ended;

    PrefetchingBatchSource(BatchSource source, int ahead, String threadName) {
        this.queue = new ArrayBlockingQueue<>(ahead);
        this.thread = new Thread(() -> produce(source), threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void produce(BatchSource source) {
        try {
            RowBatch batch;
            while (!closed && (batch = source.next()) != null) {
                put(new Item(batch, null));
            }
            put(END);
        } catch (RuntimeException | Error e) {
            put(new Item(null, e));
        }
    }

    private void put(Item item) {
        try {
            while (!closed) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public RowBatch next() {
        if (ended) {
            return null;
        }
        Item item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException(ErrorCodes.ILLEGAL_STATE, "interrupted while reading the file", e);
        }
        if (item == END) {
            ended = true;
            return null;
        }
        if (item.failure != null) {
            ended = true;
            if (item.failure instanceof RuntimeException) {
                throw (RuntimeException) item.failure;
            }
            throw (Error) item.failure;
        }
        return item.batch;
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Item(RowBatch batch, Throwable failure) {
    }
}
