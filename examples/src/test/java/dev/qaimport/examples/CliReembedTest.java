package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qaimport.QaImport;
import dev.qaimport.embed.http.HttpEmbeddingService;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import dev.qaimport.examples.cli.Sleeper;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qa-import reembed}: every pair, or one job's, moves to another model through a local
 * OpenAI-compatible stub; a provider problem, a dead process's lease and another unfinished
 * re-embedding are handled in one line each, and {@code --list} and {@code --cancel} manage them.
 */
class CliReembedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-reembed-7c6b5a4f3e2d1c0b9a8f";
    private static final String WRONG_KEY = "sk-wrong-1a2b3c4d5e6f7a8b9c0d";

    @TempDir
    Path dir;
    private TestDatabase db;
    private StubEmbeddingServer provider;
    private Cli cli;
    private final List<Cli.Result> results = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = TestDatabases.h2Memory();
        provider = StubEmbeddingServer.builder().requireApiKey(KEY).start();
        cli = new Cli(dir).env("OPENAI_API_KEY", KEY);
    }

    /** No command printed a key, the right one or a wrong one. */
    @AfterEach
    void tearDown() {
        try {
            assertThat(results).allSatisfy(r -> assertThat(r.out() + r.err()).doesNotContain(KEY).doesNotContain(WRONG_KEY));
        } finally {
            provider.close();
            db.close();
        }
    }

    private Cli.Result run(Cli on, String... args) {
        Cli.Result r = on.run(Stream.concat(Stream.of(args), Stream.of("--db", db.jdbcUrl())).toArray(String[]::new));
        results.add(r);
        return r;
    }

    /** {@code args} followed by the options that name model {@code model} at the stub. */
    private String[] with(String model, String... args) {
        return Stream.concat(Stream.of(args), Stream.of("--embeddings", "openai", "--embedding-url", provider.baseUrl(), "--embedding-model",
                model)).toArray(String[]::new);
    }

    private UUID importWithAlpha(String sample, String... more) throws Exception {
        Cli.Result r = run(cli, Stream.concat(Stream.of(with("alpha", "import", Cli.sample(sample).toString(), "--json", "--quiet")),
                Stream.of(more)).toArray(String[]::new));
        assertThat(r.status()).as(r.toString()).isZero();
        return UUID.fromString(JSON.readTree(r.out()).get("jobId").asText());
    }

    /** The models of the pairs' current vectors, by pair, as the database joins them. */
    private List<String> models(String where) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT v.model FROM qa_pairs p LEFT JOIN qa_vectors v ON v.embedding_key = "
                + "p.embedding_key " + where).mapTo(String.class).list());
    }

    /** A sleeper that, instead of waiting, lets every lease and wait of a re-embedding end, and records what it was asked. */
    private Sleeper expiringLeases(List<Long> asked) {
        return (millis, wakeUp) -> {
            asked.add(millis);
            db.jdbi().useHandle(h -> h.createUpdate("UPDATE qa_reembeddings SET lease_expires_at = :past")
                    .bind("past", Instant.now().minusSeconds(1)).execute());
        };
    }

    @Test
    void movesEveryPairToTheNewModelAndPrintsItAsJson() throws Exception {
        importWithAlpha("faq-sample.csv");
        assertThat(models("")).hasSize(190).containsOnly("alpha");

        Cli.Result r = run(cli, with("beta", "reembed", "--json"));

        assertThat(r.status()).as(r.toString()).isZero();
        JsonNode j = JSON.readTree(r.out());
        String id = j.get("id").asText();
        assertThat(j.get("jobId").isNull()).isTrue();
        assertThat(j.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(j.get("profile").get("provider").asText()).isEqualTo("openai");
        assertThat(j.get("profile").get("model").asText()).isEqualTo("beta");
        assertThat(j.get("profile").get("dimensions").isNull()).isTrue();
        assertThat(j.get("profile").get("baseUrl").asText()).isEqualTo(provider.baseUrl());
        assertThat(List.of(j.get("totalPairs").asLong(), j.get("embedded").asLong(), j.get("reused").asLong(), j.get("failed").asLong()))
                .containsExactly(190L, 190L, 0L, 0L);
        assertThat(j.get("attempt").asInt()).isEqualTo(1);
        assertThat(j.get("message").isNull() && j.get("leaseOwner").isNull()).isTrue();
        assertThat(Instant.parse(j.get("completedAt").asText())).isAfterOrEqualTo(Instant.parse(j.get("createdAt").asText()));
        assertThat(j.get("updatedAt").isTextual()).isTrue();
        assertThat(r.err()).contains("qa-import: started re-embedding " + id + " of every pair to openai beta at " + provider.baseUrl()
                + " (0 of 190 pairs done)", "Re-embedding to beta  100%  190/190 pairs");
        assertThat(models("")).hasSize(190).containsOnly("beta");

        Cli.Result list = run(cli, "reembed", "--list");
        assertThat(list.status()).as(list.toString()).isZero();
        assertThat(list.out().lines()).hasSize(2).last().asString().startsWith(id + "  COMPLETED").contains("190", "every pair",
                "openai beta at " + provider.baseUrl());
        JsonNode listed = JSON.readTree(run(cli, "reembed", "--list", "--json").out());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(id);

        // Search now needs the new model, and says so to a process of the old one.
        Cli.Result old = run(cli, with("alpha", "search", "how do I reset my password"));
        assertThat(old.status()).isEqualTo(1);
        assertThat(old.err()).contains("re-embedded with openai beta");
        assertThat(run(cli, with("beta", "search", "how do I reset my password")).status()).isZero();
    }

    @Test
    void movesOneJobsPairsAndPrintsTheSummary() throws Exception {
        UUID first = importWithAlpha("faq-sample.jsonl");
        UUID second = importWithAlpha("faq-sample.jsonl", "--duplicates", "create");

        Cli.Result r = run(cli, with("beta", "reembed", "--job", first.toString(), "--quiet"));

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.err()).as("--quiet").isEmpty();
        assertThat(r.out()).contains("scope      job " + first + "\n", "model      openai beta at " + provider.baseUrl() + "\n",
                "status     COMPLETED\n", "pairs      14 of 14 done: 14 embedded (0 from the cache), 0 rejected\n",
                "attempts   1\n", "finished   ");
        assertThat(models("WHERE p.import_job_id = '" + first + "'")).hasSize(14).containsOnly("beta");
        assertThat(models("WHERE p.import_job_id = '" + second + "'")).hasSize(14).containsOnly("alpha");
    }

    @Test
    void aProviderProblemStopsItAndTheSameCommandGoesOnOnceItMay() throws Exception {
        importWithAlpha("faq-sample.csv");

        Cli.Result refused = run(new Cli(dir).env("OPENAI_API_KEY", WRONG_KEY), with("beta", "reembed", "--quiet"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(1);
        String id = refused.out().lines().findFirst().orElseThrow().substring("id         ".length());
        assertThat(ownLines(refused.err())).singleElement().asString()
                .startsWith("qa-import: re-embedding " + id + " stopped with 0 of 190 pairs done: ").contains("HTTP 401")
                .doesNotContain("it goes on in").matches(".*; run the same command again to go on where it stopped \\(it waits until \\S+\\)");
        assertThat(models("")).containsOnly("alpha");

        List<Long> asked = new CopyOnWriteArrayList<>();
        Cli.Result again = run(new Cli(dir).env("OPENAI_API_KEY", KEY).sleeper(expiringLeases(asked)), with("beta", "reembed", "--json"));

        assertThat(again.status()).as(again.toString()).isZero();
        assertThat(ownLines(again.err())).filteredOn(l -> l.contains("waiting for it")).singleElement().asString()
                .startsWith("qa-import: re-embedding " + id + " stopped on a problem (").contains("HTTP 401", "check the API key)) and may go on from ");
        assertThat(again.err()).contains("qa-import: going on with re-embedding " + id);
        assertThat(asked).isNotEmpty().allSatisfy(ms -> assertThat(ms).isBetween(1L, 1000L));
        JsonNode j = JSON.readTree(again.out());
        assertThat(j.get("id").asText()).isEqualTo(id);
        assertThat(j.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(j.get("attempt").asInt()).isEqualTo(2);
        assertThat(j.get("embedded").asLong()).isEqualTo(190);
        assertThat(models("")).hasSize(190).containsOnly("beta");
    }

    @Test
    void waitsForTheLeaseOfAProcessThatDiedAndFinishesTheReembedding() throws Exception {
        importWithAlpha("faq-sample.csv");
        UUID id;
        try (QaImport dead = QaImport.builder().store(JdbcImportStore.create(db.dataSource())).autoStart(false)
                .recoveryInterval(Duration.ZERO).build()) {
            id = dead.reembed(HttpEmbeddingService.openAi().baseUrl(provider.baseUrl()).model("beta").apiKey(KEY).build(), null);
        }
        Instant now = Instant.now();
        assertThat(JdbcImportStore.create(db.dataSource()).reembeddings().claim(id, "4242@gone-host", 190, now, now.plusSeconds(3600)))
                .hasValue(1);

        List<Long> asked = new CopyOnWriteArrayList<>();
        Cli.Result r = run(new Cli(dir).env("OPENAI_API_KEY", KEY).sleeper(expiringLeases(asked)), with("beta", "reembed", "--json"));

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(ownLines(r.err())).filteredOn(l -> l.contains("waiting for it")).singleElement().asString()
                .matches("qa-import: re-embedding " + id + " is held by 4242@gone-host until \\S+; waiting for it");
        assertThat(asked).hasSize(1);
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(j.get("attempt").asInt()).isEqualTo(2);
        assertThat(models("")).hasSize(190).containsOnly("beta");
    }

    @Test
    void anotherUnfinishedReembeddingIsNamedAndCanBeCancelled() throws Exception {
        importWithAlpha("faq-sample.jsonl");
        UUID id;
        try (QaImport qa = QaImport.builder().store(JdbcImportStore.create(db.dataSource())).autoStart(false)
                .recoveryInterval(Duration.ZERO).build()) {
            id = qa.reembed(HttpEmbeddingService.openAi().baseUrl(provider.baseUrl()).model("beta").apiKey(KEY).build(), null);
        }

        Cli.Result other = run(cli, with("gamma", "reembed"));
        assertThat(other.status()).isEqualTo(2);
        assertThat(other.err().strip()).isEqualTo("qa-import: re-embedding " + id + " of every pair to openai beta at " + provider.baseUrl()
                + " is unfinished (PENDING, 0 of 14 pairs done), and only one runs at a time: finish it with the command that started "
                + "it, or cancel it with 'qa-import reembed --cancel " + id + "'");

        Cli.Result cancelled = run(cli, "reembed", "--cancel", id.toString());
        assertThat(cancelled.status()).as(cancelled.toString()).isZero();
        assertThat(cancelled.out().strip()).isEqualTo("Cancelled re-embedding " + id + " of every pair to openai beta at " + provider.baseUrl()
                + "; the pairs keep their vectors");
        Cli.Result again = run(cli, "reembed", "--cancel", id.toString());
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err().strip()).isEqualTo("qa-import: re-embedding " + id + " is already CANCELLED; nothing to cancel");
        assertThat(JSON.readTree(run(cli, "reembed", "--list", "--json").out()).get(0).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(models("")).hasSize(14).containsOnly("alpha");

        Cli.Result unknown = run(cli, "reembed", "--cancel", UUID.randomUUID().toString());
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("qa-import: no re-embedding with id ");
        assertThat(run(cli, "reembed", "--cancel", "nope").err().strip())
                .isEqualTo("qa-import: 'nope' is not a re-embedding id (a UUID such as 3f2c9a4e-8d7b-4c1e-9f0a-2b6d5e8c7a10)");
    }

    @Test
    void aRunNeedsANamedProviderAndListOrCancelTakeNoneOfItsOptions() {
        assertUsage(run(cli, "reembed"), "qa-import: reembed needs the provider to move the pairs to: --embeddings local, openai, azure "
                + "or ollama (with --embedding-model and --embedding-url as needed)");
        assertUsage(run(cli, "reembed", "--embedding-model", "beta"), "qa-import: reembed needs the provider to move the pairs to: ");
        assertUsage(run(cli, "reembed", "--embeddings", "none"), "qa-import: --embeddings none cannot be moved to: name the provider of the "
                + "new model (local, openai, azure or ollama)");
        assertUsage(run(new Cli(dir), with("beta", "reembed")), "qa-import: --embeddings openai needs the API key in the environment "
                + "variable OPENAI_API_KEY");
        assertUsage(run(cli, with("beta", "reembed", "--job", UUID.randomUUID().toString())), "qa-import: no import job with id ");
        assertUsage(run(cli, with("beta", "reembed", "--lease-seconds", "0")), "qa-import: --lease-seconds must be at least 1, not 0");
        assertUsage(run(cli, "reembed", "--list", "--cancel", UUID.randomUUID().toString()), "qa-import: --list and --cancel exclude each other");
        assertUsage(run(cli, with("beta", "reembed", "--list")), "qa-import: --list takes no --embeddings, --embedding-*, --job, "
                + "--lease-seconds or --quiet: those run a re-embedding (qa-import reembed --embeddings PROVIDER)");
        assertUsage(run(cli, "reembed", "--cancel", UUID.randomUUID().toString(), "--job", UUID.randomUUID().toString()),
                "qa-import: --cancel takes no --embeddings");
        assertUsage(run(cli, "reembed", "--cancel", UUID.randomUUID().toString(), "--json"),
                "qa-import: --json goes with a run or --list, not with --cancel");
        Cli.Result empty = run(cli, "reembed", "--list");
        assertThat(empty.status()).isZero();
        assertThat(empty.out()).isEqualTo("No re-embeddings yet. Start one with: qa-import reembed --embeddings PROVIDER\n");
        assertThat(provider.requestCount()).isZero();
    }

    private static void assertUsage(Cli.Result r, String line) {
        assertThat(r.status()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().strip()).as(r.toString()).doesNotContain("\n").startsWith(line);
        assertThat(r.out()).isEmpty();
    }

    /** What the program itself wrote to standard error, without progress and the library's log lines. */
    private static List<String> ownLines(String err) {
        return err.lines().filter(l -> l.startsWith("qa-import:")).collect(Collectors.toList());
    }
}
