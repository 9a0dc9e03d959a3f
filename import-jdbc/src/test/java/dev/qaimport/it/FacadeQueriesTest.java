package dev.qaimport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.QaImport;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.SourceType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the facade tells about stored pairs and running jobs, without handing out the store. */
class FacadeQueriesTest {
    private final DataSource ds = Fixture.h2();
    private final QaImport qa = Fixture.builder(ds).build();

    @AfterEach
    void close() {
        qa.close();
    }

    @Test
    void pagesThroughTheStoredPairsOfAJobInFileOrder() {
        UUID id = qa.startImport("faq.csv", Fixture.csv(5).getBytes(StandardCharsets.UTF_8), SourceType.CSV);
        qa.processImport(id);

        assertThat(qa.getPairs(id, 0, 2)).extracting(QAPair::question).containsExactly("Question 1?", "Question 2?");
        assertThat(qa.getPairs(id, 2, 10)).extracting(QAPair::question).containsExactly("Question 3?", "Question 4?", "Question 5?");
        assertThat(qa.getPairs(UUID.randomUUID(), 0, 10)).isEmpty();
        assertThatThrownBy(() -> qa.getPairs(id, 0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessage("limit < 1: 0");
    }

    @Test
    void listsTheJobsBeingProcessedWithTheirLeaseHolder() {
        UUID held = qa.startImport("held.csv", Fixture.csv(2).getBytes(StandardCharsets.UTF_8), SourceType.CSV);
        UUID pending = qa.startImport("pending.csv", Fixture.csv(2).getBytes(StandardCharsets.UTF_8), SourceType.CSV);
        Instant now = Instant.now();
        Fixture.store(ds).jobs().claim(held, "another-process", now, now.plusSeconds(600)).orElseThrow();

        assertThat(qa.processingJobs(10)).extracting(ImportJob::id, ImportJob::status, ImportJob::leaseOwner)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(held, JobStatus.PROCESSING, "another-process"));
        assertThat(qa.getJob(pending).orElseThrow().status()).isEqualTo(JobStatus.PENDING);
        assertThatThrownBy(() -> qa.processingJobs(0)).isInstanceOf(IllegalArgumentException.class).hasMessage("limit < 1: 0");
    }
}
