package dev.qaimport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.SourceType;
import dev.qaimport.spi.NewJob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on an H2 file database, plus what a file adds: surviving a restart. */
class H2FileStoreTest extends H2StoreTest {
    @TempDir
    static Path directory;

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2File(directory);
    }

    @Test
    void jobsAndPayloadsSurviveClosingAndReopeningTheDatabase() throws IOException {
        UUID id = UUID.randomUUID();
        try (TestDatabase first = TestDatabases.h2File(directory, "restart");
                JdbcImportStore before = JdbcImportStore.builder(first.dataSource()).installSchema(true).build()) {
            before.jobs().insert(new NewJob(id, "default", "a.csv", SourceType.CSV, "{}", "database", 3, T0));
            before.databasePayloads().write(id, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        }
        try (TestDatabase second = TestDatabases.h2File(directory, "restart");
                JdbcImportStore after = JdbcImportStore.create(second.dataSource())) {
            after.verify();
            assertThat(after.jobs().find(id).orElseThrow().status()).isEqualTo(JobStatus.PENDING);
            try (InputStream in = after.databasePayloads().open(id)) {
                assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
            }
        }
    }
}
