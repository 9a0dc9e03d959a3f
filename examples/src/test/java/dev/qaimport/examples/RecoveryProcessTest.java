package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.ImportOptions;
import dev.qaimport.QaImport;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery, graceful shutdown, cancellation and scale-out workers with real processes on
 * real databases: the program runs as child JVMs that are killed with SIGKILL, stopped
 * with SIGTERM or cancelled from another process, and the database is then checked row by row.
 * Leases are 5 s instead of 60 so that a resume waits briefly for a dead process's lease.
 */
@EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "needs POSIX signals: Process.destroy() must send SIGTERM, "
        + "destroyForcibly() SIGKILL")
class RecoveryProcessTest {
    private static final int ROWS = 50_000;
    /** Long enough that the lease of a killed process is still live when the resume process has started. */
    private static final int LEASE_SECONDS = 5;
    /**
     * Opening an H2 file that a killed process left behind takes seconds longer than opening it
     * after a clean close (measured: 5.6 s instead of 1.9 s for the whole command), and the file
     * may have lost the last renewals, so the H2 test needs a longer lease to see a live one.
     */
    private static final int H2_LEASE_SECONDS = 10;
    /**
     * The cancel test races a second JVM's start-up (measured: 3.9 s, the import meanwhile went from
     * row 5,000 to 26,000 of 50,000) against the import, which no latch can order across processes:
     * a file four times longer keeps the import running well past any start-up, and costs nothing
     * when the cancel lands, because the import then stops.
     */
    private static final int CANCEL_ROWS = 200_000;
    private static final Pattern WAITING = Pattern.compile(
            "job ([0-9a-f-]{36}) \\(big\\.csv\\) is held by worker (\\S+), last committed row ([0-9,]+); waiting (\\d+) s for its lease to expire");
    private static final Pattern FINISHED = Pattern.compile("worker (\\S+) finished job ([0-9a-f-]{36}) \\((\\w+)\\)");

    @TempDir
    Path dir;

    private final List<ChildProcess.Running> children = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    /** No child survives a test, whatever happened in it. */
    @AfterEach
    void killEverything() throws Exception {
        for (ChildProcess.Running child : children) {
            child.close();
        }
        for (AutoCloseable r : resources) {
            r.close();
        }
    }

    private ChildProcess.Running start(Map<String, String> env, String... args) throws Exception {
        ChildProcess.Running child = ChildProcess.start(dir, env, args);
        children.add(child);
        return child;
    }

    // ---------------------------------------------------------------- kill -9, then resume

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void resumesAnImportKilledWithSigkillOnAnH2FileDatabase() throws Exception {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + ";AUTO_SERVER=TRUE";

        Killed killed = killMidImport(url, Map.of(), "200", H2_LEASE_SECONDS);

        // Nobody may open the file between the kill and the resume: the resume process must take over the dead one's lock.
        Resumed resumed = resume(url, Map.of(), "200", killed);
        try (TestDatabase h2 = TestDatabases.h2File(dir, "db")) {
            assertCompletedExactlyOnce(h2.dataSource(), killed.jobId, killed.csv, 2);
        }
        report("H2 kill -9", killed, resumed);
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void resumesAnImportKilledWithSigkillOnPostgresql() throws Exception {
        TestDatabase pg = TestDatabases.postgres();
        resources.add(pg);
        Map<String, String> env = Map.of("QA_IMPORT_DB_USER", pg.user(), "QA_IMPORT_DB_PASSWORD", pg.password());

        // Batches of 500 keep the 50,000 rows to a few seconds whatever the disk (the job's last commit waits for the WAL flush).
        Killed killed = killMidImport(pg.jdbcUrl(), env, "500", LEASE_SECONDS);

        ImportJob dead = JdbcImportStore.create(pg.dataSource()).jobs().find(killed.jobId).orElseThrow();
        assertThat(dead.status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(dead.leaseOwner()).isNotNull();
        assertThat(dead.leaseExpiresAt()).isAfter(Instant.now());
        // A commit PostgreSQL acknowledged survives the crash of its client.
        assertThat(dead.processedRows()).isGreaterThanOrEqualTo(killed.lastSeenRows);

        Resumed resumed = resume(pg.jdbcUrl(), env, "500", killed);
        assertThat(resumed.checkpoint).isEqualTo(dead.processedRows());
        assertCompletedExactlyOnce(pg.dataSource(), killed.jobId, killed.csv, 2);
        report("PostgreSQL kill -9", killed, resumed);
    }

    /** What the test saw of an import it killed. */
    private static final class Killed {
        BigCsv csv;
        UUID jobId;
        long lastSeenRows;
        long startMillis;
        long killedAtNanos;
        int leaseSeconds;
    }

    /** What a resume process did. */
    private static final class Resumed {
        long checkpoint;
        long waitedSeconds;
        long millis;
        long sawLeaseMillis;
    }

    private Killed killMidImport(String url, Map<String, String> env, String batchSize, int leaseSeconds) throws Exception {
        Killed k = new Killed();
        k.leaseSeconds = leaseSeconds;
        k.csv = BigCsv.write(dir.resolve("big.csv"), ROWS, "k");
        long t0 = System.nanoTime();
        ChildProcess.Running importer = start(env, "import", "big.csv", "--embeddings", "none", "--db", url, "--batch-size", batchSize,
                "--lease-seconds", String.valueOf(leaseSeconds));
        // The first progress line follows the first commit: the child has the database open (on H2 it is now the AUTO_SERVER).
        importer.awaitErr(err -> err.contains("Importing big.csv"), Duration.ofSeconds(60), "its first progress line");
        ImportJob mid;
        try (JdbcImportStore store = JdbcImportStore.fromUrl(url, user(url, env), env.getOrDefault("QA_IMPORT_DB_PASSWORD", ""))) {
            mid = awaitProcessed(store, importer, 10_000);
        }
        // The test's connections are closed before the kill so that the test JVM never serves an H2 database.
        importer.process.destroyForcibly();
        k.killedAtNanos = System.nanoTime();
        assertThat(importer.process.waitFor(10, TimeUnit.SECONDS)).as("the killed import exits").isTrue();
        assertThat(importer.process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        assertThat(ProcessHandle.of(importer.process.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(importer.out()).as("it never got to report").isEmpty();
        assertThat(mid.status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(mid.processedRows()).isBetween(10_000L, ROWS - 10_000L);
        k.jobId = mid.id();
        k.lastSeenRows = mid.processedRows();
        k.startMillis = (System.nanoTime() - t0) / 1_000_000;
        return k;
    }

    private Resumed resume(String url, Map<String, String> env, String batchSize, Killed killed) throws Exception {
        long t0 = System.nanoTime();
        ChildProcess.Running resume = start(env, "resume", "--db", url, "--embeddings", "none", "--batch-size", batchSize);
        resume.awaitErr(err -> err.contains("for its lease to expire") || err.contains("Importing"), Duration.ofSeconds(60),
                "whether it waits for the lease");
        Resumed resumed = new Resumed();
        resumed.sawLeaseMillis = (System.nanoTime() - killed.killedAtNanos) / 1_000_000;
        Cli.Result r = resume.await(Duration.ofSeconds(120));
        resumed.millis = (System.nanoTime() - t0) / 1_000_000;

        assertThat(r.status()).as(r.toString()).isZero();
        Matcher waiting = WAITING.matcher(r.err());
        assertThat(waiting.find()).as("resume says it waits for the dead worker's lease, and how long\n" + r).isTrue();
        assertThat(waiting.group(1)).isEqualTo(killed.jobId.toString());
        resumed.checkpoint = Long.parseLong(waiting.group(3).replace(",", ""));
        resumed.waitedSeconds = Long.parseLong(waiting.group(4));
        assertThat(resumed.waitedSeconds).isBetween(1L, (long) killed.leaseSeconds);
        assertThat(resumed.checkpoint).isBetween(1L, ROWS - 1L);
        assertThat(r.out()).contains("COMPLETED big.csv: 50,000 rows, " + fmt(killed.csv.validCount()) + " stored, 0 skipped, "
                + fmt(killed.csv.invalidCount()) + " rejected");
        return resumed;
    }

    // ---------------------------------------------------------------- H2: the process serving the file dies

    /**
     * With {@code AUTO_SERVER} the first process to open an H2 file serves it to the others. When
     * it dies, the others reconnect and open the file themselves — but H2 writes commits to disk
     * up to a second late, so the file may have lost batches the surviving importer saw
     * committed. The importer must then stop (the checkpoint fence) instead of going on with a
     * gap; either way a resume ends with every row exactly once.
     */
    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void anImportThroughAnotherProcessesH2ServerSurvivesThatProcessesDeathWithoutAGap() throws Exception {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + ";AUTO_SERVER=TRUE";
        BigCsv csv = BigCsv.write(dir.resolve("big.csv"), 25_000, "s");
        // A worker that polls once at start-up, finds nothing, and then only serves the file.
        ChildProcess.Running server = start(Map.of(), "worker", "--db", url, "--embeddings", "none", "--poll", "600000");
        server.awaitErr(err -> err.contains(" started ("), Duration.ofSeconds(60), "that it started");
        ChildProcess.Running importer = start(Map.of(), "import", "big.csv", "--embeddings", "none", "--db", url, "--batch-size", "200",
                "--lease-seconds", String.valueOf(LEASE_SECONDS));
        importer.awaitErr(err -> err.contains("Importing big.csv"), Duration.ofSeconds(60), "its first progress line");
        ImportJob mid;
        try (JdbcImportStore store = JdbcImportStore.fromUrl(url, "sa", "")) {
            mid = awaitProcessed(store, importer, 5_000);
        }

        server.process.destroyForcibly();
        assertThat(server.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Cli.Result imported = importer.await(Duration.ofSeconds(90));
        Cli.Result resumed = ChildProcess.run(dir, Map.of(), "resume", "--db", url, "--embeddings", "none", "--batch-size", "200");

        assertThat(imported.err()).doesNotContain("unexpected error");
        Matcher lost = Pattern.compile("the database's checkpoint is row (\\d+) but this worker had committed up to row (\\d+)")
                .matcher(imported.err());
        boolean stoppedOnLostCommits = lost.find();
        if (stoppedOnLostCommits) {
            // The file lost commits: the importer stopped and handed the job back.
            assertThat(imported.status()).as(imported.toString()).isEqualTo(1);
            assertThat(imported.out()).contains("Stopped importing big.csv");
            assertThat(resumed.out()).as(resumed.toString()).contains("COMPLETED big.csv: 25,000 rows");
        } else {
            assertThat(imported.status()).as(imported.toString()).isIn(0, 1);
        }
        assertThat(resumed.status()).as(resumed.toString()).isZero();
        try (TestDatabase h2 = TestDatabases.h2File(dir, "db")) {
            ImportJob job = JdbcImportStore.create(h2.dataSource()).jobs().find(mid.id()).orElseThrow();
            assertCompletedExactlyOnce(h2.dataSource(), mid.id(), csv, stoppedOnLostCommits ? 2 : job.attempt());
        }
        System.out.printf("[measured] H2 server killed at row %,d or later: %s; importer exit %d%n", mid.processedRows(),
                stoppedOnLostCommits ? "the file had lost rows " + lost.group(1) + "-" + lost.group(2) + " and the importer stopped"
                        : "the importer went on (nothing was lost)", imported.status());
    }

    // ---------------------------------------------------------------- two workers, six queued jobs

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void twoWorkerProcessesShareSixQueuedImportsOnPostgresql() throws Exception {
        TestDatabase pg = TestDatabases.postgres();
        resources.add(pg);
        Map<String, String> env = Map.of("QA_IMPORT_DB_USER", pg.user(), "QA_IMPORT_DB_PASSWORD", pg.password());
        String[] worker = {"worker", "--db", pg.jdbcUrl(), "--embeddings", "none", "--jobs", "2", "--poll", "100",
            "--lease-seconds", String.valueOf(LEASE_SECONDS), "--batch-size", "200"};
        ChildProcess.Running a = start(env, worker);
        ChildProcess.Running b = start(env, worker);
        a.awaitErr(err -> err.contains(" started ("), Duration.ofSeconds(60), "that it started");
        b.awaitErr(err -> err.contains(" started ("), Duration.ofSeconds(60), "that it started");

        Map<UUID, BigCsv> jobs = new HashMap<>();
        long t0 = System.nanoTime();
        try (QaImport producer = QaImport.builder().store(JdbcImportStore.create(pg.dataSource())).autoStart(false)
                .recoveryInterval(Duration.ZERO).build()) {
            for (int i = 1; i <= 6; i++) {
                BigCsv csv = BigCsv.write(dir.resolve("queued-" + i + ".csv"), 5_000, "job" + i);
                jobs.put(producer.startImport(csv.file(), ImportOptions.defaults()), csv);
            }
            for (UUID id : jobs.keySet()) {
                ImportJob job = producer.awaitJob(id, Duration.ofSeconds(90));
                assertThat(job.status()).as("job %s\n%s\n%s", id, a, b).isEqualTo(JobStatus.COMPLETED);
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;

        a.process.destroy();
        b.process.destroy();
        long stopStart = System.nanoTime();
        assertThat(a.process.waitFor(30, TimeUnit.SECONDS)).as("worker A stops on SIGTERM").isTrue();
        assertThat(b.process.waitFor(30, TimeUnit.SECONDS)).as("worker B stops on SIGTERM").isTrue();
        long stopMillis = (System.nanoTime() - stopStart) / 1_000_000;
        for (ChildProcess.Running w : List.of(a, b)) {
            assertThat(w.process.exitValue()).as("terminated by SIGTERM\n%s", w).isEqualTo(128 + 15);
            assertThat(w.err()).contains("qa-import: stopping the worker").containsPattern("qa-import: worker \\S+ stopped");
        }

        Map<String, String> finishedBy = new HashMap<>();
        Map<String, Integer> perWorker = new HashMap<>();
        for (ChildProcess.Running w : List.of(a, b)) {
            Matcher m = FINISHED.matcher(w.err());
            while (m.find()) {
                assertThat(m.group(3)).isEqualTo("COMPLETED");
                String before = finishedBy.put(m.group(2), m.group(1));
                assertThat(before).as("job %s finished by two workers", m.group(2)).isNull();
                perWorker.merge(m.group(1), 1, Integer::sum);
            }
        }
        assertThat(finishedBy.keySet()).containsExactlyInAnyOrderElementsOf(jobs.keySet().stream().map(UUID::toString).toList());
        assertThat(perWorker).as("both workers did some of the work\n%s\n%s", a, b).hasSize(2);
        for (Map.Entry<UUID, BigCsv> e : jobs.entrySet()) {
            assertCompletedExactlyOnce(pg.dataSource(), e.getKey(), e.getValue(), 1);
        }
        assertThat(count(pg.dataSource(), "SELECT COUNT(*) FROM import_jobs WHERE status <> 'COMPLETED' OR lease_owner IS NOT NULL"))
                .as("no job stuck").isZero();
        System.out.printf("[measured] two workers: 6 x 5,000 rows in %d ms (jobs per worker %s); both stopped %d ms after SIGTERM%n",
                millis, perWorker.values(), stopMillis);
    }

    // ---------------------------------------------------------------- SIGTERM, then resume

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aGracefullyStoppedImportIsReleasedAndResumedWithoutWaiting() throws Exception {
        BigCsv csv = BigCsv.write(dir.resolve("big.csv"), 25_000, "g");
        ChildProcess.Running importer = start(Map.of(), "import", "big.csv", "--embeddings", "none", "--batch-size", "200");
        importer.awaitErr(err -> err.contains("Importing big.csv"), Duration.ofSeconds(60), "its first progress line");
        ImportJob mid;
        try (JdbcImportStore store = JdbcImportStore.fromUrl(defaultH2Url(), "sa", "")) {
            mid = awaitProcessed(store, importer, 10_000);
        }

        importer.process.destroy();
        long t0 = System.nanoTime();
        assertThat(importer.process.waitFor(30, TimeUnit.SECONDS)).as("the import stops on SIGTERM\n%s", importer).isTrue();
        long stopMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(importer.process.exitValue()).as("terminated by SIGTERM").isEqualTo(128 + 15);
        String err = importer.err();
        assertThat(err).contains("qa-import: interrupted; stopping job " + mid.id() + " after its current batch");
        Matcher stopped = Pattern.compile("qa-import: job " + mid.id() + " stopped after row ([0-9,]+) and is PENDING; "
                + "its committed rows are kept; run 'qa-import resume' to finish it").matcher(err);
        assertThat(stopped.find()).as(err).isTrue();
        long releasedAt = Long.parseLong(stopped.group(1).replace(",", ""));
        assertThat(releasedAt).isBetween(mid.processedRows(), csv.rows() - 1L);

        ImportJob released;
        try (JdbcImportStore store = JdbcImportStore.fromUrl(defaultH2Url(), "sa", "")) {
            released = store.jobs().find(mid.id()).orElseThrow();
        }
        assertThat(released.status()).isEqualTo(JobStatus.PENDING);
        assertThat(released.leaseOwner()).isNull();
        assertThat(released.processedRows()).isEqualTo(releasedAt);

        long r0 = System.nanoTime();
        Cli.Result resumed = ChildProcess.run(dir, Map.of(), "resume", "--embeddings", "none", "--batch-size", "200");
        long resumeMillis = (System.nanoTime() - r0) / 1_000_000;
        assertThat(resumed.status()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).as("a released job needs no waiting").doesNotContain("waiting");
        assertThat(resumed.out()).contains("COMPLETED big.csv: 25,000 rows");
        try (TestDatabase h2 = TestDatabases.h2File(dir.resolve(DEFAULT_DIR), "qa-import")) {
            assertCompletedExactlyOnce(h2.dataSource(), mid.id(), csv, 2);
        }
        System.out.printf("[measured] SIGTERM at row %,d: released at row %,d, exited %d ms after the signal; resume took %d ms%n",
                mid.processedRows(), releasedAt, stopMillis, resumeMillis);
    }

    // ---------------------------------------------------------------- cancel from another process

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void cancellingFromAnotherProcessStopsTheImportAndKeepsItsCommittedRows() throws Exception {
        BigCsv csv = BigCsv.write(dir.resolve("big.csv"), CANCEL_ROWS, "c");
        ChildProcess.Running importer = start(Map.of(), "import", "big.csv", "--embeddings", "none");
        importer.awaitErr(err -> err.contains("Importing big.csv"), Duration.ofSeconds(60), "its first progress line");
        ImportJob mid;
        try (JdbcImportStore store = JdbcImportStore.fromUrl(defaultH2Url(), "sa", "")) {
            mid = awaitProcessed(store, importer, 5_000);
        }

        // The second process reaches the database through the importer's AUTO_SERVER.
        long t0 = System.nanoTime();
        Cli.Result cancel = ChildProcess.run(dir, Map.of(), "cancel", mid.id().toString());
        long cancelMillis = (System.nanoTime() - t0) / 1_000_000;
        Cli.Result imported = importer.await(Duration.ofSeconds(60));
        long exitMillis = (System.nanoTime() - t0) / 1_000_000;

        assertThat(cancel.status()).as(cancel.toString()).isZero();
        assertThat(cancel.out()).contains("Cancel requested: job " + mid.id() + " stops after its current batch (committed rows stay)");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(1);
        assertThat(imported.out()).contains("Cancelled big.csv", "(job " + mid.id() + ")");
        try (TestDatabase h2 = TestDatabases.h2File(dir.resolve(DEFAULT_DIR), "qa-import")) {
            ImportJob job = JdbcImportStore.create(h2.dataSource()).jobs().find(mid.id()).orElseThrow();
            assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(job.processedRows()).isBetween(mid.processedRows(), CANCEL_ROWS - 1L);
            assertThat(job.successCount() + job.errorCount()).isEqualTo(job.processedRows());
            assertThat(imported.out()).contains(fmt(job.processedRows()) + " rows: " + fmt(job.successCount()) + " stored");
            // Exactly the rows up to the checkpoint, each once: the committed rows stay and match the counts.
            assertRowsExactlyOnce(h2.dataSource(), mid.id(), csv.validUpTo(job.processedRows()), csv.invalidUpTo(job.processedRows()));
            System.out.printf("[measured] cancel started at row %,d: the cancel process took %d ms, the import exited %d ms after "
                    + "it started, at row %,d%n", mid.processedRows(), cancelMillis, exitMillis, job.processedRows());
        }
    }

    // ---------------------------------------------------------------- helpers

    private static final String DEFAULT_DIR = dev.qaimport.examples.cli.DatabaseOptions.DEFAULT_DIR;

    /** The CLI's default database in the test's directory, as the child processes open it. */
    private String defaultH2Url() {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve(DEFAULT_DIR).resolve("qa-import") + ";AUTO_SERVER=TRUE";
    }

    private static String user(String url, Map<String, String> env) {
        return env.getOrDefault("QA_IMPORT_DB_USER", url.startsWith("jdbc:h2:") ? "sa" : "postgres");
    }

    /** Polls the only job until it has processed {@code rows} rows; fails if the child exits first. */
    private static ImportJob awaitProcessed(JdbcImportStore store, ChildProcess.Running child, long rows) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<ImportJob> jobs = store.jobs().recent("default", 1);
            if (!jobs.isEmpty() && jobs.get(0).processedRows() >= rows) {
                return jobs.get(0);
            }
            if (!child.process.isAlive()) {
                throw new AssertionError("the import exited before row " + rows + "\n" + child);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the import did not reach row " + rows + " in 60 s\n" + child);
            }
            Thread.sleep(25);
        }
    }

    /** The job completed with exact counts, every valid row stored once and every invalid row reported once. */
    private static void assertCompletedExactlyOnce(DataSource ds, UUID jobId, BigCsv csv, int attempt) throws SQLException {
        ImportJob job = JdbcImportStore.create(ds).jobs().find(jobId).orElseThrow();
        assertThat(job.status()).as(String.valueOf(job.errorMessage())).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.totalRows()).isEqualTo(csv.rows());
        assertThat(job.processedRows()).isEqualTo(csv.rows());
        assertThat(job.successCount()).isEqualTo(csv.validCount());
        assertThat(job.errorCount()).isEqualTo(csv.invalidCount());
        assertThat(job.skippedCount()).isZero();
        assertThat(job.attempt()).isEqualTo(attempt);
        assertThat(job.leaseOwner()).isNull();
        assertRowsExactlyOnce(ds, jobId, csv.validUpTo(csv.rows()), csv.invalidUpTo(csv.rows()));
    }

    private static void assertRowsExactlyOnce(DataSource ds, UUID jobId, BitSet valid, BitSet invalid) throws SQLException {
        assertThat(count(ds, "SELECT COUNT(*) FROM qa_pairs WHERE import_job_id = ?", jobId)).as("pairs").isEqualTo(valid.cardinality());
        assertThat(count(ds, "SELECT COUNT(DISTINCT source_row) FROM qa_pairs WHERE import_job_id = ?", jobId)).as("distinct rows of pairs")
                .isEqualTo(valid.cardinality());
        assertThat(count(ds, "SELECT COUNT(*) FROM import_row_errors WHERE job_id = ?", jobId)).as("row errors")
                .isEqualTo(invalid.cardinality());
        assertThat(count(ds, "SELECT COUNT(DISTINCT source_row) FROM import_row_errors WHERE job_id = ?", jobId))
                .as("distinct rows of row errors").isEqualTo(invalid.cardinality());
        assertSameRows(rows(ds, "SELECT source_row FROM qa_pairs WHERE import_job_id = ?", jobId), valid, "stored as pairs");
        assertSameRows(rows(ds, "SELECT source_row FROM import_row_errors WHERE job_id = ?", jobId), invalid, "reported as row errors");
    }

    /** Compares sets of row numbers, naming at most 20 of the differences instead of printing 50,000 numbers. */
    private static void assertSameRows(BitSet actual, BitSet expected, String what) {
        BitSet missing = (BitSet) expected.clone();
        missing.andNot(actual);
        BitSet extra = (BitSet) actual.clone();
        extra.andNot(expected);
        assertThat(missing.stream().limit(20).boxed().toList()).as("rows that should be " + what + " but are not").isEmpty();
        assertThat(extra.stream().limit(20).boxed().toList()).as("rows " + what + " that should not be").isEmpty();
    }

    private static long count(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static BitSet rows(DataSource ds, String sql, UUID jobId) throws SQLException {
        BitSet rows = new BitSet();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.set(Math.toIntExact(rs.getLong(1)));
                }
            }
        }
        return rows;
    }

    private static String fmt(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    private static void report(String what, Killed k, Resumed r) {
        System.out.printf("[measured] %s: killed %d ms after start at row %,d seen committed; resume saw the %d s lease %d ms after "
                + "the kill, with the checkpoint at row %,d, waited %d s for it, and took %d ms in all%n", what, k.startMillis,
                k.lastSeenRows, k.leaseSeconds, r.sawLeaseMillis, r.checkpoint, r.waitedSeconds, r.millis);
    }
}
