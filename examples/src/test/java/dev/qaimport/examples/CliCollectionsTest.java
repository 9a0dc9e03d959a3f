package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qaimport.QaImport;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import dev.qaimport.examples.cli.Env;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.model.SourceType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --collection NAME} and {@code QA_IMPORT_COLLECTION}: every command works in one
 * knowledge base, and jobs, pairs and search results of another are to it as if they did not exist.
 */
class CliCollectionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-collections-5e4d3c2b1a09";
    /** Control characters anywhere but the line feeds. */
    private static final String CONTROL = "[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f]";

    @TempDir
    Path dir;
    private Cli cli;
    private String url;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir);
        url = "jdbc:h2:mem:collections-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private Cli.Result run(Cli on, String... args) {
        return on.run(Stream.concat(Stream.of(args), Stream.of("--db", url)).toArray(String[]::new));
    }

    private Cli.Result run(String... args) {
        return run(cli, args);
    }

    private JsonNode json(Cli.Result r) throws Exception {
        assertThat(r.status()).as(r.toString()).isZero();
        return JSON.readTree(r.out());
    }

    /** A CSV file of {@code rows} pairs whose questions name {@code tag}. */
    private String write(String name, String tag, int rows) throws Exception {
        String csv = "question,answer\n" + IntStream.rangeClosed(1, rows).mapToObj(i -> "What is " + tag + " number " + i + "?,It is " + i + ".")
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(dir.resolve(name), csv, StandardCharsets.UTF_8);
        return name;
    }

    private String submit(String collection, String file) {
        Cli.Result r = run("submit", file, "--collection", collection, "--embeddings", "none", "--quiet");
        assertThat(r.status()).as(r.toString()).isZero();
        return UUID.fromString(r.out().strip()).toString();
    }

    @Test
    void theSameFileInTwoCollectionsIsStoredInBothAndSkippedOnlyWithinOne() throws Exception {
        String file = Cli.sample("faq-sample.jsonl").toString();

        JsonNode a = json(run("import", file, "--collection", "kb-a", "--embeddings", "none", "--json", "--quiet"));
        JsonNode b = json(run("import", file, "--collection", "kb-b", "--embeddings", "none", "--json", "--quiet"));
        JsonNode again = json(run("import", file, "--collection", "kb-a", "--embeddings", "none", "--json", "--quiet"));

        assertThat(a.get("collection").asText()).isEqualTo("kb-a");
        assertThat(a.get("successCount").asLong()).isEqualTo(14);
        assertThat(a.get("skippedCount").asLong()).isZero();
        assertThat(b.get("collection").asText()).isEqualTo("kb-b");
        assertThat(b.get("successCount").asLong()).as("another collection holds none of them yet").isEqualTo(14);
        assertThat(b.get("skippedCount").asLong()).isZero();
        assertThat(again.get("successCount").asLong()).isZero();
        assertThat(again.get("skippedCount").asLong()).as("duplicates within the same collection").isEqualTo(14);
        JsonNode dry = json(run("import", file, "--collection", "kb-c", "--dry-run", "--json"));
        assertThat(dry.get("collection").asText()).isEqualTo("kb-c");
        assertThat(dry.get("wouldCreate").asLong()).as("a dry run compares with its collection only").isEqualTo(14);
        assertThat(json(run("import", file, "--dry-run", "--json")).get("collection").asText()).isEqualTo("default");
    }

    @Test
    void jobsStatusCancelAndRetryStayWithinTheCollection() throws Exception {
        String inA = submit("kb-a", write("a.csv", "alpha", 3));
        String inB = submit("kb-b", write("b.csv", "beta", 2));

        JsonNode jobsA = json(run("jobs", "--collection", "kb-a", "--json"));
        assertThat(jobsA).hasSize(1);
        assertThat(jobsA.get(0).get("jobId").asText()).isEqualTo(inA);
        assertThat(jobsA.get(0).get("collection").asText()).isEqualTo("kb-a");
        Cli.Result textB = run("jobs", "--collection", "kb-b");
        assertThat(textB.out()).contains(inB, "COLLECTION", "kb-b", "b.csv").doesNotContain(inA);
        assertThat(textB.out().lines().findFirst().orElseThrow()).matches("JOB +STATUS +ROWS +STORED +SKIPPED +ERRORS +EMBEDDED +COLLECTION +FILE");
        assertThat(run("jobs").out()).as("neither is in the default collection").contains("No jobs yet. Start one with: qa-import import FILE");
        assertThat(run("jobs", "--collection", "kb-c").out().strip())
                .isEqualTo("No jobs yet in collection kb-c. Start one with: qa-import import FILE --collection kb-c");

        Cli.Result status = run("status", inA, "--collection", "kb-a");
        assertThat(status.status()).as(status.toString()).isZero();
        assertThat(status.out()).startsWith("job        " + inA + "\ncollection kb-a\nfile       a.csv");
        assertThat(json(run("status", inA, "--collection", "kb-a", "--json")).get("collection").asText()).isEqualTo("kb-a");
        for (String[] args : List.of(new String[] {"status", inA}, new String[] {"status", inA, "--json"}, new String[] {"cancel", inA},
                new String[] {"retry", inA, "--embeddings", "none"})) {
            Cli.Result r = run(Stream.concat(Stream.of(args), Stream.of("--collection", "kb-b")).toArray(String[]::new));
            assertUsage(r, "qa-import: no import job with id " + inA + " in collection kb-b");
            assertThat(r.err().strip()).isEqualTo("qa-import: no import job with id " + inA + " in collection kb-b");
        }
        assertUsage(run("status", inB), "qa-import: no import job with id " + inB + " in collection default");
        String nobodys = UUID.randomUUID().toString();
        assertUsage(run("cancel", nobodys, "--collection", "kb-b"), "qa-import: no import job with id " + nobodys + " in collection kb-b");
        assertThat(json(run("status", inA, "--collection", "kb-a", "--json")).get("status").asText()).as("left alone").isEqualTo("PENDING");

        Cli.Result cancelled = run("cancel", inA, "--collection", "kb-a");
        assertThat(cancelled.status()).as(cancelled.toString()).isZero();
        assertThat(cancelled.out().strip()).isEqualTo("Cancelled job " + inA);
        assertThat(json(run("status", inB, "--collection", "kb-b", "--json")).get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void retryContinuesAJobOfItsCollectionOnly() throws Exception {
        UUID id;
        try (JdbcImportStore store = JdbcImportStore.builder(url, "sa", "").installSchema(true).build();
                QaImport qa = QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).keepPayloads(true)
                        .collection("kb-a").build()) {
            id = qa.startImport(Cli.sample("faq-sample.jsonl"), SourceType.JSONL);
            assertThat(qa.cancel(id)).isTrue();
        }

        assertUsage(run("retry", id.toString(), "--embeddings", "none"), "qa-import: no import job with id " + id + " in collection default");
        JsonNode done = json(run("retry", id.toString(), "--collection", "kb-a", "--embeddings", "none", "--json", "--quiet"));

        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("collection").asText()).isEqualTo("kb-a");
        assertThat(done.get("successCount").asLong()).isEqualTo(14);
    }

    @Test
    void searchNeverReturnsThePairsOfAnotherCollection() throws Exception {
        try (StubEmbeddingServer provider = StubEmbeddingServer.builder().requireApiKey(KEY).start()) {
            Cli withKey = new Cli(dir).env("OPENAI_API_KEY", KEY);
            String[] stub = {"--embeddings", "openai", "--embedding-url", provider.baseUrl(), "--embedding-model", "stub"};
            JsonNode a = json(run(withKey, concat(new String[] {"import", Cli.sample("faq-sample.jsonl").toString(), "--collection", "kb-a",
                "--json", "--quiet"}, stub)));
            JsonNode b = json(run(withKey, concat(new String[] {"import", write("b.csv", "beta", 5), "--collection", "kb-b", "--json",
                "--quiet"}, stub)));
            assertThat(a.get("embeddedCount").asLong()).isEqualTo(14);
            assertThat(b.get("embeddedCount").asLong()).isEqualTo(5);

            JsonNode hitsB = json(run(withKey, concat(new String[] {"search", "Do you ship to Iceland?", "--collection", "kb-b", "--limit",
                "50", "--json"}, stub)));
            JsonNode hitsA = json(run(withKey, concat(new String[] {"search", "What is beta number 1?", "--collection", "kb-a", "--limit",
                "50", "--json"}, stub)));
            Cli.Result none = run(withKey, concat(new String[] {"search", "What is beta number 1?", "--collection", "kb-c"}, stub));

            assertThat(questions(hitsB)).hasSize(5).allSatisfy(q -> assertThat(q).startsWith("What is beta number "));
            assertThat(questions(hitsA)).hasSize(14).contains("Do you sell bear canisters?").noneMatch(q -> q.contains("beta"));
            assertThat(json(run(withKey, concat(new String[] {"search", "Do you ship to Iceland?", "--json"}, stub)))).isEmpty();
            assertThat(none.out()).startsWith("No embedded pairs yet in collection kb-c for ").endsWith("--collection kb-c\n");
            String jobA = a.get("jobId").asText();
            assertUsage(run(withKey, concat(new String[] {"reembed", "--job", jobA, "--collection", "kb-b"}, stub)),
                    "qa-import: no import job with id " + jobA + " in collection kb-b");
        }
    }

    private static List<String> questions(JsonNode hits) {
        List<String> out = new ArrayList<>();
        hits.forEach(h -> out.add(h.get("question").asText()));
        return out;
    }

    @Test
    void theEnvironmentNamesTheCollectionAndTheOptionOverridesIt() throws Exception {
        Cli inEnv = new Cli(dir).env("QA_IMPORT_COLLECTION", "from-env");
        String file = Cli.sample("faq-sample.jsonl").toString();

        JsonNode imported = json(run(inEnv, "import", file, "--embeddings", "none", "--json", "--quiet"));
        JsonNode overridden = json(run(inEnv, "import", file, "--collection", "kb-opt", "--embeddings", "none", "--json", "--quiet"));

        assertThat(imported.get("collection").asText()).isEqualTo("from-env");
        assertThat(overridden.get("collection").asText()).isEqualTo("kb-opt");
        assertThat(overridden.get("successCount").asLong()).as("not the collection of the environment").isEqualTo(14);
        JsonNode listed = json(run(inEnv, "jobs", "--json"));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("jobId").asText()).isEqualTo(imported.get("jobId").asText());
        assertThat(json(run(inEnv, "jobs", "--collection", "kb-opt", "--json")).get(0).get("jobId").asText())
                .isEqualTo(overridden.get("jobId").asText());
        assertThat(json(run("jobs", "--json"))).as("the default collection has none").isEmpty();
        assertThat(run(inEnv, "status", imported.get("jobId").asText()).out()).contains("collection from-env");
    }

    @Test
    void hostileNamesAreRefusedFromTheOptionAndFromTheEnvironmentAndPrintedSafely() throws Exception {
        String file = write("ok.csv", "ok", 2);
        String id = UUID.randomUUID().toString();
        List<String[]> commands = List.of(new String[] {"import", file, "--embeddings", "none"}, new String[] {"submit", file},
                new String[] {"resume", "--embeddings", "none"}, new String[] {"worker", "--embeddings", "none"}, new String[] {"status", id},
                new String[] {"jobs"}, new String[] {"cancel", id}, new String[] {"retry", id, "--embeddings", "none"},
                new String[] {"search", "anything", "--embeddings", "none"}, new String[] {"reembed", "--list"});
        Map<String, String> hostile = Map.of(
                "", "collection name is empty",
                "kb\"; DROP TABLE qa_pairs; --", "collection name \"kb\\u0022; DROP TABLE qa_pairs; --\" is not valid: use ASCII letters",
                "it's", "collection name \"it's\" is not valid",
                "k".repeat(65), "collection name is longer than 64 characters (65): \"" + "k".repeat(65) + "\"",
                "kb\u001b[2J\u0007\u009b", "collection name \"kb\\u001b[2J\\u0007\\u009b\" is not valid",
                "kb\nnext", "collection name \"kb\\u000anext\" is not valid",
                "-kb", "collection name \"-kb\" is not valid",
                "wissensdatenbank-ü", "collection name \"wissensdatenbank-\\u00fc\" is not valid");
        for (Map.Entry<String, String> h : hostile.entrySet()) {
            for (String[] command : commands) {
                String[] withOption = concat(command, new String[] {"--collection=" + h.getKey()});
                assertUsage(run(withOption), "qa-import: invalid --collection: " + h.getValue());
                assertUsage(run(new Cli(dir).env("QA_IMPORT_COLLECTION", h.getKey()), command),
                        "qa-import: invalid QA_IMPORT_COLLECTION in the environment: " + h.getValue());
            }
        }
        assertThat(json(run("jobs", "--json"))).as("nothing was stored").isEmpty();
        JsonNode fine = json(run(new Cli(dir).env("QA_IMPORT_COLLECTION", "'bad'"), "jobs", "--collection", "good", "--json"));
        assertThat(fine).as("a good --collection is used; the environment is not looked at").isEmpty();
    }

    @Test
    void resumeServesTheCollectionGivenAndEveryCollectionWithoutOne() throws Exception {
        String inA = submit("kb-a", write("a.csv", "alpha", 3));
        String inB = submit("kb-b", write("b.csv", "beta", 4));
        String inDefault = submit("default", write("d.csv", "delta", 2));

        Cli.Result onlyB = run("resume", "--collection", "kb-b", "--embeddings", "none", "--json", "--quiet");
        JsonNode resumed = json(onlyB);
        assertThat(resumed).hasSize(1);
        assertThat(resumed.get(0).get("jobId").asText()).isEqualTo(inB);
        assertThat(resumed.get(0).get("collection").asText()).isEqualTo("kb-b");
        assertThat(json(run("status", inA, "--collection", "kb-a", "--json")).get("status").asText()).isEqualTo("PENDING");
        assertThat(run("resume", "--collection", "kb-b", "--embeddings", "none").out().strip())
                .isEqualTo("Nothing to resume: every job of collection kb-b is finished.");

        JsonNode rest = json(run("resume", "--embeddings", "none", "--json", "--quiet"));

        assertThat(rest).extracting(j -> j.get("jobId").asText()).containsExactlyInAnyOrder(inA, inDefault);
        assertThat(rest).allSatisfy(j -> assertThat(j.get("status").asText()).isEqualTo("COMPLETED"));
        assertThat(rest).extracting(j -> j.get("collection").asText()).containsExactlyInAnyOrder("kb-a", "default");
        assertThat(rest).filteredOn(j -> j.get("collection").asText().equals("kb-a"))
                .allSatisfy(j -> assertThat(j.get("successCount").asLong()).isEqualTo(3));
    }

    @Test
    void aWorkerOfOneCollectionLeavesTheJobsOfAnotherPending() throws Exception {
        // Submitted first, so that a worker serving every collection would claim it before the other.
        String inB = submit("kb-b", write("b.csv", "beta", 4));
        String inA = submit("kb-a", write("a.csv", "alpha", 3));
        Watched err = new Watched("finished job " + inA);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicInteger status = new AtomicInteger(-1);
        Thread worker = new Thread(() -> status.set(Main.run(new Env(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), dir, false), "worker", "--collection", "kb-a", "--jobs", "1",
                "--poll", "10", "--embeddings", "none", "--db", url)), "collection-worker");

        worker.start();
        try {
            assertThat(err.seen.await(60, TimeUnit.SECONDS)).as("the worker finished the job of its collection: %s", err).isTrue();
        } finally {
            // Stops the worker as Ctrl-C would: its running jobs are released.
            worker.interrupt();
            worker.join(TimeUnit.SECONDS.toMillis(60));
        }

        assertThat(worker.isAlive()).isFalse();
        assertThat(status.get()).as(err.toString()).isEqualTo(130);
        assertThat(err.toString()).contains("started (collection kb-a, 1 jobs at once", "finished job " + inA + " (COMPLETED)")
                .doesNotContain(inB);
        JsonNode a = json(run("status", inA, "--collection", "kb-a", "--json"));
        JsonNode b = json(run("status", inB, "--collection", "kb-b", "--json"));
        assertThat(a.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(b.get("status").asText()).isEqualTo("PENDING");
        assertThat(b.get("attempt").asInt()).as("no worker claimed it").isZero();
        assertThat(run("worker", "--help").out()).contains("With --collection (or QA_IMPORT_COLLECTION) it serves only",
                "without, those of every collection");
        assertThat(run("resume", "--help").out()).contains("With --collection (or QA_IMPORT_COLLECTION) it finishes only",
                "without, those of every collection");
    }

    @Test
    void everyCommandTakesTheOption() {
        for (String command : List.of("import", "submit", "resume", "worker", "status", "jobs", "cancel", "retry", "search", "reembed")) {
            assertThat(cli.run(command, "--help").out().replaceAll("\\s+", " ")).as(command)
                    .contains("--collection=NAME The collection (knowledge base) to work in", "(default: the one named 'default'; env QA_IMPORT_COLLECTION)");
        }
    }

    private static void assertUsage(Cli.Result r, String line) {
        assertThat(r.status()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().strip()).as(r.toString()).doesNotContain("\n").startsWith(line).doesNotContain("\tat ", "Exception");
        assertThat(r.err()).as(r.toString()).doesNotContainPattern(CONTROL);
        assertThat(r.out()).as(r.toString()).isEmpty();
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    /** Standard error of a command run in a thread of its own, which tells when a text has appeared in it. */
    private static final class Watched extends ByteArrayOutputStream {
        final CountDownLatch seen = new CountDownLatch(1);
        private final String text;

        Watched(String text) {
            this.text = text;
        }

        @Override
        public synchronized void write(int b) {
            super.write(b);
            look();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            look();
        }

        private void look() {
            if (seen.getCount() > 0 && toString(StandardCharsets.UTF_8).contains(text)) {
                seen.countDown();
            }
        }

        @Override
        public synchronized String toString() {
            return toString(StandardCharsets.UTF_8);
        }
    }
}
