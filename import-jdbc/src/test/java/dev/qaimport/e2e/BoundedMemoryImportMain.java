package dev.qaimport.e2e;

import dev.qaimport.ImportOptions;
import dev.qaimport.QaImport;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.RowError;
import dev.qaimport.payload.FilePayloadStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Run by {@link BoundedMemoryEndToEndTest} in a JVM with a small heap: imports the files it is
 * given through {@link QaImport} into an H2 file database and prints one line per file with the
 * job's counts; exits with 1 when a job does not end as expected, and (with
 * {@code -XX:+ExitOnOutOfMemoryError}) with 3 on any out-of-memory error.
 *
 * <p>Arguments: the work directory, then for each file {@code path:rows:success:tooLong}.
 */
public final class BoundedMemoryImportMain {
    private BoundedMemoryImportMain() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        String url = "jdbc:h2:file:" + work.resolve("db").toAbsolutePath() + ";DB_CLOSE_DELAY=-1";
        try (JdbcImportStore store = JdbcImportStore.builder(url, "sa", "").installSchema(true).build();
                QaImport qa = QaImport.builder().store(store).payloadStore(FilePayloadStore.create(work.resolve("payloads")))
                        .autoStart(false).recoveryInterval(Duration.ZERO).batchSize(200).build()) {
            for (int i = 1; i < args.length; i++) {
                String[] spec = args[i].split(":");
                Path file = Path.of(spec[0]);
                long rows = Long.parseLong(spec[1]);
                long success = Long.parseLong(spec[2]);
                long tooLong = Long.parseLong(spec[3]);
                long start = System.nanoTime();
                UUID id = qa.startImport(file, ImportOptions.defaults());
                long stored = System.nanoTime();
                ImportJob job = qa.processImport(id);
                List<RowError> errors = qa.getErrors(id, 0, 100);
                boolean ok = job.status() == JobStatus.COMPLETED && job.totalRows() == rows && job.successCount() == success
                        && job.errorCount() == tooLong && errors.stream().allMatch(e -> e.code().equals(ErrorCodes.TOO_LONG))
                        && store.queries().countPairs(id) == success;
                System.out.printf("%s %s %d MB: %s, %d rows, %d stored, %d errors %s, stored in %d ms, imported in %d ms, heap used %d MB of %d MB%n",
                        ok ? "OK" : "FAIL", file.getFileName(), Files.size(file) >> 20, job.status(), job.totalRows(), job.successCount(),
                        job.errorCount(), errors, (stored - start) / 1_000_000, (System.nanoTime() - stored) / 1_000_000,
                        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20, Runtime.getRuntime().maxMemory() >> 20);
                if (!ok) {
                    System.out.println("job: " + job);
                    System.exit(1);
                }
            }
        }
    }
}
