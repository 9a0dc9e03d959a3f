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

    @Test
    void chatRecordsImportOnePairPerExchangeWithRowsThatLocateThem() {
        String jsonl = """
                {"messages":[{"role":"system","content":"You are Acme's support bot."},{"role":"user","content":"How do I cancel my plan?"},{"role":"assistant","content":"Go to **Billing → Cancel**."}]}
                {"messages":[{"role":"user","content":"Comment changer mon e-mail ?"},{"role":"assistant","content":"Dans Profil."},{"role":"user","content":"Et le mot de passe ?"},{"role":"assistant","content":"Dans Sécurité."}]}
                {"messages":[{"role":"user","content":"¿Hay modo oscuro?"}]}
                {"messages":[{"role":"user","content":"ダークモードはありますか？"},{"role":"assistant","content":"設定 → 表示 から選べます。"}]}
                """;
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "chat.jsonl", utf8(jsonl), ImportOptions.builder().answerMarkup(AnswerMarkup.MARKDOWN).build());

            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.totalRows()).isEqualTo(5);
            assertThat(pairs(qa, job.id())).extracting(QAPair::sourceRow, QAPair::question, QAPair::answer).containsExactly(
                    tuple(1L, "How do I cancel my plan?", "<p>Go to <strong>Billing → Cancel</strong>.</p>"),
                    tuple(2L, "Comment changer mon e-mail ?", "<p>Dans Profil.</p>"),
                    tuple(3L, "Et le mot de passe ?", "<p>Dans Sécurité.</p>"),
                    tuple(5L, "ダークモードはありますか？", "<p>設定 → 表示 から選べます。</p>"));
            assertThat(errors(qa, job.id())).singleElement().satisfies(e -> {
                assertThat(e.row()).isEqualTo(4);
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.message()).isEqualTo("exchange 1 of 1 of the record has a user turn but no assistant turn after it");
            });
        }
    }

    @Test
    void bilingualFilesImportTheChosenLanguage() {
        String csv = "id,question_en,question_th,answer_en,answer_th\n"
                + "1,How do I top up?,เติมเงินอย่างไร,At any 7-Eleven.,เติมได้ที่ 7-Eleven ทุกสาขา\n";
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "faq.csv", utf8(csv), ImportOptions.builder().language("th").build());

            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(pairs(qa, job.id())).extracting(QAPair::question, QAPair::answer)
                    .containsExactly(tuple("เติมเงินอย่างไร", "เติมได้ที่ 7-Eleven ทุกสาขา"));

            ImportJob refused = run(qa, "faq.csv", utf8(csv), ImportOptions.defaults());
            assertThat(refused.status()).isEqualTo(JobStatus.FAILED);
            assertThat(refused.errorMessage()).contains("2 languages", "--language en");
        }
    }
}
