package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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
