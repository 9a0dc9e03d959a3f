package dev.qaimport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.ProgressCallback;
import dev.qaimport.QaImport;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.Reembedding;
import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.testing.ScriptedEmbeddings;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Re-embedding on PostgreSQL. */
class PostgresReembeddingTest extends AbstractReembeddingTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }

    /** The statistics of a table that was never analyzed, as {@code pg_class} keeps them. */
    private double stagingRowEstimate() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT reltuples FROM pg_class WHERE oid = 'qa_reembedding_pairs'::regclass")
                .mapTo(Double.class).one());
    }

    @Test
    void theStagingTableIsAnalyzedAsItFillsSoItsLookupsKeepTheirIndex() {
        EmbeddingLimits limits = new EmbeddingLimits(100, 100_000, 10_000, 2);
        db.jdbi().useHandle(h -> h.execute("DROP TABLE qa_reembedding_pairs"));
        dev.qaimport.jdbc.SchemaInstaller.install(db.dataSource());
        assertThat(stagingRowEstimate()).as("a new table has never been analyzed").isEqualTo(-1);
        try (QaImport qa = QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).batchSize(200)
                .embeddingService(new ScriptedEmbeddings("alpha", limits)).build()) {
            ImportJob job = E2e.run(qa, "faq.csv", E2e.csv("q", 1_500));
            assertThat(job.embeddedCount()).isEqualTo(1_500);

            UUID id = qa.reembed(new ScriptedEmbeddings("beta", limits), null);
            Reembedding done = qa.processReembedding(id, ProgressCallback.NONE);

            assertThat(done.embedded()).isEqualTo(1_500);
        }
        assertThat(stagingRowEstimate()).as("ANALYZE ran once 1,000 rows were staged").isGreaterThanOrEqualTo(0);
    }
}
