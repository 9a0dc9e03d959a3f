package dev.qaimport.e2e;

import static dev.qaimport.e2e.E2e.errors;
import static dev.qaimport.e2e.E2e.pairs;
import static dev.qaimport.e2e.E2e.run;
import static dev.qaimport.e2e.E2e.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.qaimport.AnswerMarkup;
import dev.qaimport.ImportOptions;
import dev.qaimport.QaImport;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Files of other shapes imported through {@link QaImport} on H2 and read back from the database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShapesEndToEndTest {
    private TestDatabase db;
    private JdbcImportStore store;

    @BeforeAll
    void open() {
        db = TestDatabases.h2Memory();
        store = JdbcImportStore.builder(db.dataSource()).installSchema(true).build();
    }

    @AfterAll
    void close() {
        store.close();
        db.close();
    }

    @BeforeEach
    void emptyTables() {
        db.clean();
    }

    private QaImport qa() {
        return QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).build();
    }

    @Test
    void markdownAnswersAreRenderedAndSanitizedWithTheJobsStoredOptions() {
        String csv = "question,answer\n"
                + "How do I export my data?,\"Go to **Settings → Export** and pick:\n\n1. CSV\n2. JSON\n\nSee [docs](https://docs.example/export).\"\n"
                + "¿Cómo cambio el idioma?,\"Pulsa `Idioma` <img src=x onerror=alert(1)>y elige *Español*.\"\n"
                + "Is there a dark mode?,\"[Yes](javascript:alert(1)), under _Appearance_.\"\n";
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "faq.csv", utf8(csv), ImportOptions.builder().answerMarkup(AnswerMarkup.MARKDOWN).build());

            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(errors(qa, job.id())).isEmpty();
            assertThat(pairs(qa, job.id())).extracting(QAPair::answer).containsExactly(
                    "<p>Go to <strong>Settings → Export</strong> and pick:</p><ol><li>CSV</li><li>JSON</li></ol><p>See "
                            + "<a href=\"https://docs.example/export\" rel=\"nofollow noopener noreferrer\">docs</a>.</p>",
                    "<p>Pulsa <code>Idioma</code> y elige <em>Español</em>.</p>",
                    "<p>Yes, under <em>Appearance</em>.</p>");
        }
    }

    @Test
    void withoutMarkupMarkdownIsKeptAsText() {
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "faq.csv", "question,answer\nQ?,**bold** and [link](https://x.example)\n");

            assertThat(pairs(qa, job.id())).extracting(QAPair::question, QAPair::answer)
                    .containsExactly(tuple("Q?", "**bold** and [link](https://x.example)"));
        }
    }
}
