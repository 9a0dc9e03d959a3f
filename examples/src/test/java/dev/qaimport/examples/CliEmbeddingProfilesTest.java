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

/** An import records its provider, and {@code resume} without {@code --embeddings} embeds each job with it. */
class CliEmbeddingProfilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-right-4f3e2d1c0b9a8f7e6d5c";

    @TempDir
    Path dir;

    @Test
    void resumeEmbedsEachJobWithTheProviderItRecordedAndLeavesAJobThatAskedForNoneAlone() throws Exception {
        String sample = Cli.sample("faq-sample.jsonl").toString();
        try (StubEmbeddingServer provider = StubEmbeddingServer.builder().requireApiKey(KEY).start()) {
            Cli.Result none = new Cli(dir).run("import", sample, "--embeddings", "none");
            // The provider refuses this key: the import completes and its pairs stay pending, recorded for openai at the stub.
            Cli.Result refused = new Cli(dir).env("OPENAI_API_KEY", "sk-wrong-0a1b2c3d4e5f6a7b8c9d").run("import", sample,
                    "--duplicates", "create", "--embeddings", "openai", "--embedding-url", provider.baseUrl(), "--embedding-model", "stub");
            assertThat(none.status()).as(none.toString()).isZero();
            assertThat(refused.out() + refused.err()).contains("401");
            int sentBefore = provider.requestCount();

            Cli.Result withoutKey = new Cli(dir).run("resume");
            assertThat(withoutKey.status()).as(withoutKey.toString()).isZero();
            assertThat(ownLines(withoutKey.err())).contains(
                    "qa-import: jobs recorded with openai stub at " + provider.baseUrl()
                            + " wait for the API key in the environment variable OPENAI_API_KEY; their pairs stay pending",
                    "qa-import: 28 pairs stay pending: the job asked for no embeddings (run 'qa-import resume --embeddings ...' "
                            + "to embed them with the provider you name)");
            assertThat(provider.requestCount()).as("nothing went to a provider").isEqualTo(sentBefore);

            Cli.Result withKey = new Cli(dir).env("OPENAI_API_KEY", KEY).run("resume");
            assertThat(withKey.status()).as(withKey.toString()).isZero();
            assertThat(withKey.out()).contains("Embedded 14 pending pairs");
            assertThat(withKey.out() + withKey.err()).doesNotContain(KEY);
            assertThat(provider.requests()).last().satisfies(r -> assertThat(r.body()).contains("\"model\":\"stub\""));
        }
        JsonNode jobs = JSON.readTree(new Cli(dir).run("jobs", "--json").out());
        assertThat(jobs).extracting(j -> j.get("embeddedCount").asLong()).containsExactlyInAnyOrder(14L, 0L);
        for (JsonNode job : jobs) {
            String status = new Cli(dir).run("status", job.get("jobId").asText()).out();
            assertThat(status).contains(job.get("embeddedCount").asLong() == 0 ? "embed with no embeddings\n" : "embed with openai stub at ");
        }
    }

    @Test
    void budgetsWithoutANamedProviderBoundTheRecordedProvidersOfResumeButAreRefusedByImport() {
        Cli.Result resume = new Cli(dir).run("resume", "--embedding-tpm", "1000", "--embedding-rpm", "60");
        Cli.Result local = new Cli(dir).run("resume", "--embeddings", "local", "--embedding-tpm", "1000");
        Cli.Result zero = new Cli(dir).run("resume", "--embedding-tpm", "0");

        assertThat(resume.status()).as(resume.toString()).isZero();
        assertThat(resume.out()).contains("Nothing to resume");
        assertThat(local.status()).isEqualTo(2);
        assertThat(local.err().strip()).startsWith("qa-import: --embedding-tpm and --embedding-rpm do not apply to --embeddings local");
        assertThat(zero.status()).isEqualTo(2);
        assertThat(zero.err().strip()).isEqualTo("qa-import: --embedding-tpm must be at least 1, not 0");
    }

    /** What the program itself wrote to standard error, without the library's log lines. */
    private static List<String> ownLines(String err) {
        return err.lines().filter(l -> l.startsWith("qa-import:")).collect(Collectors.toList());
    }
}
