package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qaimport.QaImport;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.SourceType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qa-import retry JOB_ID}: a failed or cancelled job continues to its end, others are refused in one line. */
class CliRetryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Cli cli;
    private String url;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir);
        url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
    }

    /** A job of the sample file, cancelled before it ran, its upload kept or not. */
    private UUID cancelledJob(boolean keepUpload) {
        try (JdbcImportStore store = JdbcImportStore.builder(url, "sa", "").installSchema(true).build();
                QaImport qa = QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).keepPayloads(keepUpload)
                        .build()) {
            UUID id = qa.startImport(Cli.sample("faq-sample.csv"), SourceType.CSV);
            assertThat(qa.cancel(id)).isTrue();
            assertThat(qa.getJob(id).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
            return id;
        }
    }

    @Test
    void retriesACancelledJobToItsEndAndRefusesToRetryItAgain() throws Exception {
        UUID id = cancelledJob(true);

        Cli.Result r = cli.run("retry", id.toString(), "--db", url, "--embeddings", "none", "--json", "--quiet");

        assertThat(r.status()).as(r.toString()).isZero();
        JsonNode job = JSON.readTree(r.out());
        assertThat(job.path("jobId").asText()).isEqualTo(id.toString());
        assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.path("successCount").asLong()).as("the sample's 200 rows hold 190 distinct valid pairs").isEqualTo(190);

        Cli.Result again = cli.run("retry", id.toString(), "--db", url, "--embeddings", "none");
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err().strip()).doesNotContain("\n").contains("is COMPLETED; only a FAILED or CANCELLED job can be retried");
    }

    @Test
    void aJobWhoseUploadIsGoneCannotBeRetriedAndTheLineSaysWhy() {
        UUID id = cancelledJob(false);

        Cli.Result r = cli.run("retry", id.toString(), "--db", url, "--embeddings", "none");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("cannot be retried: its upload was deleted");
        assertThat(r.out()).isEmpty();
    }
}
