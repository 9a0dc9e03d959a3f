package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qaimport.ImportListener;
import dev.qaimport.QaImport;
import dev.qaimport.jdbc.JdbcImportStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qa-import status JOB_ID --watch} follows a job that another {@code QaImport} on the same
 * database runs. The command's pause between two looks is where the test moves the job on (see
 * {@link Lockstep}), so what each look sees is fixed and nothing waits on the wall clock.
 */
class CliWatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private String url;
    private JdbcImportStore store;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void setUp() {
        url = "jdbc:h2:mem:watch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        store = JdbcImportStore.builder(url, "sa", "").installSchema(true).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        store.close();
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        closing.add(c);
        return c;
    }

    /** Submits a file of {@code rows} distinct pairs through the program and returns its job id. */
    private String submit(String name, int rows) throws Exception {
        String csv = "question,answer\n" + IntStream.rangeClosed(1, rows).mapToObj(i -> "How do I do thing " + i + "?,Like this " + i + ".")
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(dir.resolve(name), csv, StandardCharsets.UTF_8);
        Cli.Result r = new Cli(dir).run("submit", name, "--db", url, "--quiet");
        assertThat(r.status()).as(r.toString()).isZero();
        return r.out().strip();
    }

    /** An instance over the test's database that runs jobs in batches of 10 only when told. */
    private QaImport runner(Lockstep step) {
        QaImport.Builder b = QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).batchSize(10)
                .leaseDuration(Duration.ofHours(1));
        if (step != null) {
            b.clock(step.clock()).listener(step);
        }
        return closeLater(b.build());
    }

    /**
     * An instance that embeds pending pairs when asked, with the provider it names (as a worker
     * with {@code --embeddings} does) rather than the local model the submitted job recorded.
     */
    private QaImport embedder() {
        return closeLater(QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO)
                .embeddingService(new TinyEmbeddings()).followJobProfiles(false).build());
    }

    /** The watch of a 25-row job: run in three batches by a worker without embeddings, then embedded by another instance. */
    private Lockstep batchesThenEmbeddings(String id) {
        Lockstep step = closeLater(new Lockstep());
        QaImport worker = runner(step);
        QaImport embedder = embedder();
        return step.job(() -> worker.processImport(UUID.fromString(id))).then(() -> embedder.retryPending(UUID.fromString(id)));
    }

    @Test
    void printsOneJsonLinePerChangeUntilTheJobHasEndedAndItsEmbeddingsAreDone() throws Exception {
        String id = submit("faq.csv", 25);
        Lockstep step = batchesThenEmbeddings(id);

        Cli.Result r = new Cli(dir).sleeper(step).run("status", id, "--watch", "--json", "--interval", "250", "--db", url);

        assertThat(r.status()).as(r.toString()).isZero();
        List<String> seen = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            JsonNode j = JSON.readTree(line);
            assertThat(j.get("jobId").asText()).isEqualTo(id);
            seen.add(j.get("status").asText() + " " + j.get("processedRows").asLong() + "/" + j.get("totalRows").asLong() + " stored "
                    + j.get("successCount").asLong() + " embedded " + j.get("embeddedCount").asLong() + " pending "
                    + j.get("pendingEmbeddings").asLong());
        }
        assertThat(seen).containsExactly(
                "PENDING 0/-1 stored 0 embedded 0 pending 0",
                "PROCESSING 10/-1 stored 10 embedded 0 pending 10",
                "PROCESSING 20/-1 stored 20 embedded 0 pending 20",
                "PROCESSING 25/25 stored 25 embedded 0 pending 25",
                "COMPLETED 25/25 stored 25 embedded 0 pending 25",
                "COMPLETED 25/25 stored 25 embedded 25 pending 0");
        assertThat(step.pauses()).as("one pause of --interval between two looks").containsOnly(250L).hasSize(5);
        assertThat(r.err()).contains("is COMPLETED; waiting for its 25 pending embeddings");
    }

    @Test
    void printsALineWhenSomethingChangedAndThenTheFinalStatusAsStatusDoes() throws Exception {
        String id = submit("faq.csv", 25);
        Lockstep step = batchesThenEmbeddings(id);

        Cli.Result r = new Cli(dir).sleeper(step).run("status", id, "--watch", "--db", url);

        assertThat(r.status()).as(r.toString()).isZero();
        List<String> lines = r.err().lines().collect(Collectors.toList());
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("faq.csv  PENDING  0/? rows  stored 0  skipped 0  rejected 0  embedded 0  pending 0  read 0/"
                + Files.size(dir.resolve("faq.csv")) + " bytes");
        assertThat(lines.get(1)).startsWith("faq.csv  PROCESSING  10/? rows  stored 10  skipped 0  rejected 0  embedded 0  pending 10  read ");
        assertThat(lines.get(2)).startsWith("faq.csv  PROCESSING  20/? rows  stored 20  ");
        assertThat(lines.get(3)).startsWith("faq.csv  PROCESSING  25/25 rows  stored 25  ");
        assertThat(lines.get(4)).startsWith("faq.csv  COMPLETED  25/25 rows  stored 25  skipped 0  rejected 0  embedded 0  pending 25  ");
        assertThat(lines.get(5)).startsWith("qa-import: job " + id + " is COMPLETED; waiting for its 25 pending embeddings");
        assertThat(lines.get(6)).startsWith("faq.csv  COMPLETED  25/25 rows  stored 25  skipped 0  rejected 0  embedded 25  pending 0  ");
        assertThat(r.out()).startsWith("job        " + id + "\n").contains("status     COMPLETED", "25 stored, 0 skipped, 0 rejected",
                "embedded   25 (0 failed, 0 pending)");
    }

    @Test
    void redrawsOneLineOnATerminal() throws Exception {
        String id = submit("faq.csv", 25);
        Lockstep step = batchesThenEmbeddings(id);

        Cli.Result r = new Cli(dir).terminal(true).sleeper(step).run("status", id, "--watch", "--db", url, "--interval", "100");

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.err()).startsWith("\r\033[2Kfaq.csv  PENDING  0/? rows").contains("\r\033[2Kfaq.csv  PROCESSING  10/? rows",
                "\r\033[2Kfaq.csv  PROCESSING  20/? rows", "\nqa-import: job " + id + " is COMPLETED; waiting").endsWith(" bytes\n");
        assertThat(r.err().chars().filter(c -> c == '\n').count()).as("the live line, the note that interrupts it, the live line again")
                .isEqualTo(3);
        assertThat(r.out()).contains("status     COMPLETED");
    }

    @Test
    void exitsWith1WhenTheJobFailsOrIsCancelled() throws Exception {
        Files.writeString(dir.resolve("export.csv"), "Spalte1;Spalte2\nWie?;So.\n", StandardCharsets.UTF_8);
        String failing = new Cli(dir).run("submit", "export.csv", "--db", url, "--quiet").out().strip();
        String cancelled = submit("faq.csv", 5);
        QaImport worker = runner(null);

        Cli.Result failed = new Cli(dir).sleeper((ms, wakeUp) -> worker.processImport(UUID.fromString(failing)))
                .run("status", failing, "--watch", "--db", url);
        Cli.Result cancel = new Cli(dir).sleeper((ms, wakeUp) -> worker.cancel(UUID.fromString(cancelled)))
                .run("status", cancelled, "--watch", "--db", url, "--json");

        assertThat(failed.status()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err().lines()).hasSize(2).anySatisfy(l -> assertThat(l).startsWith("export.csv  FAILED  0/? rows"));
        assertThat(failed.out()).contains("status     FAILED", "message    MISSING_COLUMNS");
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(1);
        List<String> statuses = cancel.out().lines().map(l -> {
            try {
                return JSON.readTree(l).get("status").asText();
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).collect(Collectors.toList());
        assertThat(statuses).containsExactly("PENDING", "CANCELLED");
    }

    @Test
    void stopsAtTheEndOfTheJobWithoutWaitingForEmbeddingsWhenAsked() throws Exception {
        String id = submit("faq.csv", 12);
        QaImport worker = runner(null);

        Cli.Result r = new Cli(dir).sleeper((ms, wakeUp) -> worker.processImport(UUID.fromString(id)))
                .run("status", id, "--watch", "--db", url, "--no-wait-embeddings", "--quiet");

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("status     COMPLETED", "embedded   0 (0 failed, 12 pending)");
    }

    @Test
    void aJobThatAskedForNoEmbeddingsEndsTheWatchAtItsEndWithItsPairsPending() throws Exception {
        String csv = "question,answer\nHow?,Like this.\nWhy?,Because.\n";
        Files.writeString(dir.resolve("plain.csv"), csv, StandardCharsets.UTF_8);
        Cli.Result submitted = new Cli(dir).run("submit", "plain.csv", "--db", url, "--quiet", "--embeddings", "none");
        String id = submitted.out().strip();
        QaImport worker = runner(null);

        Cli.Result r = new Cli(dir).sleeper((ms, wakeUp) -> worker.processImport(UUID.fromString(id)))
                .run("status", id, "--watch", "--db", url, "--quiet");

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out()).contains("status     COMPLETED", "embedded   0 (0 failed, 2 pending)");
    }

    @Test
    void aJobThatHasEndedIsShownOnceWithoutPausing() throws Exception {
        String id = submit("faq.csv", 3);
        runner(null).processImport(UUID.fromString(id));
        embedder().retryPending(UUID.fromString(id));

        Cli.Result r = new Cli(dir).sleeper((ms, wakeUp) -> {
            throw new AssertionError("no pause is needed");
        }).run("status", id, "--watch", "--db", url, "--json");

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out().lines()).singleElement().satisfies(l -> assertThat(JSON.readTree(l).get("embeddedCount").asLong()).isEqualTo(3));
    }

    @Test
    void refusesWatchOptionsWithoutWatchAndAnIntervalBelowTenMilliseconds() throws Exception {
        String id = submit("faq.csv", 1);

        Cli.Result without = new Cli(dir).run("status", id, "--db", url, "--interval", "500");
        Cli.Result tooShort = new Cli(dir).run("status", id, "--db", url, "--watch", "--interval", "5");
        Cli.Result unknown = new Cli(dir).run("status", UUID.randomUUID().toString(), "--db", url, "--watch");

        assertThat(without.status()).isEqualTo(2);
        assertThat(without.err().strip()).isEqualTo("qa-import: --interval, --no-wait-embeddings and --quiet go with --watch");
        assertThat(tooShort.status()).isEqualTo(2);
        assertThat(tooShort.err().strip()).isEqualTo("qa-import: --interval must be at least 10 milliseconds, not 5");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("qa-import: no import job with id ");
    }
}
