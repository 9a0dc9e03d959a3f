package dev.qaimport.internal;

import dev.qaimport.ImportException;
import dev.qaimport.parse.ParsedRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a source (the file parser) on its own thread, a few chunks ahead of the consumer, so that
 * parsing overlaps with writing. The queue is bounded by chunk count and each chunk by rows and
 * characters, so memory stays bounded whatever the input. A failure of the source is delivered to
 * the consumer in order, after the rows read before it.
 */
final class PrefetchingRowSource implements RowSource, AutoCloseable {
    private static final Chunk END = new Chunk(List.of(), 0, null);

    private final BlockingQueue<Chunk> queue;
    private final Thread thread;
    private volatile boolean closed;
    private List<ParsedRow> current = List.of();
    private int index;
    private long bytesRead;
    private boolean ended;

    PrefetchingRowSource(RowSource source, int chunkRows, int chunkChars, int chunks, String threadName) {
        this.queue = new ArrayBlockingQueue<>(chunks);
        this.thread = new Thread(() -> produce(source, chunkRows, chunkChars), threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void produce(RowSource source, int chunkRows, long chunkChars) {
        List<ParsedRow> rows = new ArrayList<>(chunkRows);
        try {
            long chars = 0;
            ParsedRow row;
            while (!closed && (row = source.next()) != null) {
                rows.add(row);
                chars += Sizes.chars(row);
                if (rows.size() >= chunkRows || chars >= chunkChars) {
                    put(new Chunk(rows, source.bytesRead(), null));
                    rows = new ArrayList<>(chunkRows);
                    chars = 0;
                }
            }
            if (!rows.isEmpty()) {
                put(new Chunk(rows, source.bytesRead(), null));
            }
            put(END);
        } catch (RuntimeException | Error e) {
            // Rows read before the failure still belong to the import: deliver them first.
            if (!rows.isEmpty()) {
                put(new Chunk(rows, source.bytesRead(), null));
            }
            put(new Chunk(List.of(), 0, e));
        }
    }

    private void put(Chunk chunk) {
        try {
            while (!closed) {
                if (queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ParsedRow next() {
        while (index >= current.size()) {
            if (ended) {
                return null;
            }
            Chunk chunk;
            try {
                chunk = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImportException(dev.qaimport.model.ErrorCodes.ILLEGAL_STATE, "interrupted while reading the file", e);
            }
            if (chunk == END) {
                ended = true;
                return null;
            }
            if (chunk.failure != null) {
                ended = true;
                if (chunk.failure instanceof RuntimeException) {
                    throw (RuntimeException) chunk.failure;
                }
                throw (Error) chunk.failure;
            }
            current = chunk.rows;
            index = 0;
            bytesRead = chunk.bytesRead;
        }
        return current.get(index++);
    }

    @Override
    public long bytesRead() {
        return bytesRead;
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

    private record Chunk(List<ParsedRow> rows, long bytesRead, Throwable failure) {
    }
}
