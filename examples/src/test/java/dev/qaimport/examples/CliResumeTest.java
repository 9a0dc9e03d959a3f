package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qa-import resume} and the pairs that imports left pending for want of an embedding provider. */
class CliResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void resumeFailsWhileTheProviderRefusesThePendingPairsAndSucceedsOnceItEmbedsThem() throws Exception {
        Cli cli = new Cli(dir);
        assertThat(cli.run("import", Cli.sample("faq-sample.jsonl").toString(), "--embeddings", "none").status()).isZero();
        String wrongKey = "sk-wrong-5e1d0c9b8a7f6e5d4c3b2a19";
        try (StubEmbeddingServer provider = StubEmbeddingServer.builder().requireApiKey("sk-right-key").start()) {
            String[] resume = {"resume", "--embeddings", "openai", "--embedding-url", provider.baseUrl()};

            Cli.Result refused = new Cli(dir).env("OPENAI_API_KEY", wrongKey).run(resume);
            Cli.Result refusedJson = new Cli(dir).env("OPENAI_API_KEY", wrongKey).run(concat(resume, "--json"));
            Cli.Result embedded = new Cli(dir).env("OPENAI_API_KEY", "sk-right-key").run(resume);

            assertThat(refused.status()).as(refused.toString()).isEqualTo(1);
            assertThat(ownLines(refused.err())).singleElement().asString()
                    .startsWith("qa-import: embedding the pending pairs failed: ").contains("401", "14 pairs stay pending");
            assertThat(refused.out() + refused.err()).doesNotContain(wrongKey, wrongKey.substring(3, 20));
            assertThat(refusedJson.status()).isEqualTo(1);
            assertThat(JSON.readTree(refusedJson.out())).as("no job needed resuming").isEmpty();

            assertThat(embedded.status()).as(embedded.toString()).isZero();
            assertThat(embedded.out()).contains("No unfinished jobs.", "Embedded 14 pending pairs");
            assertThat(ownLines(embedded.err())).isEmpty();
        }
        JsonNode jobs = JSON.readTree(cli.run("jobs", "--json").out());
        assertThat(jobs.get(0).get("embeddedCount").asLong()).isEqualTo(14);
        assertThat(cli.run("resume", "--embeddings", "none").out()).contains("Nothing to resume");
    }

    /** What the program itself wrote to standard error, without the library's log lines. */
    private static List<String> ownLines(String err) {
        return err.lines().filter(l -> l.startsWith("qa-import:")).collect(Collectors.toList());
    }

    private static String[] concat(String[] a, String b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + 1);
        all[a.length] = b;
        return all;
    }
}
