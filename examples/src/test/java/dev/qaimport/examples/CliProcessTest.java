package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The program as users run it: a separate JVM, real exit status, real standard streams. */
class CliProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void importsAsARealProcessPrintingJsonOnStdout() throws Exception {
        Cli.Result r = ChildProcess.run(dir, Map.of(), "import", Cli.sample("faq-sample.csv").toString(), "--embeddings", "none", "--json");

        assertThat(r.status()).as(r.toString()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(json.get("successCount").asLong()).isEqualTo(190);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void writesTheErrorsCsvWithEveryRowErrorOfTheSummary() throws Exception {
        Cli.Result r = ChildProcess.run(dir, Map.of(), "import", Cli.sample("faq-sample.csv").toString(), "--embeddings", "none", "--json",
                "--errors-out", "errors.csv");

        assertThat(r.status()).as(r.toString()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("errorCount").asLong()).isEqualTo(7);
        SampleData.assertSameErrors(SampleData.errorsCsv(dir.resolve("errors.csv")), json.get("errors"));
    }

    @Test
    void aDryRunWritesNothingWithTheDefaultDatabaseOrAnExplicitOne() throws Exception {
        List<Path> before = listTree();

        Cli.Result byDefault = ChildProcess.run(dir, Map.of(), "import", Cli.sample("faq-sample.csv").toString(), "--dry-run");
        Cli.Result explicit = ChildProcess.run(dir, Map.of(), "import", Cli.sample("faq-sample.csv").toString(), "--dry-run", "--json",
                "--db", "jdbc:h2:file:" + dir.resolve("fresh").resolve("db") + ";AUTO_SERVER=TRUE");

        assertThat(byDefault.status()).as(byDefault.toString()).isZero();
        assertThat(byDefault.out()).contains("nothing was written", "200 rows: 190 would be created, 0 updated, 3 skipped as duplicates, 7 rejected");
        assertThat(explicit.status()).as(explicit.toString()).isZero();
        assertThat(JSON.readTree(explicit.out()).get("wouldCreate").asLong()).isEqualTo(190);
        assertThat(listTree()).as("no database file or directory appeared").isEqualTo(before);
    }

    @Test
    void searchRanksTheRightPairFirstOnTheSampleData() throws Exception {
        Cli.Result imported = ChildProcess.run(dir, Map.of(), "import", Cli.sample("faq-sample.csv").toString(), "--json");
        assertThat(imported.status()).as(imported.toString()).isZero();
        assertThat(JSON.readTree(imported.out()).get("embeddedCount").asLong()).isEqualTo(190);

        for (String[] c : SampleData.SEARCHES) {
            Cli.Result r = ChildProcess.run(dir, Map.of(), "search", c[0], "--limit", "3", "--json");
            assertThat(r.status()).as(r.toString()).isZero();
            SampleData.assertRanksFirst(JSON.readTree(r.out()), c[0], c[1]);
        }
    }

    @Test
    @EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "Process.destroy() must send SIGTERM")
    void aSignalWhileResumeEmbedsPendingPairsStopsAfterTheRequestsInFlightAndKeepsTheRestPending() throws Exception {
        // Enough pairs for more groups of 512 than the provider's 4 requests in flight, so that some are never sent.
        BigCsv csv = BigCsv.write(dir.resolve("big.csv"), 3_000, "sig");
        assertThat(ChildProcess.run(dir, Map.of(), "import", "big.csv", "--embeddings", "none", "--batch-size", "500").status()).isZero();
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test-key");
        // Every answer is held until the test has sent the signal, and then takes 1.5 s more: the requests are provably in
        // flight when the signal goes out, and none is answered before the child has had that long to see it.
        try (StubEmbeddingServer slow = StubEmbeddingServer.builder().latency(Duration.ofMillis(1500)).start().holdFrom(1)) {
            Cli.Result stopped;
            try (ChildProcess.Running resume = ChildProcess.start(dir, env, "resume", "--embeddings", "openai", "--embedding-url",
                    slow.baseUrl())) {
                try {
                    slow.awaitRequests(1);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n" + resume, e);
                }
                assertThat(resume.process.isAlive()).as("resume still runs\n%s", resume).isTrue();
                resume.process.destroy();
                slow.release();
                stopped = resume.await(Duration.ofSeconds(60));
            }

            assertThat(stopped.status()).as(stopped.toString()).isEqualTo(128 + 15);
            assertThat(stopped.err()).contains("qa-import: stopped while embedding pending pairs;").doesNotContain("\tat ");
            long pending = Long.parseLong(stopped.err().replaceAll("(?s).*stopped while embedding pending pairs; ([0-9,]+) pairs stay pending.*", "$1")
                    .replace(",", ""));
            assertThat(pending).as("pairs left for the next resume").isBetween(1L, (long) csv.validCount() - 1);
        }

        try (StubEmbeddingServer fast = StubEmbeddingServer.start()) {
            Cli.Result finished = ChildProcess.run(dir, env, "resume", "--embeddings", "openai", "--embedding-url", fast.baseUrl());
            assertThat(finished.status()).as(finished.toString()).isZero();
            Cli.Result jobs = ChildProcess.run(dir, Map.of(), "jobs", "--json");
            assertThat(JSON.readTree(jobs.out()).get(0).get("embeddedCount").asLong()).isEqualTo(csv.validCount());
        }
    }

    @Test
    @EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "Process.destroy() must send SIGTERM")
    void aSignalStopsTheWatchingAndLeavesTheJobAsItWas() throws Exception {
        Files.writeString(dir.resolve("faq.csv"), "question,answer\nQ one?,A one.\nQ two?,A two.\n", StandardCharsets.UTF_8);
        Cli.Result submitted = new Cli(dir).run("submit", "faq.csv", "--quiet");
        assertThat(submitted.status()).as(submitted.toString()).isZero();
        String id = submitted.out().strip();

        Cli.Result stopped;
        try (ChildProcess.Running watch = ChildProcess.start(dir, Map.of(), "status", id, "--watch", "--interval", "50")) {
            watch.awaitErr(e -> e.contains("faq.csv  PENDING  0/? rows"), Duration.ofSeconds(120), "the first line of the watch");
            watch.process.destroy();
            stopped = watch.await(Duration.ofSeconds(60));
        }

        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(128 + 15);
        assertThat(stopped.err()).contains("qa-import: stopped watching job " + id + "; it is PENDING and goes on without this command")
                .doesNotContain("\tat ", "Exception");
        assertThat(stopped.out()).contains("job        " + id, "status     PENDING");
        JsonNode job = JSON.readTree(new Cli(dir).run("status", id, "--json").out());
        assertThat(job.get("status").asText()).isEqualTo("PENDING");
        assertThat(job.get("attempt").asInt()).as("watching claimed nothing").isZero();
    }

    /** Everything under the test's directory except the files that capture the children's output. */
    private List<Path> listTree() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> !f.getFileName().toString().matches("(stdout|stderr).*\\.txt")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void reportsAUsageErrorOnOneLineWithExitStatus2() throws Exception {
        Cli.Result r = ChildProcess.run(dir, Map.of(), "import", "no-such-file.csv");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("qa-import: file not found: no-such-file.csv");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void keepsTheApiKeyOutOfEverythingAFailingRunProduces() throws Exception {
        String key = "sk-proj-QA1mp0rtT3stK3yThatMustN3v3rLeak0ut7xZ";
        try (StubEmbeddingServer provider = StubEmbeddingServer.builder().requireApiKey("sk-the-right-one").start()) {
            Map<String, String> env = Map.of("OPENAI_API_KEY", key, "QA_IMPORT_LOG", "debug", "QA_IMPORT_DEBUG", "1");
            Cli.Result run = ChildProcess.run(dir, env, "import", Cli.sample("faq-sample.csv").toString(), "--embeddings", "openai",
                    "--embedding-url", provider.baseUrl(), "--errors-out", "errors.csv");
            String id = run.out().replaceAll("(?s).*\\(job ([0-9a-f-]{36})\\).*", "$1");
            Cli.Result status = ChildProcess.run(dir, env, "status", id, "--json");
            Cli.Result jobs = ChildProcess.run(dir, env, "jobs", "--json");

            assertThat(run.status()).as(run.toString()).isZero();
            assertThat(run.out()).contains("401");
            assertThat(JSON.readTree(status.out()).get("errorMessage").asText()).contains("401");
            String everything = run.out() + run.err() + status.out() + status.err() + jobs.out() + jobs.err()
                    + Files.readString(dir.resolve("errors.csv"), StandardCharsets.UTF_8) + databaseText();
            assertThat(everything).doesNotContain(key).doesNotContain(key.substring(8, 24)).doesNotContain(key.substring(key.length() - 12));
        }
    }

    /** The H2 database files as text: the key must not be stored anywhere either. */
    private String databaseText() throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir.resolve("qa-import-data"))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                sb.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return sb.toString();
    }
}
