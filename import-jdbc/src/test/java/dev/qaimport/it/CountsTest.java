package dev.qaimport.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.QaImport;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.model.ImportCounts;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** {@code QaImport.counts()}: queued, running and stale jobs and pending embeddings, per collection, as each database says. */
class CountsTest {
    private static UUID start(QaImport qa, int rows) {
        return qa.startImport("faq.csv", new ByteArrayInputStream(Fixture.csv(rows).getBytes(StandardCharsets.UTF_8)), dev.qaimport.ImportOptions.defaults());
    }

    @Test
    void countsQueuedRunningAndStaleJobsAndPendingPairsOfTheCollectionOnly() {
        countsIn(JdbcImportStore.builder(Fixture.h2()).installSchema(true).build());
    }

    @Test
    void countsWithATablePrefix() {
        DataSource ds = Fixture.h2();
        countsIn(JdbcImportStore.builder(ds).tablePrefix("acme_").installSchema(true).build());
    }

    @Test
    void countsOnPostgres() {
        try (TestDatabase db = TestDatabases.postgres()) {
            countsIn(JdbcImportStore.builder(db.dataSource()).installSchema(true).build());
        }
    }

    @Test
    void countsOnMariaDb() {
        try (TestDatabase db = TestDatabases.mariadb()) {
            countsIn(JdbcImportStore.builder(db.dataSource()).installSchema(true).build());
        }
    }

    private static void countsIn(JdbcImportStore store) {
        try (QaImport qa = Fixture.builder(store).build()) {
            QaImport acme = qa.inCollection("acme");
            assertThat(qa.counts()).isEqualTo(new ImportCounts(0, 0, 0, 0));

            qa.processImport(start(qa, 6));
            UUID running = start(qa, 1);
            UUID stale = start(qa, 1);
            start(qa, 1);
            start(acme, 1);
            Instant now = Instant.now();
            store.jobs().claim(running, "alive", now, now.plusSeconds(60)).orElseThrow();
            store.jobs().claim(stale, "crashed", now.minusSeconds(10), now.minusSeconds(5)).orElseThrow();

            assertThat(qa.counts()).as("no provider: the 6 pairs wait for one").isEqualTo(new ImportCounts(1, 1, 1, 6));
            assertThat(acme.counts()).isEqualTo(new ImportCounts(1, 0, 0, 0));
        }
    }
}
