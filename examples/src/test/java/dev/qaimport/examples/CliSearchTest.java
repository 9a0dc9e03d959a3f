package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qaimport.embed.http.testing.RecordedRequest;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Embeddings through the program: the offline default model, and the HTTP providers against a local stub. */
class CliSearchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void embedsOfflineByDefaultAndSearchRanksTheRightPairFirst() throws Exception {
        Cli cli = new Cli(dir);
        Cli.Result imported = cli.run("import", Cli.sample("faq-sample.csv").toString(), "--json");
        assertThat(imported.status()).as(imported.toString()).isZero();
        assertThat(JSON.readTree(imported.out()).get("embeddedCount").asLong()).isEqualTo(190);

        for (String[] c : SampleData.SEARCHES) {
            Cli.Result r = cli.run("search", c[0], "--limit", "3", "--json");
            assertThat(r.status()).as(r.toString()).isZero();
            JsonNode hits = JSON.readTree(r.out());
            assertThat(hits).hasSize(3);
            SampleData.assertRanksFirst(hits, c[0], c[1]);
        }
        Cli.Result human = cli.run("search", "how do I reset my password", "--limit", "1");
        assertThat(human.out()).startsWith("1. [").containsIgnoringCase("password");
    }

    @Test
    void embedsThroughAnOpenAiCompatibleProvider() throws Exception {
        try (StubEmbeddingServer provider = StubEmbeddingServer.builder().requireApiKey("sk-test-key").start()) {
            Cli cli = new Cli(dir).env("OPENAI_API_KEY", "sk-test-key");

            Cli.Result r = cli.run("import", Cli.sample("faq-sample.jsonl").toString(), "--embeddings", "openai", "--embedding-url",
                    provider.baseUrl(), "--embedding-model", "text-embedding-3-small", "--json");

            assertThat(r.status()).as(r.toString()).isZero();
            JsonNode json = JSON.readTree(r.out());
            assertThat(json.get("embeddedCount").asLong()).isEqualTo(14);
            assertThat(json.get("embeddingErrorCount").asLong()).isZero();
            assertThat(provider.requestCount()).isPositive();
        }
    }

    @Test
    void embedsThroughOllamaWithTheDimensionsAsked() throws Exception {
        try (StubEmbeddingServer provider = StubEmbeddingServer.builder().dimensions(16).start()) {
            Cli cli = new Cli(dir);
            String[] ollama = {"--embeddings", "ollama", "--embedding-url", provider.rootUrl(), "--embedding-model", "nomic-embed-text",
                "--embedding-dimensions", "8"};

            Cli.Result r = cli.run(concat(new String[] {"import", Cli.sample("faq-sample.jsonl").toString(), "--json"}, ollama));
            Cli.Result search = cli.run(concat(new String[] {"search", "how do I reset my password", "--json"}, ollama));

            assertThat(r.status()).as(r.toString()).isZero();
            assertThat(JSON.readTree(r.out()).get("embeddedCount").asLong()).isEqualTo(14);
            assertThat(provider.requests()).isNotEmpty().allSatisfy(req -> {
                assertThat(req.path()).isEqualTo("/api/embed");
                JsonNode body = JSON.readTree(req.body());
                assertThat(body.get("model").asText()).isEqualTo("nomic-embed-text");
                assertThat(body.get("dimensions").asInt()).isEqualTo(8);
            });
            assertThat(storedVectorDimensions()).containsOnly(8);
            assertThat(search.status()).as(search.toString()).isZero();
            assertThat(JSON.readTree(search.out())).isNotEmpty();
        }
    }

    @Test
    void embedsThroughAzureWithTheDeploymentUrlApiVersionAndApiKeyHeaderNeverShowingTheKey() throws Exception {
        String key = "az-3f9c1e7b5d2a4c6e8f0b1d3f5a7c9e1b";
        try (StubEmbeddingServer provider = StubEmbeddingServer.builder().requireApiKey(key).start()) {
            String[] azure = {"--embeddings", "azure", "--embedding-url", provider.rootUrl(), "--embedding-model", "faq-embeddings",
                "--embedding-dimensions", "12"};

            Cli.Result r = new Cli(dir).env("AZURE_OPENAI_API_KEY", key)
                    .run(concat(new String[] {"import", Cli.sample("faq-sample.jsonl").toString(), "--json"}, azure));

            assertThat(r.status()).as(r.toString()).isZero();
            assertThat(JSON.readTree(r.out()).get("embeddedCount").asLong()).isEqualTo(14);
            assertThat(provider.requests()).isNotEmpty().allSatisfy(req -> {
                assertThat(req.path()).isEqualTo("/openai/deployments/faq-embeddings/embeddings");
                assertThat(req.query()).startsWith("api-version=");
                assertThat(req.header("api-key")).isEqualTo(key);
                assertThat(req.header("authorization")).isNull();
                assertThat(JSON.readTree(req.body()).get("dimensions").asInt()).isEqualTo(12);
            });
            assertThat(storedVectorDimensions()).containsOnly(12);
            assertThat(r.out() + r.err()).doesNotContain(key);

            // The stub answers a wrong key with a 401 that echoes it, as real providers partly do: the program must not repeat it.
            String wrong = "az-wrong-0a1b2c3d4e5f60718293a4b5c6d7e8f9";
            Cli.Result denied = new Cli(dir).env("AZURE_OPENAI_API_KEY", wrong)
                    .run(concat(new String[] {"import", Cli.sample("faq-sample.json").toString()}, azure));
            assertThat(denied.status()).as(denied.toString()).isZero();
            assertThat(denied.out()).contains("401");
            assertThat(denied.out() + denied.err()).doesNotContain(wrong, wrong.substring(3, 20), key);
        }
    }

    @Test
    @EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "pastes the suggested command into /bin/sh")
    void suggestsASearchThatAShellTakesLiterallyWithTheSameDatabaseAndProvider() throws Exception {
        String question = "Does $(touch injected) `touch injected2` \"go\"; 'or' & | ?";
        assertThat(question).as("short enough to be suggested whole").hasSizeLessThan(60);
        Path file = dir.resolve("hostile.csv");
        Files.writeString(file, "question,answer\n\"" + question.replace("\"", "\"\"") + "\",Yes.\n", StandardCharsets.UTF_8);
        String db = "jdbc:h2:file:" + dir.resolve("hint db") + ";AUTO_SERVER=TRUE";
        try (StubEmbeddingServer provider = StubEmbeddingServer.start()) {
            Cli cli = new Cli(dir).env("OPENAI_API_KEY", "sk-test-key");

            Cli.Result r = cli.run("import", file.toString(), "--db", db, "--embeddings", "openai", "--embedding-url", provider.baseUrl(),
                    "--embedding-model", "text-embedding-3-small");

            assertThat(r.status()).as(r.toString()).isZero();
            String hint = r.out().lines().filter(l -> l.startsWith("Try: ")).findFirst().orElseThrow().substring("Try: ".length());
            List<String> words = shellWords(hint);
            assertThat(words).containsExactly("qa-import", "search", question, "--db", db, "--embeddings", "openai", "--embedding-url",
                    provider.baseUrl(), "--embedding-model", "text-embedding-3-small");
            assertThat(dir.resolve("injected")).doesNotExist();
            assertThat(dir.resolve("injected2")).doesNotExist();

            List<String> search = new ArrayList<>(words.subList(1, words.size()));
            search.add("--json");
            Cli.Result found = cli.run(search.toArray(String[]::new));
            assertThat(found.status()).as(found.toString()).isZero();
            assertThat(JSON.readTree(found.out()).get(0).get("question").asText()).isEqualTo(question);
        }
    }

    /** The words a POSIX shell makes of {@code commandLine}, without running it: it only sets them as arguments and prints them. */
    private List<String> shellWords(String commandLine) throws Exception {
        Process sh = new ProcessBuilder("/bin/sh", "-c", "set -- " + commandLine + "\nprintf '%s\\0' \"$@\"").directory(dir.toFile())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sh.getInputStream().transferTo(out);
        assertThat(sh.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(sh.exitValue()).as(out.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).endsWith("\0");
        return Arrays.asList(printed.substring(0, printed.length() - 1).split("\0", -1));
    }

    /** The dimensions of the vectors stored in the default database. */
    private List<Integer> storedVectorDimensions() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("qa-import-data").resolve("qa-import") + ";IFEXISTS=TRUE;AUTO_SERVER=TRUE";
        List<Integer> dims = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT dimensions FROM qa_vectors")) {
            while (rs.next()) {
                dims.add(rs.getInt(1));
            }
        }
        assertThat(dims).as("stored vectors").isNotEmpty();
        return dims;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void takesBudgetsOfTokensAndRequestsPerMinuteForAProviderAndRefusesWrongOnes() throws Exception {
        Cli cli = new Cli(dir);
        String file = Cli.sample("faq-sample.jsonl").toString();

        Cli.Result zero = cli.run("import", file, "--embeddings", "ollama", "--embedding-tpm", "0");
        Cli.Result negative = cli.run("import", file, "--embeddings", "ollama", "--embedding-rpm", "-3");
        Cli.Result local = cli.run("import", file, "--embedding-tpm", "1000");
        Cli.Result none = cli.run("import", file, "--embeddings", "none", "--embedding-rpm", "60");

        assertThat(zero.status()).isEqualTo(2);
        assertThat(zero.err().strip()).isEqualTo("qa-import: --embedding-tpm must be at least 1, not 0");
        assertThat(negative.status()).isEqualTo(2);
        assertThat(negative.err().strip()).isEqualTo("qa-import: --embedding-rpm must be at least 1, not -3");
        assertThat(local.status()).isEqualTo(2);
        assertThat(local.err().strip()).startsWith("qa-import: --embedding-tpm and --embedding-rpm do not apply to --embeddings local");
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err().strip()).isEqualTo("qa-import: --embedding-tpm and --embedding-rpm need a provider (--embeddings openai, "
                + "azure or ollama)");
        assertThat(cli.run("import", "--help").out()).contains("--embedding-tpm=N", "--embedding-rpm=N");

        try (StubEmbeddingServer provider = StubEmbeddingServer.builder().dimensions(16).start()) {
            Cli.Result r = cli.run("import", file, "--embeddings", "ollama", "--embedding-url", provider.rootUrl(),
                    "--embedding-tpm", "1000000", "--embedding-rpm", "600", "--json");

            assertThat(r.status()).as(r.toString()).isZero();
            assertThat(JSON.readTree(r.out()).get("embeddedCount").asLong()).isEqualTo(14);
        }
    }
}
