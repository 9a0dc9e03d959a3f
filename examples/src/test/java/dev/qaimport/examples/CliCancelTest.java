package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.h2.api.Trigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qa-import cancel}: what it prints follows what the cancel did to the job, whatever its
 * worker does in the meantime.
 */
class CliCancelTest {
    @TempDir
    Path dir;
    private Cli cli;
    private String url;

    @BeforeEach
    void setUp() throws Exception {
        cli = new Cli(dir);
        url = "jdbc:h2:mem:cancel-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Files.writeString(dir.resolve("faq.csv"), "question,answer\nWhat is a lease?,A claim on a job.\n", StandardCharsets.UTF_8);
    }

    private Cli.Result run(String... args) {
        return cli.run(Stream.concat(Stream.of(args), Stream.of("--db", url)).toArray(String[]::new));
    }

    private UUID submit() {
        Cli.Result r = run("submit", "faq.csv", "--embeddings", "none", "--quiet");
        assertThat(r.status()).as(r.toString()).isZero();
        return UUID.fromString(r.out().strip());
    }

    @Test
    void aPendingJobIsCancelledAtOnce() {
        UUID id = submit();

        Cli.Result r = run("cancel", id.toString());

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out().strip()).isEqualTo("Cancelled job " + id);
        assertThat(job(id).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aJobWhoseWorkerHoldsItsLeaseIsAskedToStopAfterItsBatch() {
        UUID id = submit();
        try (JdbcImportStore store = JdbcImportStore.fromUrl(url, "sa", "")) {
            Instant now = Instant.now();
            assertThat(store.jobs().claim(id, "another-process", now, now.plus(Duration.ofHours(1)))).isPresent();
        }

        Cli.Result r = run("cancel", id.toString());

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out().strip()).isEqualTo("Cancel requested: job " + id + " stops after its current batch (committed rows stay)");
        ImportJob job = job(id);
        assertThat(job.status()).as("its worker ends it").isEqualTo(JobStatus.PROCESSING);
        assertThat(job.cancelRequested()).isTrue();
        assertThat(job.leaseOwner()).isEqualTo("another-process");
    }

    @Test
    void aWorkerThatEndsTheJobBeforeTheCancelReadsItBackStillMeansTheCancelWasARequest() throws Exception {
        UUID id = submit();
        try (JdbcImportStore store = JdbcImportStore.fromUrl(url, "sa", "")) {
            Instant now = Instant.now();
            assertThat(store.jobs().claim(id, "a-quick-process", now, now.plus(Duration.ofHours(1)))).isPresent();
        }
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("CREATE TRIGGER worker_ends_it BEFORE UPDATE ON import_jobs FOR EACH ROW CALL \""
                    + WorkerEndsTheJobAtOnce.class.getName() + "\"");
        }

        Cli.Result r = run("cancel", id.toString());

        assertThat(job(id).status()).as("the worker has ended it").isEqualTo(JobStatus.CANCELLED);
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out().strip()).isEqualTo("Cancel requested: job " + id + " stops after its current batch (committed rows stay)");
    }

    /** Stands for a worker that sees the cancel flag and ends its job in the same instant. */
    public static final class WorkerEndsTheJobAtOnce implements Trigger {
        private int status;
        private int cancelRequested;

        @Override
        public void init(Connection conn, String schema, String trigger, String table, boolean before, int type) throws SQLException {
            try (ResultSet cols = conn.getMetaData().getColumns(null, schema, table, null)) {
                while (cols.next()) {
                    String name = cols.getString("COLUMN_NAME");
                    int index = cols.getInt("ORDINAL_POSITION") - 1;
                    if (name.equalsIgnoreCase("status")) {
                        status = index;
                    } else if (name.equalsIgnoreCase("cancel_requested")) {
                        cancelRequested = index;
                    }
                }
            }
        }

        @Override
        public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
            if (Boolean.TRUE.equals(newRow[cancelRequested]) && !Boolean.TRUE.equals(oldRow[cancelRequested])) {
                newRow[status] = "CANCELLED";
            }
        }
    }

    @Test
    void aJobWhoseWorkerIsGoneIsCancelledAtOnce() {
        UUID id = submit();
        try (JdbcImportStore store = JdbcImportStore.fromUrl(url, "sa", "")) {
            Instant then = Instant.now().minus(Duration.ofHours(2));
            assertThat(store.jobs().claim(id, "a-dead-process", then, then.plus(Duration.ofMinutes(1)))).isPresent();
        }

        Cli.Result r = run("cancel", id.toString());

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out().strip()).isEqualTo("Cancelled job " + id);
        ImportJob job = job(id);
        assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(job.leaseOwner()).isNull();
    }

    @Test
    void anEndedJobHasNothingToCancel() {
        UUID id = submit();
        assertThat(run("cancel", id.toString()).status()).isZero();

        Cli.Result again = run("cancel", id.toString());

        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err().strip()).isEqualTo("qa-import: job " + id + " is already CANCELLED; nothing to cancel");
    }

    private ImportJob job(UUID id) {
        try (JdbcImportStore store = JdbcImportStore.fromUrl(url, "sa", "")) {
            return store.jobs().find(id).orElseThrow();
        }
    }
}
