package dev.qaimport.jdbc.internal;

import dev.qaimport.spi.NewPair;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;

/**
 * Inserts pairs on PostgreSQL with {@code COPY qa_pairs … FROM STDIN}: the server parses one
 * stream instead of planning and executing a statement per row, several times cheaper per row
 * than even rewritten batched INSERTs. Small batches, and connections that are not pgjdbc's,
 * go through {@link BatchPairWriter}. A refused row fails the whole COPY, as it fails a batch; the
 * core then bisects the batch under savepoints, where the halves go through here again.
 */
final class CopyPairWriter implements PairWriter {
    /** Below this many rows the extra round trips of COPY cost more than they save. */
    static final int MIN_ROWS = 16;
    private static final String COPY = "COPY qa_pairs (id, collection, question, answer, category, tags, status, import_job_id, "
            + "source_row, question_key, embedding_status, created_at, updated_at) FROM STDIN";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private final PairWriter fallback;
    private final String copy;

    CopyPairWriter(PairWriter fallback, TablePrefix prefix) {
        this.fallback = fallback;
        this.copy = prefix.sql(COPY);
    }

    @Override
    public void insert(Handle handle, List<NewPair> pairs) throws SQLException {
        if (pairs.size() < MIN_ROWS || !handle.getConnection().isWrapperFor(PGConnection.class)) {
            fallback.insert(handle, pairs);
            return;
        }
        byte[] data = encode(pairs);
        try {
            handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new ByteArrayInputStream(data));
        } catch (IOException e) {
            throw new SQLException("COPY of " + pairs.size() + " pairs failed: " + e.getMessage(), "08006", e);
        }
    }

    /** The rows in COPY's text format: tab-separated, {@code \N} for NULL, backslash escapes, UTF-8. */
    static byte[] encode(List<NewPair> pairs) {
        Utf8Buffer out = new Utf8Buffer(pairs.size() * 1024);
        Instant lastTime = null;
        byte[] time = null;
        for (NewPair p : pairs) {
            Objects.requireNonNull(p.id(), "pair id");
            out.ascii(p.id().toString()).tab();
            out.text(p.collection()).tab();
            out.text(p.question()).tab();
            out.text(p.answer()).tab();
            out.text(p.category()).tab();
            out.text(Tags.encode(p.tags())).tab();
            out.ascii(Objects.requireNonNull(p.status(), "pair status").name()).tab();
            if (p.importJobId() == null) {
                out.ascii("\\N");
            } else {
                out.ascii(p.importJobId().toString());
            }
            out.tab().ascii(Long.toString(p.sourceRow())).tab();
            out.text(p.questionKey()).tab();
            out.ascii("PENDING").tab();
            Instant created = Objects.requireNonNull(p.createdAt(), "pair createdAt");
            if (!created.equals(lastTime)) {
                // Every pair of a batch shares one creation time: format it once.
                lastTime = created;
                time = TIME.format(created.truncatedTo(ChronoUnit.MICROS)).getBytes(StandardCharsets.US_ASCII);
            }
            out.bytes(time).tab().bytes(time).newline();
        }
        return out.toByteArray();
    }

    /** A growing byte buffer that writes UTF-8 with COPY's escapes in one pass. */
    private static final class Utf8Buffer {
        private byte[] buf;
        private int len;

        Utf8Buffer(int capacity) {
            buf = new byte[Math.max(256, capacity)];
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        Utf8Buffer tab() {
            ensure(1);
            buf[len++] = '\t';
            return this;
        }

        void newline() {
            ensure(1);
            buf[len++] = '\n';
        }

        Utf8Buffer ascii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[len++] = (byte) s.charAt(i);
            }
            return this;
        }

        Utf8Buffer bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
            return this;
        }

        /** A value with COPY's escapes; at most 4 bytes per char, so one check up front suffices. */
        Utf8Buffer text(String s) {
            if (s == null) {
                return ascii("\\N");
            }
            int n = s.length();
            ensure(n * 4);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    switch (c) {
                        case '\\':
                            buf[len++] = '\\';
                            buf[len++] = '\\';
                            break;
                        case '\t':
                            buf[len++] = '\\';
                            buf[len++] = 't';
                            break;
                        case '\n':
                            buf[len++] = '\\';
                            buf[len++] = 'n';
                            break;
                        case '\r':
                            buf[len++] = '\\';
                            buf[len++] = 'r';
                            break;
                        default:
                            buf[len++] = (byte) c;
                    }
                } else if (c < 0x800) {
                    buf[len++] = (byte) (0xC0 | (c >> 6));
                    buf[len++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    buf[len++] = (byte) (0xF0 | (cp >> 18));
                    buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    buf[len++] = (byte) (0x80 | (cp & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    // Sanitizing removes lone surrogates; one that slips through is written as '?', as String.getBytes would.
                    buf[len++] = '?';
                } else {
                    buf[len++] = (byte) (0xE0 | (c >> 12));
                    buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    buf[len++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            return this;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }
    }
}
