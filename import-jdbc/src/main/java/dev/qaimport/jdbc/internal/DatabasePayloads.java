package dev.qaimport.jdbc.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.spi.PayloadStore;
import dev.qaimport.spi.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Uploads kept in the database as numbered chunks ({@code import_payload_chunks}), so that
 * neither writing nor reading ever holds more than a chunk or two in memory (pgjdbc reads a whole
 * {@code bytea} value at once, so one row per upload would not do for large files).
 *
 * <p>A write is one transaction: a failed or interrupted upload leaves nothing behind. A reader
 * fetches one chunk per short query, so it never keeps a connection while the import parses.
 * Every payload has at least chunk 0 (possibly empty), which tells an empty upload from a
 * missing one. The write's chunk size does not matter to readers.
 */
final class DatabasePayloads implements PayloadStore {
    /** The name stored with jobs whose payload lives here. */
    static final String NAME = "database";

    private final Db db;
    private final int chunkSize;

    DatabasePayloads(Db db, int chunkSize) {
        this.db = db;
        this.chunkSize = chunkSize;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long write(UUID jobId, InputStream content) {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(content, "content");
        return db.inTransaction("storing the payload of job " + jobId, h -> {
            h.createUpdate("DELETE FROM import_payload_chunks WHERE job_id = :jobId").bind("jobId", db.uuid(jobId)).execute();
            byte[] buffer = new byte[chunkSize];
            long total = 0;
            int seq = 0;
            while (true) {
                int n = read(jobId, content, buffer);
                if (n == 0 && seq > 0) {
                    break;
                }
                byte[] data = n == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, n);
                h.createUpdate("INSERT INTO import_payload_chunks (job_id, seq, data) VALUES (:jobId, :seq, :data)")
                        .bind("jobId", db.uuid(jobId))
                        .bind("seq", seq++)
                        .bind("data", data)
                        .execute();
                total += n;
                if (n < buffer.length) {
                    break;
                }
            }
            return total;
        });
    }

    /** Fills {@code buffer} as far as the stream goes; 0 at its end. */
    private static int read(UUID jobId, InputStream content, byte[] buffer) {
        try {
            return content.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new ImportException(ErrorCodes.PAYLOAD, "reading the upload of job " + jobId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        byte[] first = chunk(jobId, 0).orElseThrow(() -> new StoreException(StoreException.Kind.FATAL,
                "no payload of job " + jobId + " in the database payload store", null));
        return new ChunkStream(jobId, first);
    }

    private Optional<byte[]> chunk(UUID jobId, int seq) {
        return db.withHandle("reading chunk " + seq + " of the payload of job " + jobId, h -> h.createQuery(
                "SELECT data FROM import_payload_chunks WHERE job_id = :jobId AND seq = :seq")
                .bind("jobId", db.uuid(jobId))
                .bind("seq", seq)
                .map((rs, ctx) -> rs.getBytes("data"))
                .findOne());
    }

    @Override
    public void delete(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        db.withHandle("deleting the payload of job " + jobId, h -> h.createUpdate(
                "DELETE FROM import_payload_chunks WHERE job_id = :jobId").bind("jobId", db.uuid(jobId)).execute());
    }

    /**
     * Reads chunk after chunk on demand until the next number is missing. It does not rely on the
     * chunk size, which may have been different in the process that wrote the payload.
     */
    private final class ChunkStream extends InputStream {
        private final UUID jobId;
        private byte[] current;
        private int pos;
        private int nextSeq = 1;
        private boolean last;
        private boolean closed;

        ChunkStream(UUID jobId, byte[] first) {
            this.jobId = jobId;
            this.current = first;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (closed) {
                throw new IOException("payload stream of job " + jobId + " is closed");
            }
            if (len == 0) {
                return 0;
            }
            while (pos == current.length) {
                if (last) {
                    return -1;
                }
                advance();
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        private void advance() throws IOException {
            Optional<byte[]> next;
            try {
                next = chunk(jobId, nextSeq);
            } catch (StoreException e) {
                throw new IOException(e.getMessage(), e);
            }
            current = next.orElse(new byte[0]);
            last = next.isEmpty();
            pos = 0;
            nextSeq++;
        }

        @Override
        public int available() {
            return closed ? 0 : current.length - pos;
        }

        @Override
        public void close() {
            closed = true;
            current = new byte[0];
        }
    }
}
