package dev.qaimport.jdbc.internal;

import dev.qaimport.spi.NewPair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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
    private static final String COPY = "COPY qa_pairs (id, question, answer, category, tags, status, import_job_id, source_row, "
            + "question_key, embedding_status, created_at, updated_at) FROM STDIN";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private final PairWriter fallback;

    CopyPairWriter(PairWriter fallback) {
        this.fallback = fallback;
    }

    @Override
    public void insert(Handle handle, List<NewPair> pairs) throws SQLException {
        if (pairs.size() < MIN_ROWS || !handle.getConnection().isWrapperFor(PGConnection.class)) {
            fallback.insert(handle, pairs);
            return;
        }
        byte[] data = encode(pairs);
        try {
            handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new ByteArrayInputStream(data));
        } catch (IOException e) {
            throw new SQLException("COPY of " + pairs.size() + " pairs failed: " + e.getMessage(), "08006", e);
        }
    }

    /** The rows in COPY's text format: tab-separated, {@code \N} for NULL, backslash escapes. */
    static byte[] encode(List<NewPair> pairs) {
        StringBuilder sb = new StringBuilder(pairs.size() * 512);
        for (NewPair p : pairs) {
            Objects.requireNonNull(p.id(), "pair id");
            sb.append(p.id()).append('\t');
            text(sb, p.question()).append('\t');
            text(sb, p.answer()).append('\t');
            text(sb, p.category()).append('\t');
            text(sb, Tags.encode(p.tags())).append('\t');
            sb.append(Objects.requireNonNull(p.status(), "pair status").name()).append('\t');
            if (p.importJobId() == null) {
                sb.append("\\N");
            } else {
                sb.append(p.importJobId());
            }
            sb.append('\t').append(p.sourceRow()).append('\t');
            text(sb, p.questionKey()).append('\t');
            sb.append("PENDING\t");
            String time = TIME.format(Objects.requireNonNull(p.createdAt(), "pair createdAt").truncatedTo(ChronoUnit.MICROS));
            sb.append(time).append('\t').append(time).append('\n');
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(sb.length() + 64);
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        return out.toByteArray();
    }

    private static StringBuilder text(StringBuilder sb, String value) {
        if (value == null) {
            return sb.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb;
    }
}
