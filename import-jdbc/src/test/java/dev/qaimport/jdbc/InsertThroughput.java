package dev.qaimport.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.QAStatus;
import dev.qaimport.model.SourceType;
import dev.qaimport.spi.BatchTransaction.JobAdvance;
import dev.qaimport.spi.NewJob;
import dev.qaimport.spi.NewPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Measures rows/s of {@code insertPairs} in committed batches of 500 (fence + insert + advance,
 * one transaction per batch) for 100,000 rows, per database and driver setting. A throwaway
 * measurement, not a test: run it by hand (see docs/BENCHMARKS.md) with
 * {@code java -cp ... dev.qaimport.jdbc.InsertThroughput [h2|postgresql|mariadb ...]}.
 */
public final class InsertThroughput {
    static final int ROWS = 100_000;
    static final int BATCH = 500;

    private InsertThroughput() {
    }

    public static void main(String[] args) throws Exception {
        List<String> which = args.length == 0 ? List.of("h2", "postgresql", "mariadb") : List.of(args);
        for (String name : which) {
            switch (name) {
                case "h2":
                    try (TestDatabase db = TestDatabases.h2Memory()) {
                        measure("H2 in memory", db, null);
                    }
                    Path dir = Files.createTempDirectory("qa-bench");
                    try (TestDatabase db = TestDatabases.h2File(dir)) {
                        measure("H2 file", db, null);
                    }
                    break;
                case "postgresql":
                    try (TestDatabase db = TestDatabases.postgres()) {
                        measure("PostgreSQL reWriteBatchedInserts=true", db, null);
                        measure("PostgreSQL reWriteBatchedInserts=false", db, "reWriteBatchedInserts=false");
                    }
                    break;
                case "mariadb":
                    try (TestDatabase db = TestDatabases.mariadb()) {
                        measure("MariaDB defaults (useBulkStmtsForInserts=true)", db, null);
                        measure("MariaDB useBulkStmtsForInserts=false", db, "useBulkStmtsForInserts=false");
                        measure("MariaDB useBulkStmts=true", db, "useBulkStmts=true");
                        measure("MariaDB useBulkStmtsForInserts=false&rewriteBatchedStatements=true", db,
                                "useBulkStmtsForInserts=false&rewriteBatchedStatements=true");
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown database " + name + " (expected h2, postgresql or mariadb)");
            }
        }
    }

    private static void measure(String label, TestDatabase db, String extraUrlParameter) {
        HikariDataSource pool = null;
        try {
            javax.sql.DataSource ds = db.dataSource();
            if (extraUrlParameter != null) {
                HikariConfig config = new HikariConfig();
                String url = db.jdbcUrl();
                config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + extraUrlParameter);
                config.setUsername(db.user());
                config.setPassword(db.password());
                config.setMaximumPoolSize(2);
                pool = new HikariDataSource(config);
                ds = pool;
            }
            SchemaInstaller.install(ds);
            try (JdbcImportStore store = JdbcImportStore.create(ds)) {
                run(store, 10_000, false);
                db.clean();
                // Best of three: the machine these figures come from is shared, and other load only slows a run down.
                double insertOnly = 0;
                for (int i = 0; i < 3; i++) {
                    insertOnly = Math.max(insertOnly, run(store, ROWS, false));
                    db.clean();
                }
                double fullBatch = run(store, ROWS, true);
                db.clean();
                System.out.printf(Locale.ROOT, "%-52s insertPairs+commit: %8.0f rows/s   with duplicate lookup+advance: %8.0f rows/s%n",
                        label, insertOnly, fullBatch);
            }
        } finally {
            if (pool != null) {
                pool.close();
            }
        }
    }

    /** Rows per second for {@code rows} rows in batches of {@value #BATCH}. */
    private static double run(JdbcImportStore store, int rows, boolean fullBatch) {
        UUID job = UUID.randomUUID();
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        store.jobs().insert(new NewJob(job, "default", "bench.csv", SourceType.CSV, "{}", "database", rows * 500L, t0));
        JobLease lease = store.jobs().claim(job, "bench", t0, t0.plusSeconds(3600)).orElseThrow();
        long start = System.nanoTime();
        for (int from = 1; from <= rows; from += BATCH) {
            List<NewPair> batch = new ArrayList<>(BATCH);
            for (int row = from; row < from + BATCH && row <= rows; row++) {
                batch.add(new NewPair(UUID.randomUUID(), "default", job, row, "How do I configure feature number " + row + " in the admin console?",
                        "Open the admin console, choose Settings, then Features, and switch on feature " + row + ". "
                                + "Changes apply immediately to every user of the workspace; no restart is needed. "
                                + "If the switch is greyed out, ask an owner to grant you the admin role first.",
                        "configuration", List.of("admin", "features", "settings"), String.format("%064x", row),
                        QAStatus.DRAFT, t0));
            }
            int last = from + batch.size() - 1;
            store.inTransaction(tx -> {
                tx.fence(lease, t0, t0.plusSeconds(3600));
                if (fullBatch) {
                    tx.findByQuestionKeys("default", batch.stream().map(NewPair::questionKey).collect(Collectors.toList()));
                }
                tx.insertPairs(batch);
                if (fullBatch) {
                    tx.advanceJob(lease, new JobAdvance(last, batch.size(), 0, 0, 0, last * 500L, -1), t0);
                }
                return null;
            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return rows / seconds;
    }
}
