package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embeddings through the program: the offline default model, and an OpenAI-compatible provider. */
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

        String[][] cases = {
            {"how do I reset my password", "password"},
            {"how do I use a gift card", "gift card"},
            {"delete my personal data", "delete"},
            {"is my tent covered by warranty", "warrant"},
            {"do my loyalty points expire", "points"},
        };
        for (String[] c : cases) {
            Cli.Result r = cli.run("search", c[0], "--limit", "3", "--json");
            assertThat(r.status()).as(r.toString()).isZero();
            JsonNode hits = JSON.readTree(r.out());
            assertThat(hits).hasSize(3);
            assertThat(hits.get(0).get("question").asText().toLowerCase()).as(c[0]).contains(c[1]);
            assertThat(hits.get(0).get("score").asDouble()).isGreaterThan(hits.get(1).get("score").asDouble());
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
}
