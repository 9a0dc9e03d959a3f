package dev.qaimport.e2e;

import static dev.qaimport.e2e.E2e.pairs;
import static dev.qaimport.e2e.E2e.row;
import static dev.qaimport.e2e.E2e.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.qaimport.AnswerFormat;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.QaImport;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import dev.qaimport.testing.MarkupAssertions;
import dev.qaimport.validate.Sanitizer;
import dev.qaimport.testing.XssPayloads;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OWASP filter-evasion payloads of import-core's {@code XssPayloads}, imported from a
 * CSV through {@link QaImport} on H2 and read back from the database: no stored answer holds
 * script, an event handler or a dangerous URL; questions and categories hold no markup; entities
 * are decoded once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XssEndToEndTest {
    private static final List<String> PAYLOADS = XssPayloads.all().map(a -> (String) a.get()[1]).collect(Collectors.toList());
    /** A {@code <} that does not open or close one of the allowed elements. */
    private static final Pattern FOREIGN_TAG = Pattern.compile("<(?!/?(p|br|ul|ol|li|b|strong|i|em|u|code|pre|blockquote|a)[\\s>/])");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s([a-zA-Z-]+)=\"([^\"]*)\"");
    /** The start of any tag, comment or declaration, as a browser would read it. */
    private static final Pattern MARKUP = Pattern.compile("<[a-zA-Z/!?]");

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
        return QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO)
                .limits(Limits.defaults().withMaxCategoryLength(1_000)).build();
    }

    private String hostileCsv() {
        StringBuilder csv = new StringBuilder("question,answer,category,tags\n");
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String p = PAYLOADS.get(i);
            csv.append(row("Question " + i + " " + p, "Answer " + i + ": " + p, p, "t" + i));
        }
        return csv.toString();
    }

    /** Question, answer and category exactly as the database holds them. */
    private List<String[]> storedRows() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT question, answer, category FROM qa_pairs ORDER BY source_row")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list());
    }

    @Test
    void noStoredAnswerHoldsScriptHandlersOrDangerousUrls() {
        assertThat(PAYLOADS).hasSizeGreaterThan(100);
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "xss.csv", hostileCsv());

            assertThat(job.status()).as(job.errorMessage()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.totalRows()).isEqualTo(PAYLOADS.size());
            assertThat(job.successCount()).isEqualTo(PAYLOADS.size());
            List<String[]> rows = storedRows();
            assertThat(rows).hasSize(PAYLOADS.size());
            for (String[] r : rows) {
                String answer = r[1];
                MarkupAssertions.assertSafeHtml(answer);
                assertThat(FOREIGN_TAG.matcher(answer).find()).as("a tag that is not allowed in %s", answer).isFalse();
                Matcher attribute = ATTRIBUTE.matcher(answer);
                while (attribute.find()) {
                    String name = attribute.group(1).toLowerCase(Locale.ROOT);
                    assertThat(name).as("attribute in %s", answer).isIn("href", "rel");
                    if (name.equals("href")) {
                        assertThat(attribute.group(2)).as("link in %s", answer).matches("(?i)(https?|mailto):.*");
                    }
                }
                assertThat(answer.toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("<svg").doesNotContain("<style")
                        .doesNotContain("<iframe").doesNotContain("<img").doesNotContain("\u0000");
            }
        }
    }

    @Test
    void questionsAndCategoriesArePlainText() {
        try (QaImport qa = qa()) {
            run(qa, "xss.csv", hostileCsv());

            for (String[] r : storedRows()) {
                for (String plain : new String[] {r[0], r[2]}) {
                    if (plain == null) {
                        continue;
                    }
                    MarkupAssertions.assertNoMarkup(plain);
                    assertThat(MARKUP.matcher(plain).find()).as("markup in %s", plain).isFalse();
                    assertThat(plain).doesNotContain("\u202E").doesNotContain("\u0000");
                }
            }
        }
    }

    @Test
    void plainTextAnswersHoldNoMarkupAtAll() {
        try (QaImport qa = qa()) {
            ImportJob job = E2e.run(qa, "xss.csv", E2e.utf8(hostileCsv()), ImportOptions.builder().answerFormat(AnswerFormat.PLAIN_TEXT).build());

            assertThat(job.successCount()).isEqualTo(PAYLOADS.size());
            for (QAPair p : pairs(qa, job.id())) {
                MarkupAssertions.assertNoMarkup(p.answer());
                assertThat(MARKUP.matcher(p.answer()).find()).as("markup in %s", p.answer()).isFalse();
            }
        }
    }

    @Test
    void entitiesAreDecodedOnceNotTwice() {
        String csv = "question,answer\n"
                + row("Fish &amp; chips?", "Fish &amp; chips")
                + row("Tom &amp;amp; Jerry?", "Tom &amp;amp; Jerry")
                + row("Is 5 &lt; 6?", "Yes: 5 &lt; 6 &amp;&amp; 6 &gt; 5")
                + row("caf&eacute; &#x263A; &#9731;?", "caf&eacute; &#9731; &nbsp;end")
                + row("&lt;b&gt;bold&lt;/b&gt;?", "<b>bold</b> and &lt;b&gt;literal&lt;/b&gt;");
        try (QaImport qa = qa()) {
            ImportJob job = run(qa, "entities.csv", csv);

            assertThat(job.successCount()).isEqualTo(5);
            List<QAPair> stored = pairs(qa, job.id());
            assertThat(stored).extracting(QAPair::question, QAPair::answer).containsExactly(
                    tuple("Fish & chips?", "Fish &amp; chips"),
                    tuple("Tom &amp; Jerry?", "Tom &amp;amp; Jerry"),
                    tuple("Is 5 < 6?", "Yes: 5 &lt; 6 &amp;&amp; 6 &gt; 5"),
                    tuple("café ☺ ☃?", "café ☃ end"),
                    tuple("< b>bold< /b>?", "<b>bold</b> and &lt;b&gt;literal&lt;/b&gt;"));
            // Read as text, each answer says what its source said once decoded.
            assertThat(stored).extracting(p -> Sanitizer.plainText(p.answer()))
                    .containsExactly("Fish & chips", "Tom &amp; Jerry", "Yes: 5 < 6 && 6 > 5", "café ☃ end", "bold and < b>literal< /b>");
        }
    }
}
