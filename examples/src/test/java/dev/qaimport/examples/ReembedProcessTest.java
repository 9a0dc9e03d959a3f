package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qaimport.ImportOptions;
import dev.qaimport.QaImport;
import dev.qaimport.embed.http.testing.RecordedRequest;
import dev.qaimport.embed.http.testing.StubEmbeddingServer;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.SchemaInstaller;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.Reembedding;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qa-import reembed} in real processes on PostgreSQL: killed with SIGKILL or stopped with
 * SIGTERM in the middle, the same command run again in a new process finishes the re-embedding,
 * waiting for a dead process's lease first. The new model is a stub in this JVM that answers each
 * request after a second, so that the run takes several seconds; leases are 5 s, as in
 * {@link RecoveryProcessTest}, so that the second process still finds the killed one's.
 */
@EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "needs POSIX signals: Process.destroy() must send SIGTERM, "
        + "destroyForcibly() SIGKILL")
class ReembedProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-process-0f1e2d3c4b5a69788796";
    private static final int ROWS = 5_000;
    private static final int LEASE_SECONDS = 5;
    private static final Duration LATENCY = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private TestDatabase pg;
    private StubEmbeddingServer provider;
    private Map<String, String> env;
    private long pairs;
    private ChildProcess.Running first;
    private ChildProcess.Running second;

    /** A PostgreSQL schema of its own holding {@value #ROWS} rows embedded with the tiny in-process model, and the slow stub. */
    @BeforeEach
    void importWithTheFirstModel() throws Exception {
        pg = TestDatabases.postgres();
        SchemaInstaller.install(pg.dataSource());
        BigCsv csv = BigCsv.write(dir.resolve("big.csv"), ROWS, "r");
        try (QaImport qa = QaImport.builder().store(JdbcImportStore.create(pg.dataSource())).autoStart(false)
                .recoveryInterval(Duration.ZERO).embeddingService(new TinyEmbeddings()).batchSize(500).build()) {
            ImportJob job = qa.processImport(qa.startImport(csv.file(), ImportOptions.defaults()));
            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.embeddedCount()).isEqualTo(csv.validCount());
        }
        pairs = csv.validCount();
        assertThat(models()).hasSize((int) pairs).containsOnly("tiny-test@4");
        provider = StubEmbeddingServer.builder().requireApiKey(KEY).latency(LATENCY).start();
        env = Map.of("QA_IMPORT_DB_USER", pg.user(), "QA_IMPORT_DB_PASSWORD", pg.password(), "OPENAI_API_KEY", KEY);
    }

    @AfterEach
    void cleanUp() {
        for (ChildProcess.Running child : new ChildProcess.Running[] {first, second}) {
            if (child != null) {
                child.close();
            }
        }
        if (provider != null) {
            provider.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private String[] reembed() {
        return new String[] {"reembed", "--db", pg.jdbcUrl(), "--embeddings", "openai", "--embedding-url", provider.baseUrl(),
            "--embedding-model", "beta", "--lease-seconds", String.valueOf(LEASE_SECONDS), "--json"};
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aReembeddingKilledWithSigkillIsFinishedByTheSameCommandOnceTheDeadLeaseExpires() throws Exception {
        first = ChildProcess.start(dir, env, reembed());
        long stagedSeen = awaitStaged(first);
        first.process.destroyForcibly();
        assertThat(first.process.waitFor(10, TimeUnit.SECONDS)).as("the killed process exits").isTrue();
        assertThat(first.process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        assertThat(first.out()).as("it never got to report").isEmpty();
        int requestsBefore = provider.requestCount();

        Reembedding dead = only();
        long staged = count("SELECT COUNT(*) FROM qa_reembedding_pairs");
        assertThat(dead.status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(dead.leaseOwner()).isNotNull();
        assertThat(dead.leaseUntil()).isAfter(Instant.now());
        assertThat(staged).as("staged rows survive the crash").isBetween(stagedSeen, pairs - 1);
        assertThat(models()).as("the pairs keep their vectors until the switch").containsOnly("tiny-test@4");

        second = ChildProcess.start(dir, env, reembed());
        Cli.Result r = second.await(Duration.ofSeconds(60));

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.err()).containsPattern("qa-import: re-embedding " + dead.id() + " is held by " + dead.leaseOwner()
                + " until \\S+; waiting for it");
        assertFinished(r, dead.id());
        List<RecordedRequest> after = provider.requests().subList(requestsBefore, provider.requestCount());
        assertThat(after.stream().mapToLong(q -> q.inputs().size()).sum()).as("no pair staged before the kill is sent again")
                .isLessThanOrEqualTo(pairs - staged);
        System.out.printf("[measured] reembed kill -9 with %,d of %,d pairs staged; the second process waited for the lease and "
                + "sent %,d inputs%n", staged, pairs, after.stream().mapToLong(q -> q.inputs().size()).sum());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aReembeddingStoppedWithSigtermGivesItsLeaseBackAndTheSameCommandGoesOnAtOnce() throws Exception {
        first = ChildProcess.start(dir, env, reembed());
        awaitStaged(first);
        first.process.destroy();
        Cli.Result stopped = first.await(Duration.ofSeconds(30));

        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(128 + 15);
        Reembedding released = only();
        assertThat(stopped.err()).contains("qa-import: interrupted; stopping after the requests in flight",
                "qa-import: stopped; re-embedding " + released.id() + " keeps its ");
        assertThat(JSON.readTree(stopped.out()).get("status").asText()).isEqualTo("PROCESSING");
        assertThat(released.leaseOwner()).as("given back").isNull();
        assertThat(released.done()).isEqualTo(count("SELECT COUNT(*) FROM qa_reembedding_pairs")).isBetween(1L, pairs - 1);

        second = ChildProcess.start(dir, env, reembed());
        Cli.Result r = second.await(Duration.ofSeconds(60));

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.err()).as("a released re-embedding needs no waiting").doesNotContain("waiting for it");
        assertFinished(r, released.id());
    }

    /** The second process's re-embedding completed in its second attempt and every pair has a vector of the new model. */
    private void assertFinished(Cli.Result r, UUID id) throws Exception {
        assertThat(r.out() + r.err()).doesNotContain(KEY);
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("id").asText()).isEqualTo(id.toString());
        assertThat(j.get("status").asText()).isEqualTo("COMPLETED");
        Reembedding done = only();
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(done.embedded()).isEqualTo(pairs);
        assertThat(done.failed()).isZero();
        assertThat(done.leaseOwner()).isNull();
        assertThat(models()).hasSize((int) pairs).containsOnly("beta");
        assertThat(count("SELECT COUNT(*) FROM qa_reembedding_pairs")).as("staged rows go at the switch").isZero();
        assertThat(count("SELECT COUNT(*) FROM qa_pairs WHERE embedding_status <> 'EMBEDDED'")).isZero();
    }

    /** Polls until the child has staged some pairs; fails if it exits first. */
    private long awaitStaged(ChildProcess.Running child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            long staged = count("SELECT COUNT(*) FROM qa_reembedding_pairs");
            if (staged > 0) {
                assertThat(staged).as("still in the middle\n%s", child).isLessThan(pairs);
                return staged;
            }
            if (!child.process.isAlive()) {
                throw new AssertionError("the re-embedding exited before it staged a pair\n" + child);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the re-embedding staged nothing in 60 s\n" + child);
            }
            Thread.sleep(25);
        }
    }

    private Reembedding only() {
        List<Reembedding> all = JdbcImportStore.create(pg.dataSource()).reembeddings().recent("default", 10);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** The model of each pair's current vector. */
    private List<String> models() {
        return pg.jdbi().withHandle(h -> h.createQuery("SELECT v.model FROM qa_pairs p LEFT JOIN qa_vectors v ON v.embedding_key = "
                + "p.embedding_key").mapTo(String.class).list());
    }

    private long count(String sql) {
        return pg.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
