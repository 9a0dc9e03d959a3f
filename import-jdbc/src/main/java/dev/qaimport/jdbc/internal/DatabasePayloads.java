package dev.qaimport.jdbc.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.spi.PayloadStore;
import dev.qaimport.spi.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Uploads kept in the database as numbered chunks ({@code import_payload_chunks}), so that
 * neither writing nor reading ever holds more than a chunk or two in memory (pgjdbc reads a whole
 * {@code bytea} value at once, so one row per upload would not do for large files).
 *
 * <p>Each chunk is written in its own short transaction: one transaction for a whole upload
 * would make H2 keep every uncommitted byte on the heap, and would hold a long transaction on
 * the other databases. Chunk 0 is written last and marks the payload complete: readers see a
 * payload only once every chunk is there. A failed upload deletes what it wrote; a process that
 * dies while writing leaves chunks without chunk 0, which no reader sees and the next write or
 * delete of that job removes. A reader fetches one chunk per short query, so it never keeps a
 * connection while the import parses. Readers do not depend on the writer's chunk size.
 */
final class DatabasePayloads implements PayloadStore {
    /** The name stored with jobs whose payload lives here. */
    static final String NAME = "database";

    private final Db db;
    private final int chunkSize;
    private final boolean mariaDbBinary;
    /** The binary-protocol statements, which bypass JDBI and so get the table prefix here. */
    private final String binaryInsert;
    private final String binarySelect;

    /** {@code mariaDbBinary}: move chunks with binary-protocol statements (see {@link MariaDbBinary}). */
    DatabasePayloads(Db db, int chunkSize, boolean mariaDbBinary) {
        this.db = db;
        this.chunkSize = chunkSize;
        this.mariaDbBinary = mariaDbBinary;
        this.binaryInsert = db.sql("INSERT INTO import_payload_chunks (job_id, seq, data) VALUES (?, ?, ?)");
        this.binarySelect = db.sql("SELECT data FROM import_payload_chunks WHERE job_id = ? AND seq = ?");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long write(UUID jobId, InputStream content) {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(content, "content");
        delete(jobId);
        byte[] first = new byte[chunkSize];
        try {
            int firstLength = read(jobId, content, first);
            long total = firstLength;
            if (firstLength == chunkSize) {
                byte[] buffer = new byte[chunkSize];
                for (int seq = 1; ; seq++) {
                    int n = read(jobId, content, buffer);
                    if (n == 0) {
                        break;
                    }
                    insertChunk(jobId, seq, buffer, n);
                    total += n;
                    if (n < chunkSize) {
                        break;
                    }
                }
            }
            insertChunk(jobId, 0, first, firstLength);
            return total;
        } catch (RuntimeException e) {
            try {
                delete(jobId);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Stores one chunk in its own transaction. On PostgreSQL, chunks after the first commit
     * without waiting for the WAL flush; chunk 0, written last, commits normally, and because the
     * WAL is flushed in order its flush makes every earlier chunk durable too. The upload is thus
     * durable when {@code write} returns, at one disk flush instead of one per megabyte.
     */
    private void insertChunk(UUID jobId, int seq, byte[] buffer, int length) {
        byte[] data = length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
        String what = "storing chunk " + seq + " of the payload of job " + jobId;
        org.jdbi.v3.core.HandleCallback<Integer, RuntimeException> insert = mariaDbBinary ? h -> {
            try (PreparedStatement ps = MariaDbBinary.prepare(h.getConnection(), binaryInsert)) {
                db.uuid(jobId).apply(1, ps, null);
                ps.setInt(2, seq);
                ps.setBytes(3, data);
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw SqlErrors.translate(what, e);
            }
        } : h -> h.createUpdate("INSERT INTO import_payload_chunks (job_id, seq, data) VALUES (:jobId, :seq, :data)")
                .bind("jobId", db.uuid(jobId))
                .bind("seq", seq)
                .bind("data", data)
                .execute();
        if (seq > 0 && db.dialect() == dev.qaimport.jdbc.Dialect.POSTGRESQL) {
            db.inTransaction(what, h -> {
                h.execute("SET LOCAL synchronous_commit = off");
                return insert.withHandle(h);
            });
        } else {
            // Autocommit: an explicit transaction made H2 hold more of the chunk on the heap.
            db.withHandle(what, insert);
        }
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

    /** Chunks deleted per transaction. */
    private static final int DELETE_GROUP = 8;

    private Optional<byte[]> chunk(UUID jobId, int seq) {
        String what = "reading chunk " + seq + " of the payload of job " + jobId;
        if (mariaDbBinary) {
            return db.withHandle(what, h -> {
                try (PreparedStatement ps = MariaDbBinary.prepare(h.getConnection(), binarySelect)) {
                    db.uuid(jobId).apply(1, ps, null);
                    ps.setInt(2, seq);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                    }
                } catch (SQLException e) {
                    throw SqlErrors.translate(what, e);
                }
            });
        }
        return db.withHandle(what, h -> h.createQuery(
                "SELECT data FROM import_payload_chunks WHERE job_id = :jobId AND seq = :seq")
                .bind("jobId", db.uuid(jobId))
                .bind("seq", seq)
                .map((rs, ctx) -> rs.getBytes("data"))
                .findOne());
    }

    /**
     * Deletes chunk 0 first, so that the payload is gone for readers at once, then the others a
     * few at a time, each group in its own short transaction: one statement deleting an 800 MB
     * payload made H2 build its whole change set in memory (an OutOfMemoryError inside the
     * MVStore, after which the file reported itself corrupted), and holds locks and WAL for long on
     * the other databases.
     */
    @Override
    public void delete(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        db.withHandle("deleting the payload of job " + jobId, h -> {
            h.createUpdate("DELETE FROM import_payload_chunks WHERE job_id = :jobId AND seq = 0").bind("jobId", db.uuid(jobId)).execute();
            Optional<Integer> last = h.createQuery("SELECT MAX(seq) FROM import_payload_chunks WHERE job_id = :jobId")
                    .bind("jobId", db.uuid(jobId)).mapTo(Integer.class).findOne();
            if (last.isEmpty() || last.get() == null) {
                return null;
            }
            for (int from = 1; from <= last.get(); from += DELETE_GROUP) {
                h.createUpdate("DELETE FROM import_payload_chunks WHERE job_id = :jobId AND seq >= :from AND seq < :to")
                        .bind("jobId", db.uuid(jobId)).bind("from", from).bind("to", from + DELETE_GROUP).execute();
            }
            return null;
        });
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
