package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qaimport.ImportListener;
import dev.qaimport.QaImport;
import dev.qaimport.Worker;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qa-import submit FILE…}: the jobs are stored, not run, and workers sharing the database run them. */
class CliSubmitTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Cli cli;
    private String url;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir);
        url = "jdbc:h2:mem:submit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** A CSV file of {@code rows} pairs whose questions are unique across files through {@code tag}. */
    private Path write(String name, String tag, int rows) throws Exception {
        String csv = "question,answer\n" + IntStream.rangeClosed(1, rows).mapToObj(i -> "What is " + tag + " number " + i + "?,It is " + i + ".")
                .collect(Collectors.joining("\n", "", "\n"));
        Path f = dir.resolve(name);
        Files.writeString(f, csv, StandardCharsets.UTF_8);
        return f;
    }

    private JdbcImportStore store() {
        return JdbcImportStore.builder(url, "sa", "").installSchema(true).build();
    }

    @Test
    void storesTheJobPrintsItsIdAndRunsNothing() throws Exception {
        write("faq.csv", "faq", 30);

        Cli.Result r = cli.run("submit", "faq.csv", "--db", url);

        assertThat(r.status()).as(r.toString()).isZero();
        String id = r.out().strip();
        assertThat(r.out()).isEqualTo(UUID.fromString(id) + "\n");
        assertThat(r.err()).contains("qa-import: submitted faq.csv as job " + id + " (csv, ", "PENDING", "'qa-import worker' with the same --db runs it");
        JsonNode status = JSON.readTree(cli.run("status", id, "--db", url, "--json").out());
        assertThat(status.get("status").asText()).isEqualTo("PENDING");
        assertThat(status.get("processedRows").asLong()).isZero();
        assertThat(status.get("attempt").asInt()).as("no worker has claimed it").isZero();
        assertThat(status.get("payloadBytes").asLong()).isEqualTo(Files.size(dir.resolve("faq.csv")));
    }

    @Test
    void printsOneJsonObjectPerFileAndRecordsHowEachIsRead() throws Exception {
        write("a.csv", "alpha", 3);
        Files.writeString(dir.resolve("de.txt"), "Frage;Antwort\nWie?;So.\nWarum?;Darum.\n", StandardCharsets.UTF_8);

        Cli.Result a = cli.run("submit", "a.csv", "--db", url, "--json");
        Cli.Result de = cli.run("submit", "de.txt", "--db", url, "--json", "--format", "csv", "--delimiter", ";",
                "--map", "question=Frage,answer=Antwort", "--duplicates", "create", "--embeddings", "openai");

        assertThat(a.status()).as(a.toString()).isZero();
        assertThat(de.status()).as("the key is the worker's business: %s", de).isZero();
        JsonNode first = JSON.readTree(a.out());
        JsonNode second = JSON.readTree(de.out());
        assertThat(first.get("filename").asText()).isEqualTo("a.csv");
        assertThat(first.get("status").asText()).isEqualTo("PENDING");
        assertThat(first.get("format").asText()).isEqualTo("csv");
        assertThat(second.get("filename").asText()).isEqualTo("de.txt");
        try (JdbcImportStore store = store();
                QaImport worker = QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).build()) {
            assertThat(worker.recover()).hasSize(2).allSatisfy(j -> assertThat(j.status()).isEqualTo(JobStatus.COMPLETED));
            ImportJob german = worker.getJob(UUID.fromString(second.get("jobId").asText())).orElseThrow();
            assertThat(german.successCount()).as("read with the delimiter and columns given to submit").isEqualTo(2);
            assertThat(worker.getPairs(german.id(), 0, 10)).extracting(QAPair::question).containsExactly("Wie?", "Warum?");
            assertThat(worker.getEmbeddingProfile(german.id())).as("the provider the workers are to embed it with")
                    .contains(new EmbeddingProfile("openai", "https://api.openai.com", "text-embedding-3-small", null,
                            "{question}\n\n{answer}"));
            assertThat(worker.getEmbeddingProfile(UUID.fromString(first.get("jobId").asText())))
                    .hasValueSatisfying(p -> assertThat(p.provider()).isEqualTo("local"));
        }
    }

    @Test
    void problemsAreOneLineNamingTheFileAndNothingIsSubmittedWhenOneFileIsWrong() throws Exception {
        write("ok.csv", "ok", 2);
        write("big.csv", "big", 200);
        Files.writeString(dir.resolve("notes.ods"), "x", StandardCharsets.UTF_8);
        Object[][] cases = {
            {new String[] {"submit", "ok.csv", "missing.csv"}, 2, "qa-import: file not found: missing.csv"},
            {new String[] {"submit", "ok.csv", "big.csv", "--max-file-size", "1k"}, 2,
                "qa-import: big.csv is 6,800 bytes, larger than the limit of 1,024 bytes"},
            {new String[] {"submit", "notes.ods"}, 2, "qa-import: cannot tell the format of notes.ods from its name"},
            {new String[] {"submit", "ok.csv", "--duplicates", "never"}, 2, "qa-import: --duplicates must be skip, update or create"},
            {new String[] {"submit", "ok.csv", "--embeddings", "magic"}, 2, "qa-import: unknown --embeddings 'magic'"},
            {new String[] {"submit", "ok.csv", "--max-file-size", "lots"}, 2, "qa-import: --max-file-size must be a positive size"},
            {new String[] {"submit", "."}, 2, "qa-import: . is a directory, not a file"},
            {new String[] {"submit"}, 2, "qa-import: Missing required parameter: 'FILE' (see qa-import submit --help)"},
        };
        for (Object[] c : cases) {
            String[] args = (String[]) c[0];
            String[] withDb = java.util.Arrays.copyOf(args, args.length + 2);
            withDb[args.length] = "--db";
            withDb[args.length + 1] = url;
            Cli.Result r = cli.run(withDb);
            assertThat(r.status()).as(r.toString()).isEqualTo((int) c[1]);
            assertThat(r.err()).as(r.toString()).startsWith((String) c[2]).doesNotContain("\tat ", "Exception");
            assertThat(r.err().split("\n")).as("exactly one line: %s", r).hasSize(1);
            assertThat(r.out()).isEmpty();
        }
        assertThat(cli.run("submit", "ok.csv", "big.csv", "--max-file-size", "1k", "--db", url).err())
                .contains("larger than the limit of 1,024 bytes; raise --max-file-size to submit it (nothing was submitted)");
        assertThat(cli.run("jobs", "--db", url).out()).contains("No jobs yet");
    }

    @Test
    void anUnreachableDatabaseIsOneLineNamingTheFile() throws Exception {
        write("ok.csv", "ok", 2);

        Cli.Result r = cli.run("submit", "ok.csv", "--db", "jdbc:postgresql://127.0.0.1:9/qa?connectTimeout=2");

        assertThat(r.status()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).startsWith("qa-import: cannot submit ok.csv: ").doesNotContain("\tat ");
        assertThat(r.err().split("\n")).hasSize(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void twoWorkersOnTheDatabaseRunEverySubmittedJobOnceAndEveryRowOnce() throws Exception {
        write("a.csv", "alpha", 120);
        write("b.csv", "beta", 75);
        write("d.csv", "delta", 40);
        Files.writeString(dir.resolve("c.jsonl"), IntStream.rangeClosed(1, 60).mapToObj(i -> "{\"question\":\"Is gamma " + i + " here?\","
                + "\"answer\":\"Yes, " + i + ".\"}").collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);

        Cli.Result submitted = cli.run("submit", "a.csv", "b.csv", "c.jsonl", "d.csv", "--db", url, "--quiet");

        assertThat(submitted.status()).as(submitted.toString()).isZero();
        List<UUID> ids = submitted.out().lines().map(UUID::fromString).collect(Collectors.toList());
        assertThat(ids).hasSize(4).doesNotHaveDuplicates();
        Map<UUID, List<String>> finishedBy = new ConcurrentHashMap<>();
        CountDownLatch allEnded = new CountDownLatch(ids.size());
        Set<String> claims = ConcurrentHashMap.newKeySet();
        try (JdbcImportStore storeA = store(); JdbcImportStore storeB = store();
                QaImport a = worker(storeA, "worker-a", finishedBy, allEnded, claims);
                QaImport b = worker(storeB, "worker-b", finishedBy, allEnded, claims)) {
            try (Worker wa = a.startWorker(2, Duration.ofMillis(20)); Worker wb = b.startWorker(2, Duration.ofMillis(20))) {
                assertThat(allEnded.await(120, TimeUnit.SECONDS)).as("every job ended; finished so far: %s", finishedBy).isTrue();
            }
            Map<String, Integer> expected = Map.of("a.csv", 120, "b.csv", 75, "c.jsonl", 60, "d.csv", 40);
            for (UUID id : ids) {
                ImportJob job = a.getJob(id).orElseThrow();
                assertThat(job.status()).as(job.filename()).isEqualTo(JobStatus.COMPLETED);
                assertThat(job.attempt()).as("%s was claimed once", job.filename()).isEqualTo(1);
                assertThat(finishedBy.get(id)).as("%s was finished by one worker", job.filename()).hasSize(1)
                        .allSatisfy(w -> assertThat(w).isIn("worker-a", "worker-b"));
                int n = expected.get(job.filename());
                assertThat(job.successCount()).isEqualTo(n);
                assertThat(job.processedRows()).isEqualTo(n);
                List<QAPair> pairs = new ArrayList<>();
                long after = 0;
                for (List<QAPair> page = b.getPairs(id, 0, 50); !page.isEmpty(); page = b.getPairs(id, after, 50)) {
                    pairs.addAll(page);
                    after = page.get(page.size() - 1).sourceRow();
                }
                assertThat(pairs).extracting(QAPair::sourceRow).as("every row of %s once", job.filename())
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, n).mapToObj(i -> (long) i).collect(Collectors.toList()));
            }
            assertThat(claims).as("each job held by one worker only, from its first batch to its last").hasSize(ids.size())
                    .allSatisfy(c -> assertThat(c).containsAnyOf("worker-a", "worker-b"));
        }
    }

    /** A worker instance that records which jobs it finished and counts down when one has ended. */
    private static QaImport worker(JdbcImportStore store, String workerId, Map<UUID, List<String>> finishedBy, CountDownLatch ended,
            Set<String> claims) {
        ImportListener listener = new ImportListener() {
            @Override
            public void onImportProgress(ImportJob job) {
                // Seen after each committed batch: which worker held the job then.
                claims.add(job.id() + " " + job.leaseOwner());
            }

            @Override
            public void onJobFinished(ImportJob job) {
                if (job.status().isTerminal()) {
                    finishedBy.computeIfAbsent(job.id(), k -> new CopyOnWriteArrayList<>()).add(workerId);
                    ended.countDown();
                }
            }
        };
        return QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).workerId(workerId).batchSize(10)
                .listener(listener).build();
    }
}
