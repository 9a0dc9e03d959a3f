package dev.qaimport.embed.http;

import dev.qaimport.QaImport;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.model.EmbeddingStatus;
import dev.qaimport.spi.EmbeddingLimits;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The whole stack for end-to-end tests of the embedding stage over HTTP: {@link QaImport} on
 * {@link JdbcImportStore} over a fresh in-memory H2 database, embedding through an
 * {@link HttpEmbeddingService} pointed at a {@link StubEmbeddingServer}. Also reads back what the
 * stage stored, straight from the tables, so that tests see the database and not only the API.
 */
final class Stack {
    /** Four inputs per request and two requests in flight: small jobs still take several requests. */
    static final EmbeddingLimits SMALL = new EmbeddingLimits(4, 10_000, 1_000, 2);

    private Stack() {
    }

    static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:embed-http-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    /** No automatic start, no recovery sweeper (it would embed behind the test's back), quick leases. */
    static QaImport.Builder qaImport(DataSource ds) {
        return QaImport.builder()
                .store(JdbcImportStore.builder(ds).installSchema(true).build())
                .autoStart(false)
                .recoveryInterval(Duration.ZERO)
                .leaseDuration(Duration.ofSeconds(5))
                .shutdownTimeout(Duration.ofSeconds(5));
    }

    /**
     * A client of the stub with waits short enough for a test: backoff in milliseconds, which a
     * {@link RecordingSleeper} that moves its own time on skips. Attempts may take 30 s, so that a
     * stub that answers is never timed out however loaded the machine; tests of hung requests set
     * a short timeout of their own.
     */
    static HttpEmbeddingService.OpenAiBuilder openAi(StubEmbeddingServer stub) {
        return HttpEmbeddingService.openAi()
                .sleeper(RecordingSleeper.advancingItself())
                .baseUrl(stub.baseUrl())
                .model("text-embedding-3-small")
                .limits(SMALL)
                .maxRetries(2)
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(20))
                .requestTimeout(Duration.ofSeconds(30));
    }

    /** A CSV with a header and rows {@code Question i?} / {@code Answer i.} for i in 1..n. */
    static String csv(int n) {
        StringBuilder sb = new StringBuilder("question,answer\n");
        for (int i = 1; i <= n; i++) {
            sb.append("Question ").append(i).append("?,Answer ").append(i).append(".\n");
        }
        return sb.toString();
    }

    /** The text the stage embeds for row i of {@link #csv} with the default input (question, blank line, answer). */
    static String text(int i) {
        return "Question " + i + "?\n\nAnswer " + i + ".";
    }

    /**
     * A pair of a job as stored, with its vector if it has one.
     *
     * @param question  the question
     * @param status    the embedding status
     * @param key       the cache key it points at, or null
     * @param error     why the provider rejected it, or null
     * @param model     the model id stored with the vector, or null
     * @param dimensions the dimensions stored with the vector, or 0
     * @param vector    the vector decoded from its little-endian float32 bytes, or null
     */
    record StoredPair(String question, EmbeddingStatus status, String key, String error, String model, int dimensions,
                      float[] vector) {
    }

    /** The pairs last written by a job, in file order, read with plain SQL. */
    static List<StoredPair> pairsOf(DataSource ds, UUID jobId) {
        String sql = "SELECT p.question, p.embedding_status, p.embedding_key, p.embedding_error, v.model, v.dimensions, v.vector "
                + "FROM qa_pairs p LEFT JOIN qa_vectors v ON v.embedding_key = p.embedding_key "
                + "WHERE p.import_job_id = ? ORDER BY p.source_row";
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, jobId);
            List<StoredPair> pairs = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    byte[] bytes = rs.getBytes("vector");
                    pairs.add(new StoredPair(rs.getString("question"), EmbeddingStatus.valueOf(rs.getString("embedding_status")),
                            rs.getString("embedding_key"), rs.getString("embedding_error"), rs.getString("model"),
                            rs.getInt("dimensions"), bytes == null ? null : floats(bytes)));
                }
            }
            return pairs;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of {@code qa_vectors}: one per distinct embedded text and model. */
    static long storedVectors(DataSource ds) {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM qa_vectors");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every text column of the job's row and its pairs' rows, for checks that nothing stored holds a secret. */
    static String storedText(DataSource ds, UUID jobId) {
        StringBuilder sb = new StringBuilder();
        try (Connection c = ds.getConnection()) {
            for (String sql : List.of("SELECT * FROM import_jobs WHERE id = ?", "SELECT * FROM qa_pairs WHERE import_job_id = ?")) {
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    st.setObject(1, jobId);
                    try (ResultSet rs = st.executeQuery()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                sb.append(rs.getString(i)).append('\n');
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString();
    }

    private static float[] floats(byte[] bytes) {
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
