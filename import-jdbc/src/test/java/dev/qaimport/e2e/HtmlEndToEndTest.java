package dev.qaimport.e2e;

import static dev.qaimport.e2e.E2e.pairs;
import static dev.qaimport.e2e.E2e.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.qaimport.DryRunReport;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.QaImport;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.RowError;
import dev.qaimport.model.SourceType;
import dev.qaimport.testing.MarkupAssertions;
import dev.qaimport.testing.XssPayloads;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * FAQ web pages imported through {@link QaImport} on H2: the format is known from the name, the
 * answers' HTML is stored sanitized, and a page named as another format is refused clearly when submitted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlEndToEndTest {
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

    private static byte[] fixture(String name) throws IOException {
        // The pages are import-core's test fixtures, on the class path through its test-jar.
        try (InputStream in = HtmlEndToEndTest.class.getResourceAsStream("/html/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void importsTheDetailsOfAPageWithSectionsAsCategoriesAndSanitizedAnswers() throws IOException {
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "library-faq.html", fixture("library-faq.html"), ImportOptions.defaults());

            assertThat(job.status()).as(job.errorMessage()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.sourceType()).isEqualTo(SourceType.HTML);
            assertThat(job.successCount()).isEqualTo(4);
            List<QAPair> pairs = pairs(qa, job.id());
            assertThat(pairs).extracting(QAPair::sourceRow, QAPair::question, QAPair::category).containsExactly(
                    tuple(1L, "How do I get a library card?", "Library cards"),
                    tuple(2L, "I lost my card. What now?", "Library cards"),
                    tuple(3L, "How many books can I borrow?", "Borrowing"),
                    tuple(4L, "Can I renew online?", "Borrowing"));
            assertThat(pairs).allSatisfy(p -> MarkupAssertions.assertSafeHtml(p.answer()));
            assertThat(pairs.get(1).answer()).doesNotContain("onerror", "onclick", "<img").contains("a replacement costs £2.");
            assertThat(pairs.get(2).answer()).contains("<li>Adults: 20 items</li>");
        }
    }

    @Test
    void importsJsonLdOfAPageOnceThoughThePageAlsoShowsItsQuestions() throws IOException {
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "bakery.htm", fixture("bakery-faq.html"), ImportOptions.defaults());

            assertThat(job.status()).as(job.errorMessage()).isEqualTo(JobStatus.COMPLETED);
            assertThat(pairs(qa, job.id())).extracting(QAPair::question, QAPair::answer, QAPair::category).containsExactly(
                    tuple("When do you open?", "Monday to Saturday, 7am to 3pm.", null),
                    tuple("Do you bake gluten-free bread?", "Yes, on <strong>Tuesdays and Fridays</strong>, in a separate oven.", "Allergies"));
        }
    }

    @Test
    void filterEvasionPayloadsInAPagesAnswersAndJsonLdNeverReachTheDatabase() {
        List<String> payloads = XssPayloads.all().map(a -> (String) a.get()[1]).collect(Collectors.toList());
        StringBuilder details = new StringBuilder("<!DOCTYPE html>\n<html><body><main>\n");
        StringBuilder ld = new StringBuilder("{\"@context\": \"https://schema.org\", \"@type\": \"FAQPage\", \"mainEntity\": [");
        for (int i = 0; i < payloads.size(); i++) {
            String p = payloads.get(i);
            details.append("<details><summary>Question ").append(i).append("?</summary><p>Answer ").append(i).append(": ").append(p)
                    .append("</p></details>\n");
            ld.append(i > 0 ? "," : "").append("{\"@type\": \"Question\", \"name\": ").append(jsonString("Question " + i + " " + p))
                    .append(", \"acceptedAnswer\": {\"text\": ").append(jsonString("Answer " + i + ": " + p)).append("}}");
        }
        try (QaImport qa = qa()) {
            ImportJob fromJson = run(qa, "hostile.json", ld.append("]}").toString());
            assertThat(fromJson.successCount()).isEqualTo(payloads.size());
            for (ImportJob job : List.of(run(qa, "hostile.html", details.append("</main></body></html>").toString()), fromJson)) {
                assertThat(job.status()).as(job.errorMessage()).isEqualTo(JobStatus.COMPLETED);
                List<QAPair> pairs = pairs(qa, job.id());
                assertThat(pairs).isNotEmpty();
                for (QAPair p : pairs) {
                    MarkupAssertions.assertSafeHtml(p.answer());
                    MarkupAssertions.assertNoMarkup(p.question());
                }
            }
        }
    }

    private static String jsonString(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPageWithABrokenQuestionStoresTheOthersAndSaysWhere() {
        String page = "<!DOCTYPE html>\n<html><body><main>\n<details><summary>Fine?</summary>Yes.</details>\n"
                + "<details><summary>Empty?</summary> </details>\n</main></body></html>";
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "faq.html", page);

            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.successCount()).isEqualTo(1);
            List<RowError> errors = E2e.errors(qa, job.id());
            assertThat(errors).extracting(RowError::row, RowError::line, RowError::message).containsExactly(tuple(2L, 4L,
                    "body > main > details:nth-of-type(2): the <details> has no answer after its <summary> \"Empty?\""));
        }
    }

    @Test
    void aDryRunOfAPageCountsItsQuestionsAndOfAMisnamedPageReportsTheFormat() throws IOException {
        try (QaImport qa = qa()) {
            DryRunReport report = qa.dryRun("library-faq.html", new ByteArrayInputStream(fixture("library-faq.html")),
                    ImportOptions.defaults(), 10, e -> { });
            assertThat(report.totalRows()).isEqualTo(4);
            assertThat(report.wouldCreate()).isEqualTo(4);
            assertThat(report.fatalError()).isNull();

            DryRunReport misnamed = qa.dryRun("library-faq.csv", new ByteArrayInputStream(fixture("library-faq.html")),
                    ImportOptions.defaults(), 10, e -> { });
            assertThat(misnamed.fatalError()).contains("UNSUPPORTED_FORMAT", "the file is an HTML page");
        }
    }

    @Test
    void aPageNamedCsvIsRefusedAsAnUnsupportedFormatWhenSubmitted() throws IOException {
        try (QaImport qa = qa()) {
            byte[] page = fixture("library-faq.html");
            ImportException e = catchThrowableOfType(ImportException.class,
                    () -> qa.startImport("faq.csv", new ByteArrayInputStream(page), ImportOptions.defaults()));

            assertThat(e).isNotNull().hasMessageStartingWith("faq.csv: line 1: the file is an HTML page")
                    .hasMessageContaining("name it .html or pass --format html");
            assertThat(e.code()).isEqualTo(ErrorCodes.UNSUPPORTED_FORMAT);
            assertThat(qa.recentJobs(10)).isEmpty();
        }
    }
}
