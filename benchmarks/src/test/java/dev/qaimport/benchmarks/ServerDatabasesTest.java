package dev.qaimport.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.benchmarks.baseline.CopyContender;
import dev.qaimport.benchmarks.data.FaqGenerator;
import dev.qaimport.benchmarks.springbatch.SpringBatchContender;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the local PostgreSQL and MariaDB servers (the CI settings): fresh schemas and databases, COPY, Spring Batch. */
class ServerDatabasesTest {
    @TempDir
    Path dir;

    @Test
    void copyLoadsTheRawFileIntoAFreshPostgreSqlSchemaThatIsDroppedAfterwards() throws Exception {
        FaqGenerator.Summary file = FaqGenerator.standard(500).write(dir.resolve("faq.csv"));
        try (Databases databases = new Databases(dir)) {
            copyInto(databases, file);
        }
    }

    private static void copyInto(Databases databases, FaqGenerator.Summary file) throws Exception {
        Databases.Target target = databases.fresh(Database.POSTGRESQL);
        try {
            ImportOutcome outcome = new CopyContender().run(new ImportSpec(Database.POSTGRESQL, target.jdbcUrl(), target.user(),
                    target.password(), file.file(), 500, UUID.randomUUID()));

            assertThat(outcome).isEqualTo(new ImportOutcome(500, 500, 0, 0));
            assertThat(databases.count(target, "qa_pairs")).isEqualTo(500);
        } finally {
            databases.drop(target);
        }
        assertThat(databases.count(target, "qa_pairs")).isEqualTo(-1);
        assertThat(databases.version(Database.POSTGRESQL)).matches("\\d+\\..*");
    }

    @Test
    void springBatchImportsIntoAFreshMariaDbDatabase() throws Exception {
        FaqGenerator.Summary file = FaqGenerator.standard(300).write(dir.resolve("faq.csv"));
        try (Databases databases = new Databases(dir)) {
            springBatchInto(databases, file);
        }
    }

    private static void springBatchInto(Databases databases, FaqGenerator.Summary file) throws Exception {
        Databases.Target target = databases.fresh(Database.MARIADB);
        try {
            ImportOutcome outcome = new SpringBatchContender().run(new ImportSpec(Database.MARIADB, target.jdbcUrl(), target.user(),
                    target.password(), file.file(), 100, UUID.randomUUID()));

            assertThat(outcome).isEqualTo(new ImportOutcome(300, file.validRows(), file.invalidRows(), file.duplicateRows()));
            assertThat(databases.count(target, "qa_pairs")).isEqualTo(file.validRows());
            assertThat(databases.count(target, "import_errors")).isEqualTo(file.invalidRows());
        } finally {
            databases.drop(target);
        }
        assertThat(databases.version(Database.MARIADB)).contains("MariaDB");
    }
}
