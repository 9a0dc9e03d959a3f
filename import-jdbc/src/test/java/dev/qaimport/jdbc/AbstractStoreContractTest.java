package dev.qaimport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.ImportException;
import dev.qaimport.model.EmbeddingStatus;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.QAStatus;
import dev.qaimport.model.RowError;
import dev.qaimport.model.SourceType;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.spi.BatchTransaction;
import dev.qaimport.spi.BatchTransaction.Fence;
import dev.qaimport.spi.BatchTransaction.JobAdvance;
import dev.qaimport.spi.EmbeddingRepository.EmbeddedPair;
import dev.qaimport.spi.EmbeddingRepository.FailedPair;
import dev.qaimport.spi.EmbeddingRepository.PendingPair;
import dev.qaimport.spi.EmbeddingRepository.StoredVector;
import dev.qaimport.spi.NewJob;
import dev.qaimport.spi.NewPair;
import dev.qaimport.spi.PairUpdate;
import dev.qaimport.spi.PayloadStore;
import dev.qaimport.spi.StoreException;
import dev.qaimport.spi.StoreException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The storage contract, run once per database by a subclass. The class gets its own database
 * (schema installed once); every test starts from empty tables. The whole class runs with a
 * JVM default time zone that is neither UTC nor a whole-hour offset, to prove that no
 * timestamp depends on it. Time is passed in explicitly: no test sleeps for a lease to expire.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractStoreContractTest {
    static final Instant T0 = Instant.parse("2031-03-04T05:06:07.123456Z");
    static final Duration LEASE = Duration.ofSeconds(60);
    static final TimeZone ODD_ZONE = TimeZone.getTimeZone("America/St_Johns");

    /** Text that breaks naive encodings: ZWJ emoji sequences, flags, CJK, RTL, combining marks, 4-byte chars. */
    static final List<String> HARD_TEXT = List.of(
            "Family 👩‍👩‍👧‍👦, flag 🇺🇳, thumbs 👍🏽, keycap 1️⃣, rainbow flag 🏳️‍🌈",
            "漢字かな交じり文、中文简体、繁體中文、한국어",
            "RTL: مرحبا بالعالم — שלום עולם ‏(mixed)‎",
            "Combining: e\u0301 a\u0308 n\u0303 stay decomposed; Z\u0351\u0327a\u0300l\u0336g\u0358o",
            "4-byte: 𝄞 𠜎 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🀄",
            "Quotes ' \" \\ ; -- /* */ % _ and a tab\there");

    protected TestDatabase db;
    protected JdbcImportStore store;
    private TimeZone originalZone;
    private final AtomicLong sequence = new AtomicLong();

    /** A fresh database for this class (or for a test that needs an empty one). */
    protected abstract TestDatabase openDatabase();

    /** SQL with {@code :id} that reads import_jobs.created_at as UTC text {@code yyyy-MM-dd HH:mm:ss.SSSSSS}. */
    protected abstract String createdAtAsUtcTextSql();

    /** SQL that makes a session give up waiting for a row lock after at most about a second. */
    protected abstract String shortLockTimeoutSql();

    @BeforeAll
    void openStore() {
        originalZone = TimeZone.getDefault();
        TimeZone.setDefault(ODD_ZONE);
        db = openDatabase();
        SchemaInstaller.install(db.dataSource());
        store = JdbcImportStore.create(db.dataSource());
    }

    @AfterAll
    void closeStore() {
        try {
            if (store != null) {
                store.close();
            }
            if (db != null) {
                db.close();
            }
        } finally {
            TimeZone.setDefault(originalZone);
        }
    }

    @BeforeEach
    void emptyTables() {
        db.clean();
    }

    // ---------------------------------------------------------------- helpers

    Object idArg(UUID id) {
        return db.dialect() == Dialect.MARIADB ? id.toString() : id;
    }

    /** A new PENDING job; successive jobs are created one millisecond apart. */
    UUID newJob() {
        return newJob(T0.plusMillis(sequence.incrementAndGet()));
    }

    UUID newJob(Instant createdAt) {
        UUID id = UUID.randomUUID();
        store.jobs().insert(new NewJob(id, "default", "faq.csv", SourceType.CSV, "{\"batchSize\":50}", "database", 1234, createdAt));
        return id;
    }

    JobLease claim(UUID job, String owner) {
        return store.jobs().claim(job, owner, T0, T0.plus(LEASE)).orElseThrow();
    }

    ImportJob job(UUID id) {
        return store.jobs().find(id).orElseThrow();
    }

    static NewPair pair(UUID job, long row) {
        return new NewPair(UUID.randomUUID(), "default", job, row, "Question " + row + "?", "Answer " + row, "general",
                List.of("a", "b"), "key-" + row, QAStatus.DRAFT, T0.plusMillis(row));
    }

    static List<NewPair> pairs(UUID job, long fromRow, int count) {
        List<NewPair> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(pair(job, fromRow + i));
        }
        return out;
    }

    /** Inserts pairs under the lease in one batch transaction. */
    void insert(JobLease lease, List<NewPair> pairs) {
        store.inTransaction(tx -> {
            assertThat(tx.fence(lease, T0, T0.plus(LEASE))).isEqualTo(Fence.HELD);
            tx.insertPairs(pairs);
            return null;
        });
    }

    /** A claimed job holding {@code count} pairs (rows 1..count), all waiting for embeddings. */
    List<UUID> jobWithPairs(UUID job, int count) {
        JobLease lease = claim(job, "importer");
        List<NewPair> pairs = pairs(job, 1, count);
        insert(lease, pairs);
        return pairs.stream().map(NewPair::id).collect(Collectors.toList());
    }

    Fence fence(JobLease lease, Instant now, Instant until) {
        return store.inTransaction(tx -> tx.fence(lease, now, until));
    }

    Map<String, UUID> questionKeys(List<String> keys) {
        return store.inTransaction(tx -> tx.findByQuestionKeys("default", keys));
    }

    static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return task.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static StoreException storeFailure(Runnable action) {
        AtomicReference<StoreException> caught = new AtomicReference<>();
        assertThatThrownBy(action::run).isInstanceOfSatisfying(StoreException.class, caught::set);
        return caught.get();
    }

    // ---------------------------------------------------------------- schema and lifecycle

    @Nested
    class SchemaAndLifecycle {
        @Test
        void detectsTheDialectFromTheConnection() {
            assertThat(store.dialect()).isEqualTo(db.dialect());
            assertThat(store.toString()).contains(db.dialect().displayName());
        }

        @Test
        void installingAgainKeepsTablesAndData() {
            UUID job = newJob();
            assertThat(SchemaInstaller.install(db.dataSource())).isEqualTo(db.dialect());
            SchemaInstaller.install(db.dataSource());
            store.verify();
            assertThat(store.jobs().find(job)).isPresent();
        }

        @Test
        void concurrentInstallsOnAnEmptyDatabaseAllSucceed() throws Exception {
            try (TestDatabase fresh = openDatabase()) {
                List<Dialect> results = race(6, () -> SchemaInstaller.install(fresh.dataSource()));
                assertThat(results).containsOnly(db.dialect()).hasSize(6);
                try (JdbcImportStore freshStore = JdbcImportStore.create(fresh.dataSource())) {
                    freshStore.verify();
                }
            }
        }

        @Test
        void verifyNamesTheMissingTableAndHowToInstallIt() {
            try (TestDatabase fresh = openDatabase(); JdbcImportStore empty = JdbcImportStore.create(fresh.dataSource())) {
                StoreException missing = storeFailure(empty::verify);
                assertThat(missing.kind()).isEqualTo(Kind.FATAL);
                assertThat(missing).hasMessageContaining("table import_jobs is missing in " + fresh.jdbcUrl().split("[?;]")[0])
                        .hasMessageContaining("SchemaInstaller.install")
                        .hasMessageContaining(db.dialect().schemaResource());

                StoreException query = storeFailure(() -> empty.jobs().find(UUID.randomUUID()));
                assertThat(query.kind()).isEqualTo(Kind.FATAL);
                assertThat(query.getMessage()).containsIgnoringCase("import_jobs");

                SchemaInstaller.install(fresh.dataSource());
                fresh.jdbi().useHandle(h -> h.execute("DROP TABLE qa_vectors"));
                assertThat(storeFailure(empty::verify)).hasMessageContaining("table qa_vectors is missing");
            }
        }

        @Test
        void storeBuiltWithInstallSchemaInstallsIt() {
            try (TestDatabase fresh = openDatabase();
                    JdbcImportStore installed = JdbcImportStore.builder(fresh.dataSource()).installSchema(true).build()) {
                installed.verify();
            }
        }

        @Test
        void closingTheStoreNeverClosesTheCallersDataSource() {
            JdbcImportStore own = JdbcImportStore.create(db.dataSource());
            own.close();
            own.close();
            assertThat(db.dataSource().isClosed()).isFalse();
            UUID job = newJob();
            assertThat(own.jobs().find(job)).isPresent();
        }

        @Test
        void fromUrlOwnsItsPoolAndClosesIt() {
            JdbcImportStore own = JdbcImportStore.fromUrl(db.jdbcUrl(), db.user(), db.password());
            UUID job = newJob();
            own.verify();
            assertThat(own.jobs().find(job)).isPresent();
            own.close();
            assertThatThrownBy(() -> own.jobs().find(job)).isInstanceOf(StoreException.class);
        }

        @Test
        void verifyReportsAnUnreachableDatabaseWithItsUrlButNoPassword() {
            DataSource closing = db.newDataSource("SELECT 1");
            JdbcImportStore onClosing = JdbcImportStore.create(closing);
            try {
                ((com.zaxxer.hikari.HikariDataSource) closing).close();
                StoreException e = storeFailure(onClosing::verify);
                assertThat(e.kind()).isEqualTo(Kind.FATAL);
                assertThat(e).hasMessageStartingWith("cannot connect to the database at " + db.jdbcUrl().split("[?;]")[0]);
            } finally {
                onClosing.close();
            }
        }

        @Test
        void fromUrlFailsFastOnAnUnreachableServerWithoutLeakingThePassword() {
            String url = unreachableUrlWithPassword("s3cret-pw");
            StoreException e = storeFailure(() -> JdbcImportStore.fromUrl(url, "someone", "s3cret-pw"));
            assertThat(e.kind()).isEqualTo(Kind.FATAL);
            assertThat(e).hasMessageContaining("cannot connect to the database at").hasMessageContaining("127.0.0.1:1");
            assertThat(e.getMessage()).doesNotContain("s3cret-pw");
        }

        @Test
        void builderRejectsBadOptionsNamingThem() {
            assertThatThrownBy(() -> JdbcImportStore.builder(db.dataSource()).payloadChunkSize(10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("payloadChunkSize < 1024: 10");
            assertThatThrownBy(() -> JdbcImportStore.builder(db.dataSource()).payloadChunkSize(64 << 20))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("payloadChunkSize > 8388608: 67108864");
            assertThatThrownBy(() -> JdbcImportStore.builder("postgres://x", "u", "p"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("jdbcUrl does not start with 'jdbc:': postgres://x");
        }
    }

    /** A URL of this database family that nothing listens on, carrying {@code password} where the driver allows. */
    protected abstract String unreachableUrlWithPassword(String password);

    // ---------------------------------------------------------------- jobs

    @Nested
    class Jobs {
        @Test
        void insertedJobIsPendingWithEveryFieldStored() {
            UUID id = UUID.randomUUID();
            store.jobs().insert(new NewJob(id, "default", "faq (1).csv", SourceType.JSONL, "{\"x\":1}", "files", 987_654_321L, T0));
            ImportJob job = job(id);
            assertThat(job.id()).isEqualTo(id);
            assertThat(job.filename()).isEqualTo("faq (1).csv");
            assertThat(job.sourceType()).isEqualTo(SourceType.JSONL);
            assertThat(job.status()).isEqualTo(JobStatus.PENDING);
            assertThat(job.totalRows()).isEqualTo(-1);
            assertThat(job.processedRows()).isZero();
            assertThat(job.payloadBytes()).isEqualTo(987_654_321L);
            assertThat(job.attempt()).isZero();
            assertThat(job.leaseOwner()).isNull();
            assertThat(job.createdAt()).isEqualTo(T0);
            assertThat(job.updatedAt()).isEqualTo(T0);
            assertThat(job.startedAt()).isNull();
            assertThat(job.completedAt()).isNull();
            assertThat(store.jobs().options(id)).contains("{\"x\":1}");
            assertThat(store.jobs().payloadStore(id)).contains("files");
        }

        @Test
        void unknownJobIsEmptyEverywhere() {
            UUID unknown = UUID.randomUUID();
            assertThat(store.jobs().find(unknown)).isEmpty();
            assertThat(store.jobs().options(unknown)).isEmpty();
            assertThat(store.jobs().payloadStore(unknown)).isEmpty();
            assertThat(store.jobs().requestCancel(unknown, T0)).isEmpty();
            assertThat(store.jobs().claim(unknown, "w", T0, T0.plus(LEASE))).isEmpty();
        }

        @Test
        void insertingTheSameJobTwiceIsADataError() {
            UUID id = newJob();
            StoreException e = storeFailure(() -> store.jobs().insert(
                    new NewJob(id, "default", "again.csv", SourceType.CSV, "{}", "database", 1, T0)));
            assertThat(e.kind()).isEqualTo(Kind.DATA);
            assertThat(e).hasMessageContaining("inserting job " + id);
        }

        @Test
        void recentListsNewestFirstUpToTheLimit() {
            UUID older = newJob(T0);
            UUID middle = newJob(T0.plusSeconds(1));
            UUID newest = newJob(T0.plusSeconds(2));
            assertThat(store.jobs().recent("default", 2)).extracting(ImportJob::id).containsExactly(newest, middle);
            assertThat(store.jobs().recent("default", 10)).extracting(ImportJob::id).containsExactly(newest, middle, older);
            assertThatThrownBy(() -> store.jobs().recent("default", 0)).isInstanceOf(IllegalArgumentException.class).hasMessage("limit < 1: 0");
        }

        @Test
        void embeddingMessageShowsUntilTheJobHasItsOwnError() {
            UUID id = newJob();
            store.jobs().setEmbeddingMessage(id, "provider unavailable, 3 pairs pending", T0.plusSeconds(5));
            assertThat(job(id).errorMessage()).isEqualTo("provider unavailable, 3 pairs pending");
            assertThat(job(id).updatedAt()).isEqualTo(T0.plusSeconds(5));
            JobLease lease = claim(id, "w");
            store.jobs().finish(lease, JobStatus.FAILED, "MISSING_COLUMNS: no question column", -1, T0.plusSeconds(6));
            assertThat(job(id).errorMessage()).isEqualTo("MISSING_COLUMNS: no question column");
            store.jobs().setEmbeddingMessage(id, null, T0.plusSeconds(7));
            assertThat(job(id).errorMessage()).isEqualTo("MISSING_COLUMNS: no question column");
        }

        @Test
        void theFileNoteIsWrittenOnlyUnderTheCurrentLeaseAndKeptAfterTheJobEnds() {
            UUID id = newJob();
            assertThat(job(id).fileNote()).isNull();
            JobLease first = claim(id, "w1");
            assertThat(store.jobs().setFileNote(first, "the file is not UTF-8; read as KOI8-R (confidence high)", T0.plusSeconds(1)))
                    .isTrue();
            assertThat(job(id).fileNote()).isEqualTo("the file is not UTF-8; read as KOI8-R (confidence high)");

            JobLease second = store.jobs().claim(id, "w2", T0.plus(LEASE).plusSeconds(1), T0.plus(LEASE).plus(LEASE)).orElseThrow();
            assertThat(store.jobs().setFileNote(first, "stale", T0.plus(LEASE).plusSeconds(2))).as("the lease is gone").isFalse();
            assertThat(job(id).fileNote()).isEqualTo("the file is not UTF-8; read as KOI8-R (confidence high)");

            store.jobs().finish(second, JobStatus.COMPLETED, null, 0, T0.plus(LEASE).plusSeconds(3));
            assertThat(job(id).fileNote()).isEqualTo("the file is not UTF-8; read as KOI8-R (confidence high)");
        }
    }

    // ---------------------------------------------------------------- leases

    @Nested
    class Leases {
        @Test
        void claimTakesAPendingJobAndStartsIt() {
            UUID id = newJob();
            JobLease lease = store.jobs().claim(id, "worker-1", T0.plusSeconds(1), T0.plusSeconds(31)).orElseThrow();
            assertThat(lease.jobId()).isEqualTo(id);
            assertThat(lease.owner()).isEqualTo("worker-1");
            assertThat(lease.attempt()).isEqualTo(1);
            assertThat(lease.expiresAt()).isEqualTo(T0.plusSeconds(31));
            assertThat(lease.checkpointRow()).isZero();
            ImportJob job = job(id);
            assertThat(job.status()).isEqualTo(JobStatus.PROCESSING);
            assertThat(job.leaseOwner()).isEqualTo("worker-1");
            assertThat(job.leaseExpiresAt()).isEqualTo(T0.plusSeconds(31));
            assertThat(job.startedAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(job.attempt()).isEqualTo(1);
        }

        @Test
        void aLiveLeaseCannotBeClaimedAgain() {
            UUID id = newJob();
            claim(id, "worker-1");
            assertThat(store.jobs().claim(id, "worker-2", T0.plusSeconds(59), T0.plusSeconds(120))).isEmpty();
            assertThat(store.jobs().claimNext(null, "worker-2", T0.plusSeconds(59), T0.plusSeconds(120))).isEmpty();
            assertThat(job(id).leaseOwner()).isEqualTo("worker-1");
        }

        @Test
        void racingClaimsOfOneJobHaveExactlyOneWinner() throws Exception {
            for (int round = 0; round < 4; round++) {
                UUID id = newJob();
                AtomicLong worker = new AtomicLong();
                List<Optional<JobLease>> results = race(6,
                        () -> store.jobs().claim(id, "w" + worker.incrementAndGet(), T0, T0.plus(LEASE)));
                List<JobLease> winners = results.stream().flatMap(Optional::stream).collect(Collectors.toList());
                assertThat(winners).hasSize(1);
                assertThat(job(id).attempt()).isEqualTo(1);
                assertThat(job(id).leaseOwner()).isEqualTo(winners.get(0).owner());
            }
        }

        @Test
        void racingWorkersClaimEveryJobExactlyOnce() throws Exception {
            List<UUID> jobs = IntStream.range(0, 12).mapToObj(i -> newJob()).collect(Collectors.toList());
            ConcurrentLinkedQueue<UUID> claimed = new ConcurrentLinkedQueue<>();
            AtomicLong worker = new AtomicLong();
            race(4, () -> {
                String owner = "w" + worker.incrementAndGet();
                Optional<JobLease> lease;
                while ((lease = store.jobs().claimNext(null, owner, T0, T0.plus(LEASE))).isPresent()) {
                    claimed.add(lease.get().jobId());
                }
                return null;
            });
            assertThat(claimed).hasSize(12).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(jobs);
            for (UUID id : jobs) {
                assertThat(job(id).attempt()).isEqualTo(1);
            }
        }

        @Test
        void claimNextTakesTheOldestClaimableJob() {
            UUID newer = newJob(T0.plusSeconds(2));
            UUID older = newJob(T0.plusSeconds(1));
            UUID oldestButRunning = newJob(T0);
            claim(oldestButRunning, "other");
            assertThat(store.jobs().claimNext(null, "w", T0.plusSeconds(3), T0.plusSeconds(60)).orElseThrow().jobId()).isEqualTo(older);
            assertThat(store.jobs().claimNext(null, "w", T0.plusSeconds(3), T0.plusSeconds(60)).orElseThrow().jobId()).isEqualTo(newer);
            assertThat(store.jobs().claimNext(null, "w", T0.plusSeconds(3), T0.plusSeconds(60))).isEmpty();
        }

        @Test
        void anExpiredLeaseIsReclaimedWithTheNextAttemptAndTheOldLeaseIsFenced() {
            UUID id = newJob();
            JobLease first = claim(id, "worker-1");
            store.inTransaction(tx -> {
                tx.fence(first, T0.plusSeconds(1), T0.plus(LEASE));
                tx.insertPairs(pairs(id, 1, 3));
                tx.advanceJob(first, new JobAdvance(3, 3, 0, 0, 0, 300, -1), T0.plusSeconds(1));
                return null;
            });
            Instant later = T0.plus(LEASE).plusSeconds(1);
            JobLease second = store.jobs().claim(id, "worker-2", later, later.plus(LEASE)).orElseThrow();
            assertThat(second.attempt()).isEqualTo(2);
            assertThat(second.checkpointRow()).isEqualTo(3);

            assertThat(store.jobs().renew(first, later, later.plus(LEASE))).isFalse();
            assertThat(store.jobs().release(first, later)).isFalse();
            assertThat(store.jobs().finish(first, JobStatus.COMPLETED, null, 3, later)).isFalse();
            assertThat(fence(first, later, later.plus(LEASE))).isEqualTo(Fence.LOST);
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.advanceJob(first, new JobAdvance(6, 3, 0, 0, 0, 600, -1), later);
                return null;
            })).isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.LEASE_LOST))
                    .hasMessageContaining("worker-1");

            ImportJob job = job(id);
            assertThat(job.leaseOwner()).isEqualTo("worker-2");
            assertThat(job.processedRows()).isEqualTo(3);
            assertThat(job.startedAt()).isEqualTo(T0);
            assertThat(store.jobs().renew(second, later.plusSeconds(1), later.plusSeconds(90))).isTrue();
            assertThat(job(id).leaseExpiresAt()).isEqualTo(later.plusSeconds(90));
            assertThat(store.jobs().finish(second, JobStatus.COMPLETED, null, 3, later.plusSeconds(2))).isTrue();
        }

        @Test
        void fenceIsLostWhenTheStoredCheckpointIsBehindTheOnePresented() {
            UUID id = newJob();
            JobLease lease = claim(id, "w");
            store.inTransaction(tx -> {
                tx.fence(lease, T0.plusSeconds(1), T0.plus(LEASE));
                tx.insertPairs(pairs(id, 1, 3));
                tx.advanceJob(lease, new JobAdvance(3, 3, 0, 0, 0, 300, -1), T0.plusSeconds(1));
                return null;
            });
            Instant now = T0.plusSeconds(2);

            // The worker presents the checkpoint of its last commit; a database that has less lost some of them.
            assertThat(fence(withCheckpoint(lease, 3), now, now.plus(LEASE))).isEqualTo(Fence.HELD);
            assertThat(fence(withCheckpoint(lease, 2), now, now.plus(LEASE))).isEqualTo(Fence.HELD);
            assertThat(fence(withCheckpoint(lease, 4), now, now.plus(LEASE))).isEqualTo(Fence.LOST);
            assertThat(job(id).processedRows()).isEqualTo(3);
        }

        JobLease withCheckpoint(JobLease lease, long row) {
            return new JobLease(lease.jobId(), lease.owner(), lease.attempt(), lease.expiresAt(), row);
        }

        @Test
        void fenceRenewsTheLeaseAndKeepsAnExpiredOneNobodyTookOver() {
            UUID id = newJob();
            JobLease lease = claim(id, "w");
            Instant late = T0.plus(LEASE).plusSeconds(30);
            assertThat(fence(lease, late, late.plus(LEASE))).isEqualTo(Fence.HELD);
            ImportJob job = job(id);
            assertThat(job.leaseExpiresAt()).isEqualTo(late.plus(LEASE));
            assertThat(job.updatedAt()).isEqualTo(late);
        }

        @Test
        void finishMovesToATerminalStatusAndClearsTheLease() {
            UUID id = newJob();
            JobLease lease = claim(id, "w");
            assertThat(store.jobs().finish(lease, JobStatus.COMPLETED, null, 42, T0.plusSeconds(9))).isTrue();
            ImportJob job = job(id);
            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.totalRows()).isEqualTo(42);
            assertThat(job.leaseOwner()).isNull();
            assertThat(job.leaseExpiresAt()).isNull();
            assertThat(job.completedAt()).isEqualTo(T0.plusSeconds(9));
            assertThat(store.jobs().finish(lease, JobStatus.FAILED, "again", -1, T0.plusSeconds(10))).isFalse();
            assertThat(store.jobs().claim(id, "w2", T0.plusSeconds(500), T0.plusSeconds(600))).isEmpty();
        }

        @Test
        void finishRefusesANonTerminalStatus() {
            UUID id = newJob();
            JobLease lease = claim(id, "w");
            assertThatThrownBy(() -> store.jobs().finish(lease, JobStatus.PROCESSING, null, -1, T0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("status is not terminal: PROCESSING");
        }

        @Test
        void releaseMakesTheJobClaimableAtOnceKeepingItsCheckpoint() {
            UUID id = newJob();
            JobLease lease = claim(id, "w1");
            store.inTransaction(tx -> {
                tx.fence(lease, T0, T0.plus(LEASE));
                tx.advanceJob(lease, new JobAdvance(50, 50, 0, 0, 0, 5000, -1), T0);
                return null;
            });
            assertThat(store.jobs().release(lease, T0.plusSeconds(1))).isTrue();
            assertThat(job(id).status()).isEqualTo(JobStatus.PENDING);
            JobLease next = store.jobs().claimNext(null, "w2", T0.plusSeconds(2), T0.plusSeconds(62)).orElseThrow();
            assertThat(next.jobId()).isEqualTo(id);
            assertThat(next.attempt()).isEqualTo(2);
            assertThat(next.checkpointRow()).isEqualTo(50);
            assertThat(job(id).startedAt()).isEqualTo(T0);
        }

        @Test
        void claimArgumentsAreValidated() {
            UUID id = newJob();
            assertThatThrownBy(() -> store.jobs().claim(id, "w", T0, T0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not after now");
            assertThatThrownBy(() -> store.jobs().claimNext(null, " ", T0, T0.plus(LEASE)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("owner is blank");
        }
    }

    // ---------------------------------------------------------------- cancel and recovery

    @Nested
    class CancelAndRecovery {
        @Test
        void cancellingAPendingJobCancelsItAtOnce() {
            UUID id = newJob();
            assertThat(store.jobs().requestCancel(id, T0.plusSeconds(1))).contains(JobStatus.CANCELLED);
            ImportJob job = job(id);
            assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(job.completedAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(store.jobs().claim(id, "w", T0.plusSeconds(2), T0.plusSeconds(60))).isEmpty();
        }

        @Test
        void cancellingAProcessingJobFlagsItForTheNextFence() {
            UUID id = newJob();
            JobLease lease = claim(id, "w");
            assertThat(store.jobs().requestCancel(id, T0.plusSeconds(1))).contains(JobStatus.PROCESSING);
            assertThat(job(id).cancelRequested()).isTrue();
            assertThat(job(id).status()).isEqualTo(JobStatus.PROCESSING);
            assertThat(fence(lease, T0.plusSeconds(2), T0.plusSeconds(62))).isEqualTo(Fence.CANCEL_REQUESTED);
            assertThat(store.jobs().finish(lease, JobStatus.CANCELLED, null, -1, T0.plusSeconds(3))).isTrue();
            assertThat(job(id).status()).isEqualTo(JobStatus.CANCELLED);
        }

        @Test
        void cancellingAJobWhoseWorkerIsGoneCancelsItAtOnce() {
            UUID id = newJob();
            JobLease dead = claim(id, "w");
            Instant afterExpiry = T0.plus(LEASE).plusSeconds(1);
            assertThat(store.jobs().requestCancel(id, afterExpiry)).contains(JobStatus.CANCELLED);
            ImportJob job = job(id);
            assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(job.completedAt()).isEqualTo(afterExpiry);
            assertThat(job.leaseOwner()).isNull();
            assertThat(store.jobs().claim(id, "w2", afterExpiry, afterExpiry.plus(LEASE))).isEmpty();
            assertThat(store.jobs().finish(dead, JobStatus.COMPLETED, null, 0, afterExpiry)).as("the dead worker is fenced out").isFalse();
        }

        @Test
        void aFailedOrCancelledJobReopensWithItsCheckpointAndCountsAndNothingElseDoes() {
            UUID id = newJob();
            JobLease lease = claim(id, "w1");
            store.inTransaction(tx -> {
                tx.fence(lease, T0, T0.plus(LEASE));
                tx.advanceJob(lease, new JobAdvance(40, 38, 0, 2, 0, 5000, -1), T0);
                return null;
            });
            assertThat(store.jobs().reopen(id, T0.plusSeconds(1))).as("a running job").isFalse();
            store.jobs().finish(lease, JobStatus.FAILED, "DATABASE_UNAVAILABLE: down", -1, T0.plusSeconds(2));

            assertThat(store.jobs().reopen(id, T0.plusSeconds(3))).isTrue();
            ImportJob job = job(id);
            assertThat(job.status()).isEqualTo(JobStatus.PENDING);
            assertThat(job.errorMessage()).isNull();
            assertThat(job.completedAt()).isNull();
            assertThat(job.processedRows()).isEqualTo(40);
            assertThat(job.successCount()).isEqualTo(38);
            assertThat(job.errorCount()).isEqualTo(2);
            JobLease again = store.jobs().claimNext(null, "w2", T0.plusSeconds(4), T0.plusSeconds(64)).orElseThrow();
            assertThat(again.checkpointRow()).isEqualTo(40);
            assertThat(again.attempt()).as("the fencing token keeps growing").isEqualTo(2);
            assertThat(again.countedAttempts()).as("attempts count from zero again").isEqualTo(1);
            assertThat(store.jobs().reopen(UUID.randomUUID(), T0)).isFalse();
            store.jobs().finish(again, JobStatus.COMPLETED, null, 40, T0.plusSeconds(5));
            assertThat(store.jobs().reopen(id, T0.plusSeconds(6))).as("a completed job").isFalse();
        }

        @Test
        void aGracefulReleaseIsNotCountedAsAnAttemptButAnExpiredLeaseIs() {
            UUID id = newJob();
            JobLease first = claim(id, "w1");
            assertThat(first.countedAttempts()).isEqualTo(1);
            store.jobs().release(first, T0.plusSeconds(1));
            JobLease second = store.jobs().claim(id, "w2", T0.plusSeconds(2), T0.plusSeconds(3)).orElseThrow();
            assertThat(second.attempt()).isEqualTo(2);
            assertThat(second.countedAttempts()).isEqualTo(1);
            // w2 dies: its lease expires and the next claim counts it.
            JobLease third = store.jobs().claim(id, "w3", T0.plusSeconds(4), T0.plusSeconds(64)).orElseThrow();
            assertThat(third.attempt()).isEqualTo(3);
            assertThat(third.countedAttempts()).isEqualTo(2);
        }

        @Test
        void cancellingAFinishedJobChangesNothing() {
            UUID id = newJob();
            JobLease lease = claim(id, "w");
            store.jobs().finish(lease, JobStatus.COMPLETED, null, 0, T0.plusSeconds(1));
            assertThat(store.jobs().requestCancel(id, T0.plusSeconds(2))).contains(JobStatus.COMPLETED);
            assertThat(job(id).status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job(id).cancelRequested()).isFalse();
        }

        @Test
        void staleJobsAreFoundOldestFirstAndFailedOnlyForTheirAttempt() {
            UUID stale = newJob(T0);
            UUID alsoStale = newJob(T0.plusSeconds(1));
            UUID live = newJob(T0.plusSeconds(2));
            claim(stale, "dead");
            claim(alsoStale, "dead");
            store.jobs().claim(live, "alive", T0, T0.plusSeconds(600));
            Instant now = T0.plus(LEASE).plusSeconds(1);
            assertThat(store.jobs().findStale(null, now, 10)).extracting(ImportJob::id).containsExactly(stale, alsoStale);
            assertThat(store.jobs().findStale(null, now, 1)).extracting(ImportJob::id).containsExactly(stale);

            assertThat(store.jobs().failStale(stale, 2, "wrong attempt", now)).isFalse();
            assertThat(store.jobs().failStale(live, 1, "not stale", now)).isFalse();
            assertThat(store.jobs().failStale(stale, 1, "ATTEMPTS_EXHAUSTED: gave up after 1 attempt", now)).isTrue();
            ImportJob failed = job(stale);
            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.errorMessage()).isEqualTo("ATTEMPTS_EXHAUSTED: gave up after 1 attempt");
            assertThat(failed.leaseOwner()).isNull();
            assertThat(failed.completedAt()).isEqualTo(now);
            assertThat(store.jobs().findStale(null, now, 10)).extracting(ImportJob::id).containsExactly(alsoStale);
            assertThat(job(live).status()).isEqualTo(JobStatus.PROCESSING);
        }
    }

    // ---------------------------------------------------------------- batches

    @Nested
    class Batches {
        @Test
        void insertedPairsAreFoundByQuestionKeyOldestFirst() {
            UUID id = newJob();
            JobLease lease = claim(id, "w");
            NewPair first = pair(id, 1);
            NewPair sameKeyLater = new NewPair(UUID.randomUUID(), "default", id, 2, "question 1?", "other", null, List.of(), "key-1",
                    QAStatus.DRAFT, T0.plusSeconds(10));
            insert(lease, List.of(sameKeyLater, first, pair(id, 3)));
            Map<String, UUID> found = store.inTransaction(tx -> tx.findByQuestionKeys("default", List.of("key-1", "key-3", "key-404", "key-1")));
            assertThat(found).containsOnlyKeys("key-1", "key-3");
            assertThat(found.get("key-1")).isEqualTo(first.id());
        }

        @Test
        void pairsWithoutAJobAreStoredAndFoundButBelongToNoJob() {
            NewPair loose = new NewPair(UUID.randomUUID(), "default", null, 0, "Created by hand?", "Yes", null, List.of(), "key-loose",
                    QAStatus.DRAFT, T0);
            store.inTransaction(tx -> {
                tx.insertPairs(List.of(loose, new NewPair(UUID.randomUUID(), "default", null, 0, "Another?", "Yes", null, List.of(),
                        "key-loose-2", QAStatus.DRAFT, T0)));
                return null;
            });
            assertThat(questionKeys(List.of("key-loose"))).containsEntry("key-loose", loose.id());
            QAPair stored = store.queries().pair(loose.id()).orElseThrow();
            assertThat(stored.importJobId()).isNull();
            assertThat(stored.category()).isNull();
            assertThat(stored.tags()).isEmpty();
            assertThat(store.embeddings().countPending(null)).isEqualTo(2);
        }

        @Test
        void questionKeyLookupHandlesMoreKeysThanOneInList() {
            UUID id = newJob();
            JobLease lease = claim(id, "w");
            insert(lease, pairs(id, 1, 1100));
            List<String> keys = IntStream.rangeClosed(1, 1300).mapToObj(i -> "key-" + i).collect(Collectors.toList());
            assertThat(questionKeys(keys)).hasSize(1100);
            assertThat(questionKeys(List.of())).isEmpty();
        }

        @Test
        void aBatchCommitsPairsErrorsAndCheckpointTogether() {
            UUID id = newJob();
            JobLease lease = claim(id, "w");
            store.inTransaction(tx -> {
                tx.fence(lease, T0.plusSeconds(1), T0.plus(LEASE));
                tx.insertPairs(pairs(id, 1, 3));
                tx.insertErrors(id, List.of(new RowError(4, 5, "answer", ErrorCodes.REQUIRED, "answer is required")));
                tx.advanceJob(lease, new JobAdvance(5, 3, 0, 1, 1, 500, -1), T0.plusSeconds(1));
                return null;
            });
            store.inTransaction(tx -> {
                tx.fence(lease, T0.plusSeconds(2), T0.plus(LEASE));
                tx.advanceJob(lease, new JobAdvance(8, 1, 2, 0, 0, 800, 8), T0.plusSeconds(2));
                return null;
            });
            ImportJob job = job(id);
            assertThat(job.processedRows()).isEqualTo(8);
            assertThat(job.successCount()).isEqualTo(6);
            assertThat(job.errorCount()).isEqualTo(1);
            assertThat(job.skippedCount()).isEqualTo(1);
            assertThat(job.bytesRead()).isEqualTo(800);
            assertThat(job.totalRows()).isEqualTo(8);
            assertThat(job.updatedAt()).isEqualTo(T0.plusSeconds(2));
            assertThat(store.queries().countPairs(id)).isEqualTo(3);
            long updated = db.jdbi().withHandle(h -> h.createQuery("SELECT updated_count FROM import_jobs WHERE id = :id")
                    .bind("id", idArg(id)).mapTo(Long.class).one());
            assertThat(updated).isEqualTo(2);
        }

        @Test
        void aFailingBatchLeavesNothingBehind() {
            UUID id = newJob();
            JobLease lease = claim(id, "w");
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.fence(lease, T0, T0.plus(LEASE));
                tx.insertPairs(pairs(id, 1, 3));
                tx.insertErrors(id, List.of(new RowError(4, 4, "question", ErrorCodes.REQUIRED, "missing")));
                tx.advanceJob(lease, new JobAdvance(4, 3, 0, 1, 0, 100, -1), T0);
                throw new IllegalStateException("parser blew up");
            })).isInstanceOf(IllegalStateException.class).hasMessage("parser blew up");
            assertThat(store.queries().countPairs(id)).isZero();
            assertThat(store.queries().errors(id, 0, 10)).isEmpty();
            assertThat(job(id).processedRows()).isZero();
        }

        @Test
        void aConstraintViolationInsideASavepointLeavesTheTransactionUsable() {
            UUID id = newJob();
            JobLease lease = claim(id, "w");
            String secret = "the full answer text " + "x".repeat(200);
            store.inTransaction(tx -> {
                tx.fence(lease, T0, T0.plus(LEASE));
                tx.insertPairs(List.of(pair(id, 1)));
                NewPair duplicateRow = new NewPair(UUID.randomUUID(), "default", id, 1, "dup?", secret, null, List.of(), "k", QAStatus.DRAFT, T0);
                StoreException e = storeFailure(() -> tx.withSavepoint(() -> {
                    tx.insertPairs(List.of(pair(id, 2), duplicateRow));
                    return null;
                }));
                assertThat(e.kind()).isEqualTo(Kind.DATA);
                assertThat(e.getMessage()).containsIgnoringCase("uq_qa_pairs_job_row").doesNotContain(secret).doesNotContain("dup?");
                assertThat(tx.withSavepoint(() -> {
                    tx.insertPairs(List.of(pair(id, 3)));
                    return "ok";
                })).isEqualTo("ok");
                tx.advanceJob(lease, new JobAdvance(3, 2, 0, 1, 0, 30, 3), T0);
                return null;
            });
            assertThat(store.queries().pairsOfJob(id, 0, 10)).extracting(QAPair::sourceRow).containsExactly(1L, 3L);
            assertThat(job(id).processedRows()).isEqualTo(3);
        }

        @Test
        void aJobCannotStoreTheSameSourceRowTwice() {
            UUID id = newJob();
            JobLease lease = claim(id, "w");
            insert(lease, List.of(pair(id, 7)));
            StoreException e = storeFailure(() -> insert(lease, List.of(pair(id, 7))));
            assertThat(e.kind()).isEqualTo(Kind.DATA);
            assertThat(e).hasMessageContaining("row 7 of job " + id);
            assertThat(store.queries().countPairs(id)).isEqualTo(1);
        }

        @Test
        void aValueTooLongIsADataErrorThatDoesNotEchoTheValue() {
            UUID id = newJob();
            JobLease lease = claim(id, "w");
            String category = "category-" + "y".repeat(1200);
            NewPair tooLong = new NewPair(UUID.randomUUID(), "default", id, 1, "q?", "a", category, List.of(), "k", QAStatus.DRAFT, T0);
            StoreException e = storeFailure(() -> insert(lease, List.of(tooLong)));
            assertThat(e.kind()).isEqualTo(Kind.DATA);
            assertThat(e.getMessage()).doesNotContain("yyyyyyyyyy").hasSizeLessThan(700);
        }

        @Test
        void updatedPairsTakeNewContentMoveJobAndWaitForANewEmbedding() {
            UUID firstJob = newJob();
            List<UUID> ids = jobWithPairs(firstJob, 1);
            UUID pairId = ids.get(0);
            List<PendingPair> claimed = store.embeddings().claimPending(null, "emb", 10, T0, T0.plusSeconds(30));
            store.embeddings().complete("emb", List.of(new EmbeddedPair(pairId, firstJob, "vk-1", "m", new float[] {1f})),
                    List.of(), T0);
            assertThat(claimed).hasSize(1);
            assertThat(store.queries().pair(pairId).orElseThrow().embeddingStatus()).isEqualTo(EmbeddingStatus.EMBEDDED);

            UUID secondJob = newJob();
            JobLease lease = claim(secondJob, "w2");
            store.inTransaction(tx -> {
                tx.fence(lease, T0, T0.plus(LEASE));
                tx.updatePairs(List.of(new PairUpdate(pairId, secondJob, 9, "new answer", "new category", List.of("n"), T0.plusSeconds(9))));
                return null;
            });
            QAPair updated = store.queries().pair(pairId).orElseThrow();
            assertThat(updated.answer()).isEqualTo("new answer");
            assertThat(updated.category()).isEqualTo("new category");
            assertThat(updated.tags()).containsExactly("n");
            assertThat(updated.importJobId()).isEqualTo(secondJob);
            assertThat(updated.sourceRow()).isEqualTo(9);
            assertThat(updated.question()).isEqualTo("Question 1?");
            assertThat(updated.embeddingStatus()).isEqualTo(EmbeddingStatus.PENDING);
            assertThat(store.queries().countPairs(secondJob)).isEqualTo(1);
        }

        @Test
        void updatingAPairThatNoLongerExistsIsADataError() {
            UUID id = newJob();
            JobLease lease = claim(id, "w");
            UUID missing = UUID.randomUUID();
            StoreException e = storeFailure(() -> store.inTransaction(tx -> {
                tx.updatePairs(List.of(new PairUpdate(missing, id, 3, "a", null, List.of(), T0)));
                return null;
            }));
            assertThat(e.kind()).isEqualTo(Kind.DATA);
            assertThat(e).hasMessageContaining(missing.toString()).hasMessageContaining("no longer exists");
            assertThat(lease.attempt()).isEqualTo(1);
        }

        @Test
        void theTransactionObjectIsDeadAfterItsTransaction() {
            AtomicReference<BatchTransaction> escaped = new AtomicReference<>();
            store.inTransaction(tx -> {
                escaped.set(tx);
                return null;
            });
            assertThatThrownBy(() -> escaped.get().findByQuestionKeys("default", List.of("k")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("only inside inTransaction");
        }
    }

    // ---------------------------------------------------------------- text and time

    @Nested
    class TextAndTime {
        @Test
        void hardTextRoundTripsByteForByteEverywhere() {
            UUID id = UUID.randomUUID();
            String filename = "données " + HARD_TEXT.get(0) + ".csv";
            store.jobs().insert(new NewJob(id, "default", filename, SourceType.CSV, HARD_TEXT.toString(), "database", 1, T0));
            JobLease lease = claim(id, "w");
            List<NewPair> pairs = new ArrayList<>();
            for (int i = 0; i < HARD_TEXT.size(); i++) {
                String text = HARD_TEXT.get(i);
                pairs.add(new NewPair(UUID.randomUUID(), "default", id, i + 1, text + "?", text + " — answer", text, HARD_TEXT,
                        "key-" + i, QAStatus.DRAFT, T0));
            }
            store.inTransaction(tx -> {
                tx.fence(lease, T0, T0.plus(LEASE));
                tx.insertPairs(pairs);
                tx.insertErrors(id, List.of(new RowError(99, 100, "answer", ErrorCodes.TOO_LONG, HARD_TEXT.get(1),
                        HARD_TEXT.get(2), HARD_TEXT.get(4))));
                return null;
            });
            for (NewPair expected : pairs) {
                QAPair actual = store.queries().pair(expected.id()).orElseThrow();
                assertSameBytes(actual.question(), expected.question());
                assertSameBytes(actual.answer(), expected.answer());
                assertSameBytes(actual.category(), expected.category());
                assertThat(actual.tags()).containsExactlyElementsOf(HARD_TEXT);
            }
            assertSameBytes(job(id).filename(), filename);
            assertSameBytes(store.jobs().options(id).orElseThrow(), HARD_TEXT.toString());
            RowError error = store.queries().errors(id, 0, 10).get(0);
            assertSameBytes(error.message(), HARD_TEXT.get(1));
            assertSameBytes(error.question(), HARD_TEXT.get(2));
            assertSameBytes(error.answer(), HARD_TEXT.get(4));
            List<PendingPair> pending = store.embeddings().claimPending(id, "e", 10, T0, T0.plusSeconds(9));
            assertThat(pending).extracting(PendingPair::question)
                    .containsExactlyInAnyOrderElementsOf(pairs.stream().map(NewPair::question).collect(Collectors.toList()));
        }

        private void assertSameBytes(String actual, String expected) {
            assertThat(actual.getBytes(StandardCharsets.UTF_8)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void timestampsAreStoredAsUtcWhateverTheJvmZone() {
            assertThat(TimeZone.getDefault().getID()).isEqualTo(ODD_ZONE.getID());
            UUID id = UUID.randomUUID();
            store.jobs().insert(new NewJob(id, "default", "t.csv", SourceType.CSV, "{}", "database", 1, T0.plusNanos(789)));
            assertThat(job(id).createdAt()).isEqualTo(T0);
            String raw = db.jdbi().withHandle(h -> h.createQuery(createdAtAsUtcTextSql())
                    .bind("id", idArg(id)).mapTo(String.class).one());
            assertThat(raw).isEqualTo("2031-03-04 05:06:07.123456");
        }

        @Test
        void leaseExpiryComparesInstantsNotWallClockText() {
            // Around a DST change in the JVM's zone (St. John's moves on 2031-03-09), instants still order correctly.
            Instant beforeSwitch = Instant.parse("2031-03-09T05:00:00Z");
            UUID id = newJob(beforeSwitch);
            store.jobs().claim(id, "w", beforeSwitch, beforeSwitch.plusSeconds(3600));
            assertThat(store.jobs().findStale(null, beforeSwitch.plusSeconds(3599), 5)).isEmpty();
            assertThat(store.jobs().findStale(null, beforeSwitch.plusSeconds(3601), 5)).extracting(ImportJob::id).containsExactly(id);
        }
    }

    // ---------------------------------------------------------------- embeddings

    @Nested
    class Embeddings {
        @Test
        void claimPendingTakesTheOldestAndSkipsClaimedPairs() {
            UUID id = newJob();
            List<UUID> ids = jobWithPairs(id, 5);
            List<PendingPair> a = store.embeddings().claimPending(null, "a", 3, T0, T0.plusSeconds(30));
            assertThat(a).extracting(PendingPair::id).containsExactlyElementsOf(ids.subList(0, 3));
            assertThat(a.get(0).importJobId()).isEqualTo(id);
            assertThat(a.get(0).question()).isEqualTo("Question 1?");
            assertThat(a.get(0).tags()).containsExactly("a", "b");
            List<PendingPair> b = store.embeddings().claimPending(null, "b", 10, T0, T0.plusSeconds(30));
            assertThat(b).extracting(PendingPair::id).containsExactlyElementsOf(ids.subList(3, 5));
            assertThat(store.embeddings().claimPending(null, "c", 10, T0.plusSeconds(29), T0.plusSeconds(60))).isEmpty();
            assertThat(store.embeddings().claimPending(null, "c", 10, T0.plusSeconds(31), T0.plusSeconds(60))).hasSize(5);
        }

        @Test
        void claimPendingCanBeLimitedToOneJob() {
            UUID one = newJob();
            UUID other = newJob();
            jobWithPairs(one, 2);
            List<UUID> mine = jobWithPairs(other, 3);
            assertThat(store.embeddings().claimPending(other, "w", 10, T0, T0.plusSeconds(9)))
                    .extracting(PendingPair::id).containsExactlyElementsOf(mine);
            assertThat(store.embeddings().countPending(one)).isEqualTo(2);
            assertThat(store.embeddings().countPending(other)).isEqualTo(3);
            assertThat(store.embeddings().countPending(null)).isEqualTo(5);
        }

        @Test
        void workersStoringTheSameVectorAtOnceAllSucceedAndOneIsKept() throws Exception {
            float[] vector = {0.25f, -1f, 3.5f};
            for (int round = 0; round < 20; round++) {
                Map<String, float[]> vectors = new java.util.LinkedHashMap<>();
                for (int k = 0; k < 8; k++) {
                    vectors.put("race-" + round + "-" + k, vector);
                }
                race(4, () -> {
                    store.embeddings().storeVectors("m", vectors, T0);
                    return null;
                });
                assertThat(store.embeddings().findVectors(vectors.keySet())).hasSize(8)
                        .allSatisfy((key, stored) -> assertThat(stored).containsExactly(vector));
            }
        }

        @Test
        void racingWorkersClaimEveryPairExactlyOnce() throws Exception {
            UUID id = newJob();
            List<UUID> ids = jobWithPairs(id, 60);
            ConcurrentLinkedQueue<UUID> claimed = new ConcurrentLinkedQueue<>();
            AtomicLong worker = new AtomicLong();
            race(4, () -> {
                String owner = "w" + worker.incrementAndGet();
                List<PendingPair> got;
                while (!(got = store.embeddings().claimPending(null, owner, 7, T0, T0.plusSeconds(30))).isEmpty()) {
                    got.forEach(p -> claimed.add(p.id()));
                }
                return null;
            });
            assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        }

        @Test
        void claimPairsTakesOnlyPendingPairsNobodyElseHolds() {
            UUID id = newJob();
            List<UUID> ids = jobWithPairs(id, 4);
            store.embeddings().claimPairs(List.of(ids.get(0)), "other", T0, T0.plusSeconds(30));
            store.embeddings().complete("other", List.of(), List.of(new FailedPair(ids.get(0), id, "too long")), T0);
            store.embeddings().claimPairs(List.of(ids.get(1)), "other", T0, T0.plusSeconds(30));
            List<PendingPair> got = store.embeddings().claimPairs(List.of(ids.get(0), ids.get(1), ids.get(2), ids.get(3),
                    UUID.randomUUID()), "me", T0.plusSeconds(1), T0.plusSeconds(31));
            assertThat(got).extracting(PendingPair::id).containsExactly(ids.get(2), ids.get(3));
            assertThat(store.embeddings().claimPairs(List.of(), "me", T0, T0.plusSeconds(1))).isEmpty();
        }

        @Test
        void completeStoresVectorsMarksPairsAndCountsPerJob() {
            UUID jobA = newJob();
            UUID jobB = newJob();
            List<UUID> a = jobWithPairs(jobA, 2);
            List<UUID> b = jobWithPairs(jobB, 1);
            List<PendingPair> claimed = store.embeddings().claimPending(null, "w", 10, T0, T0.plusSeconds(30));
            assertThat(claimed).hasSize(3);
            float[] v1 = {0.25f, -1.5f, 3.0e-7f, Float.MAX_VALUE};
            float[] v2 = {1f, 2f, 3f, 4f};
            int changed = store.embeddings().complete("w",
                    List.of(new EmbeddedPair(a.get(0), jobA, "vk-1", "model-x", v1), new EmbeddedPair(b.get(0), jobB, "vk-2", "model-x", v2)),
                    List.of(new FailedPair(a.get(1), jobA, "input too long: 9000 tokens")), T0.plusSeconds(1));
            assertThat(changed).isEqualTo(3);
            assertThat(job(jobA).embeddedCount()).isEqualTo(1);
            assertThat(job(jobA).embeddingErrorCount()).isEqualTo(1);
            assertThat(job(jobB).embeddedCount()).isEqualTo(1);
            assertThat(store.queries().pair(a.get(0)).orElseThrow().embeddingStatus()).isEqualTo(EmbeddingStatus.EMBEDDED);
            assertThat(store.queries().pair(a.get(1)).orElseThrow().embeddingStatus()).isEqualTo(EmbeddingStatus.FAILED);
            String reason = db.jdbi().withHandle(h -> h.createQuery("SELECT embedding_error FROM qa_pairs WHERE id = :id")
                    .bind("id", idArg(a.get(1))).mapTo(String.class).one());
            assertThat(reason).isEqualTo("input too long: 9000 tokens");
            Map<String, float[]> vectors = store.embeddings().findVectors(List.of("vk-1", "vk-2", "vk-404"));
            assertThat(vectors).containsOnlyKeys("vk-1", "vk-2");
            assertThat(vectors.get("vk-1")).containsExactly(v1);
            assertThat(store.embeddings().countPending(null)).isZero();
            byte[] raw = db.jdbi().withHandle(h -> h.createQuery("SELECT vector FROM qa_vectors WHERE embedding_key = 'vk-2'")
                    .mapTo(byte[].class).one());
            assertThat(raw).hasSize(16).startsWith(0, 0, (byte) 0x80, 0x3f);
        }

        @Test
        void completeLeavesPairsAnotherWorkerHasClaimedSince() {
            UUID id = newJob();
            UUID pairId = jobWithPairs(id, 1).get(0);
            store.embeddings().claimPending(null, "slow", 10, T0, T0.plusSeconds(30));
            assertThat(store.embeddings().claimPending(null, "fast", 10, T0.plusSeconds(31), T0.plusSeconds(60))).hasSize(1);
            assertThat(store.embeddings().complete("slow", List.of(new EmbeddedPair(pairId, id, "vk-slow", "m", new float[] {1f})),
                    List.of(), T0.plusSeconds(40))).isZero();
            assertThat(store.queries().pair(pairId).orElseThrow().embeddingStatus()).isEqualTo(EmbeddingStatus.PENDING);
            assertThat(job(id).embeddedCount()).isZero();
            assertThat(store.embeddings().complete("fast", List.of(new EmbeddedPair(pairId, id, "vk-fast", "m", new float[] {2f})),
                    List.of(), T0.plusSeconds(41))).isEqualTo(1);
            assertThat(job(id).embeddedCount()).isEqualTo(1);
        }

        @Test
        void vectorsAreCachedByKeyAndAKeyStoredMeanwhileIsKept() {
            UUID id = newJob();
            List<UUID> ids = jobWithPairs(id, 3);
            store.embeddings().claimPending(null, "w", 10, T0, T0.plusSeconds(30));
            store.embeddings().complete("w", List.of(new EmbeddedPair(ids.get(0), id, "same", "m", new float[] {1f, 1f})), List.of(), T0);
            int changed = store.embeddings().complete("w", List.of(
                    new EmbeddedPair(ids.get(1), id, "same", "m", new float[] {9f, 9f}),
                    new EmbeddedPair(ids.get(2), id, "same", "m", null)), List.of(), T0);
            assertThat(changed).isEqualTo(2);
            assertThat(store.embeddings().findVectors(List.of("same")).get("same")).containsExactly(1f, 1f);
            assertThat(job(id).embeddedCount()).isEqualTo(3);
            List<StoredVector> streamed = new ArrayList<>();
            store.embeddings().forEachVector("default", "m", streamed::add);
            assertThat(streamed).hasSize(3).allSatisfy(v -> assertThat(v.vector()).containsExactly(1f, 1f));
        }

        @Test
        void aPairWithoutVectorNeedsItsKeyStoredAlready() {
            UUID id = newJob();
            UUID pairId = jobWithPairs(id, 1).get(0);
            store.embeddings().claimPending(null, "w", 10, T0, T0.plusSeconds(30));
            assertThatThrownBy(() -> store.embeddings().complete("w", List.of(new EmbeddedPair(pairId, id, "never-stored", "m", null)),
                    List.of(), T0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("pair " + pairId + " has no vector and no vector is stored under its key 'never-stored'");
            assertThat(store.queries().pair(pairId).orElseThrow().embeddingStatus()).isEqualTo(EmbeddingStatus.PENDING);
        }

        @Test
        void releaseLetsAnotherWorkerClaimAtOnce() {
            UUID id = newJob();
            List<UUID> ids = jobWithPairs(id, 2);
            store.embeddings().claimPending(null, "w", 10, T0, T0.plusSeconds(300));
            store.embeddings().release("someone-else", ids);
            assertThat(store.embeddings().claimPending(null, "x", 10, T0.plusSeconds(1), T0.plusSeconds(30))).isEmpty();
            store.embeddings().release("w", ids);
            assertThat(store.embeddings().claimPending(null, "x", 10, T0.plusSeconds(1), T0.plusSeconds(30))).hasSize(2);
        }

        @Test
        void resetFailedRequeuesFailedPairsAndLowersTheErrorCount() {
            UUID id = newJob();
            List<UUID> ids = jobWithPairs(id, 3);
            store.embeddings().claimPending(null, "w", 10, T0, T0.plusSeconds(30));
            store.embeddings().complete("w", List.of(new EmbeddedPair(ids.get(0), id, "k0", "m", new float[] {0f})),
                    List.of(new FailedPair(ids.get(1), id, "bad"), new FailedPair(ids.get(2), id, "bad")), T0);
            assertThat(job(id).embeddingErrorCount()).isEqualTo(2);
            assertThat(store.embeddings().resetFailed(id)).isEqualTo(2);
            assertThat(job(id).embeddingErrorCount()).isZero();
            assertThat(job(id).embeddedCount()).isEqualTo(1);
            assertThat(store.embeddings().countPending(id)).isEqualTo(2);
            assertThat(store.embeddings().claimPending(id, "v", 10, T0.plusSeconds(1), T0.plusSeconds(9)))
                    .extracting(PendingPair::id).containsExactly(ids.get(1), ids.get(2));
            assertThat(store.embeddings().resetFailed(id)).isZero();
        }

        @Test
        void forEachVectorStreamsEveryEmbeddedPairOfTheModel() {
            UUID id = newJob();
            List<UUID> ids = jobWithPairs(id, 600);
            store.embeddings().claimPending(null, "w", 1000, T0, T0.plusSeconds(30));
            List<EmbeddedPair> done = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String model = i < 550 ? "model-a" : "model-b";
                done.add(new EmbeddedPair(ids.get(i), id, model + "-" + i, model, new float[] {i, -i}));
            }
            store.embeddings().complete("w", done, List.of(), T0);
            Set<UUID> seen = new HashSet<>();
            store.embeddings().forEachVector("default", "model-a", v -> {
                assertThat(v.vector()[0]).isEqualTo(-v.vector()[1]);
                assertThat(v.question()).startsWith("Question ");
                seen.add(v.pairId());
            });
            assertThat(seen).hasSize(550).containsAll(ids.subList(0, 550));
            AtomicLong none = new AtomicLong();
            store.embeddings().forEachVector("default", "model-z", v -> none.incrementAndGet());
            assertThat(none).hasValue(0);
        }
    }

    // ---------------------------------------------------------------- payloads

    @Nested
    class Payloads {
        @Test
        void aMultiChunkPayloadRoundTripsAndReadersIgnoreTheChunkSize() throws IOException {
            byte[] content = new byte[10_000];
            new Random(42).nextBytes(content);
            UUID id = UUID.randomUUID();
            try (JdbcImportStore small = JdbcImportStore.builder(db.dataSource()).payloadChunkSize(1024).build()) {
                PayloadStore payloads = small.databasePayloads();
                assertThat(payloads.name()).isEqualTo("database");
                assertThat(payloads.write(id, new ByteArrayInputStream(content))).isEqualTo(10_000);
                try (InputStream in = payloads.open(id)) {
                    assertThat(in.readAllBytes()).isEqualTo(content);
                }
            }
            long chunks = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM import_payload_chunks WHERE job_id = :id")
                    .bind("id", idArg(id)).mapTo(Long.class).one());
            assertThat(chunks).isEqualTo(10);
            try (InputStream in = store.databasePayloads().open(id)) {
                byte[] head = new byte[1500];
                assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(1500);
                assertThat(in.read()).isEqualTo(content[1500] & 0xff);
                assertThat(in.readAllBytes()).hasSize(10_000 - 1501);
                assertThat(in.read()).isEqualTo(-1);
            }
        }

        @Test
        void payloadsOfExactChunkMultiplesAndEmptyPayloadsRoundTrip() throws IOException {
            try (JdbcImportStore small = JdbcImportStore.builder(db.dataSource()).payloadChunkSize(1024).build()) {
                UUID exact = UUID.randomUUID();
                byte[] content = new byte[2048];
                new Random(7).nextBytes(content);
                assertThat(small.databasePayloads().write(exact, new ByteArrayInputStream(content))).isEqualTo(2048);
                try (InputStream in = small.databasePayloads().open(exact)) {
                    assertThat(in.readAllBytes()).isEqualTo(content);
                }
                UUID empty = UUID.randomUUID();
                assertThat(small.databasePayloads().write(empty, InputStream.nullInputStream())).isZero();
                try (InputStream in = small.databasePayloads().open(empty)) {
                    assertThat(in.read()).isEqualTo(-1);
                }
            }
        }

        @Test
        void writingAgainReplacesAndDeleteRemoves() throws IOException {
            UUID id = UUID.randomUUID();
            store.databasePayloads().write(id, new ByteArrayInputStream("first version, longer".getBytes(StandardCharsets.UTF_8)));
            store.databasePayloads().write(id, new ByteArrayInputStream("second".getBytes(StandardCharsets.UTF_8)));
            try (InputStream in = store.databasePayloads().open(id)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
            }
            store.databasePayloads().delete(id);
            store.databasePayloads().delete(id);
            StoreException e = storeFailure(() -> store.databasePayloads().open(id));
            assertThat(e.kind()).isEqualTo(Kind.FATAL);
            assertThat(e).hasMessage("no payload of job " + id + " in the database payload store");
        }

        @Test
        void chunksLeftByACrashedWriterAreInvisibleAndRemovedByTheNextWrite() throws IOException {
            UUID id = UUID.randomUUID();
            db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO import_payload_chunks (job_id, seq, data) VALUES (:id, 1, :data)")
                    .bind("id", idArg(id)).bind("data", new byte[] {9, 9}).execute());
            assertThat(storeFailure(() -> store.databasePayloads().open(id))).hasMessageContaining("no payload of job " + id);
            store.databasePayloads().write(id, new ByteArrayInputStream(new byte[] {1, 2}));
            try (InputStream in = store.databasePayloads().open(id)) {
                assertThat(in.readAllBytes()).containsExactly(1, 2);
            }
        }

        @Test
        void aFailingUploadKeepsNothing() {
            UUID id = UUID.randomUUID();
            InputStream failing = new SequenceInputStream(new ByteArrayInputStream(new byte[3000]), new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("connection reset by client");
                }
            });
            try (JdbcImportStore small = JdbcImportStore.builder(db.dataSource()).payloadChunkSize(1024).build()) {
                assertThatThrownBy(() -> small.databasePayloads().write(id, failing))
                        .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.PAYLOAD))
                        .hasMessageContaining("connection reset by client").hasMessageContaining(id.toString());
                InputStream limited = new InputStream() {
                    @Override
                    public int read() {
                        throw new ImportException(ErrorCodes.LIMIT_EXCEEDED, "payload larger than maxFileBytes");
                    }
                };
                assertThatThrownBy(() -> small.databasePayloads().write(id, limited))
                        .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.LIMIT_EXCEEDED));
            }
            long chunks = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM import_payload_chunks").mapTo(Long.class).one());
            assertThat(chunks).isZero();
        }
    }

    // ---------------------------------------------------------------- queries

    @Nested
    class Queries {
        @Test
        void errorsArePagedInRowOrder() {
            UUID id = newJob();
            JobLease lease = claim(id, "w");
            store.inTransaction(tx -> {
                tx.fence(lease, T0, T0.plus(LEASE));
                tx.insertErrors(id, List.of(
                        new RowError(5, 6, "answer", ErrorCodes.REQUIRED, "answer is required", "q5", null),
                        new RowError(2, 2, "question", ErrorCodes.TOO_LONG, "question longer than 1000 characters"),
                        new RowError(9, 12, "row", ErrorCodes.MALFORMED_ROW, "3 fields, header has 4")));
                return null;
            });
            List<RowError> first = store.queries().errors(id, 0, 2);
            assertThat(first).extracting(RowError::row).containsExactly(2L, 5L);
            assertThat(first.get(1)).isEqualTo(new RowError(5, 6, "answer", ErrorCodes.REQUIRED, "answer is required", "q5", null));
            assertThat(store.queries().errors(id, 5, 10)).extracting(RowError::line).containsExactly(12L);
            assertThat(store.queries().errors(UUID.randomUUID(), 0, 10)).isEmpty();
        }

        @Test
        void pairsOfAJobArePagedBySourceRow() {
            UUID id = newJob();
            List<UUID> ids = jobWithPairs(id, 5);
            assertThat(store.queries().pairsOfJob(id, 0, 2)).extracting(QAPair::id).containsExactly(ids.get(0), ids.get(1));
            assertThat(store.queries().pairsOfJob(id, 2, 10)).extracting(QAPair::sourceRow).containsExactly(3L, 4L, 5L);
            QAPair p = store.queries().pair(ids.get(0)).orElseThrow();
            assertThat(p.status()).isEqualTo(QAStatus.DRAFT);
            assertThat(p.contentHash()).isEqualTo("key-1");
            assertThat(p.category()).isEqualTo("general");
            assertThat(p.createdAt()).isEqualTo(T0.plusMillis(1));
            assertThat(p.embeddingStatus()).isEqualTo(EmbeddingStatus.PENDING);
            assertThat(store.queries().countPairs(id)).isEqualTo(5);
            assertThat(store.queries().pair(UUID.randomUUID())).isEmpty();
        }
    }

    // ---------------------------------------------------------------- failure classification

    @Nested
    class FailureClassification {
        @Test
        void waitingTooLongForALockIsTransient() {
            UUID id = newJob();
            try (JdbcImportStore impatient = JdbcImportStore.create(db.newDataSource(shortLockTimeoutSql()));
                    Handle holder = db.jdbi().open()) {
                holder.begin();
                holder.createQuery("SELECT status FROM import_jobs WHERE id = :id FOR UPDATE").bind("id", idArg(id))
                        .mapTo(String.class).one();
                StoreException e = storeFailure(() -> impatient.jobs().requestCancel(id, T0));
                holder.rollback();
                assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
                assertThat(e).hasMessageStartingWith("cancelling job " + id + " failed: ");
            }
            assertThat(job(id).status()).isEqualTo(JobStatus.PENDING);
        }
    }
}
