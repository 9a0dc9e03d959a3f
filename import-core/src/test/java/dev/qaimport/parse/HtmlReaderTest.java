package dev.qaimport.parse;

import static dev.qaimport.parse.Parse.error;
import static dev.qaimport.parse.Parse.failure;
import static dev.qaimport.parse.Parse.records;
import static dev.qaimport.parse.Parse.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.qaimport.AnswerFormat;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.SourceType;
import dev.qaimport.parse.internal.ParsedRow;
import dev.qaimport.testing.MarkupAssertions;
import dev.qaimport.validate.Sanitizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The FAQ web page reader: JSON-LD, Microdata, details/summary and dl, and where its errors point. */
class HtmlReaderTest {
    private static final SourceType HTML = SourceType.HTML;

    static String page(String head, String body) {
        return "<!DOCTYPE html>\n<html><head>" + head + "</head>\n<body>\n" + body + "\n</body></html>\n";
    }

    static String ld(String json) {
        return "<script type=\"application/ld+json\">" + json + "</script>";
    }

    static String fixture(String name) {
        try (InputStream in = HtmlReaderTest.class.getResourceAsStream("/html/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsJsonLdFromGraphsTypeArraysReferencesAndAnswerArraysAndPrefersItToTheVisibleDetails() {
        List<ParsedQA> qas = records(fixture("bakery-faq.html"), HTML);

        assertThat(qas).extracting(ParsedQA::question).containsExactly("When do you open?", "Do you bake gluten-free bread?");
        assertThat(qas.get(0).answer()).isEqualTo("Monday to Saturday, 7am to 3pm.");
        assertThat(qas.get(0).category()).isNull();
        assertThat(qas.get(1).category()).isEqualTo("Allergies");
        assertThat(qas.get(1).tags()).containsExactly("gluten", "allergies");
        assertThat(qas).extracting(ParsedQA::row).containsExactly(1L, 2L);
        // A question given by reference is located where it is defined.
        assertThat(qas).extracting(ParsedQA::line).containsExactly(36L, 24L);
    }

    @Test
    void readsSeveralJsonLdBlocksInPageOrderWithMainEntityAsObjectAndTextArrays() {
        String html = page(ld("{\"@type\":\"FAQPage\",\"mainEntity\":{\"@type\":\"Question\",\"name\":\"One?\","
                + "\"acceptedAnswer\":{\"text\":\"First.\"}}}"), ld("[{\"@type\":\"Organization\"},{\"@context\":\"https://schema.org\","
                + "\"@type\":\"https://schema.org/FAQPage\",\"mainEntity\":[{\"@type\":\"Question\",\"name\":\"Two?\",\"acceptedAnswer\":"
                + "[{\"text\":\"Second\"},{\"text\":[\"a\",\"b\"]}]}]}]"));

        List<ParsedQA> qas = records(html, HTML);

        assertThat(qas).extracting(ParsedQA::question).containsExactly("One?", "Two?");
        assertThat(qas.get(1).answer()).isEqualTo("Second\n\na\nb");
    }

    @Test
    void readsAQaPagesSuggestedAnswerAndPrefixedTypesAndRefusesAMainEntityThatIsNoObject() {
        String html = page("<script type=\"Application/LD+JSON; charset=utf-8\">{\"@type\": \"schema:QAPage\", \"mainEntity\": "
                + "{\"@type\": \"Question\", \"name\": \"Why?\", \"suggestedAnswer\": [{\"text\": \"Because.\"}]}}</script>"
                + ld("{\"@type\": \"FAQPage\", \"mainEntity\": [\"just text\"]}"), "");

        List<ParsedRow> rows = rows(html, HTML);

        assertThat(rows.get(0).qa().answer()).isEqualTo("Because.");
        assertThat(error(rows.get(1)).message()).isEqualTo("ld+json block 2 (line 2), question 1: mainEntity holds a string, not a Question object");
    }

    @Test
    void importsAQuestionRepeatedWithTheSameAnswerOnce() {
        String q = "{\"@type\":\"FAQPage\",\"mainEntity\":[{\"@type\":\"Question\",\"name\":\"Same?\",\"acceptedAnswer\":{\"text\":\"Yes.\"}}]}";

        assertThat(records(page(ld(q) + ld(q), ""), HTML)).hasSize(1);
    }

    @Test
    void brokenJsonLdQuestionsAreRowErrorsNamingTheBlockAndQuestion() {
        String html = page(ld("{\"@type\":\"Thing\",\"name\": broken}")
                + ld("{\"@type\":\"FAQPage\",\"mainEntity\":[{\"name\":\"Ok?\",\"acceptedAnswer\":{\"text\":\"Ok.\"}},"
                        + "{\"@type\":\"Question\",\"name\":\"No answer?\"},{\"name\":\"Object?\",\"acceptedAnswer\":{\"text\":{\"x\":1}}}]}")
                + ld("{\"@type\":\"FAQPage\", \"mainEntity\": [ oops ]}"), "");

        List<ParsedRow> rows = rows(html, HTML);

        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).qa().question()).isEqualTo("Ok?");
        assertThat(error(rows.get(1)).message()).isEqualTo("ld+json block 2 (line 2), question 2: the Question \"No answer?\" has no acceptedAnswer with a text");
        assertThat(error(rows.get(1)).code()).isEqualTo(ErrorCodes.MALFORMED_ROW);
        assertThat(error(rows.get(1)).row()).isEqualTo(2);
        assertThat(error(rows.get(2)).message()).isEqualTo("ld+json block 2 (line 2), question 3: acceptedAnswer.text is an object, not text");
        assertThat(error(rows.get(3)).message()).startsWith("ld+json block 3 (line 2): the block is not valid JSON at line 2: Unrecognized token 'oops'");
    }

    @Test
    void readsMicrodataQuestionsWithHeadingsAsCategoriesAndIgnoresTheUnmarkedDetails() {
        List<ParsedQA> qas = records(fixture("clinic-faq-microdata.html"), HTML);

        assertThat(qas).extracting(ParsedQA::question).containsExactly("Wie vereinbare ich einen Termin?",
                "Muss ich meine Versichertenkarte mitbringen?", "Kann ich ein Folgerezept bestellen?");
        assertThat(qas).extracting(ParsedQA::category).containsExactly("Termine", "Termine", "Rezepte");
        assertThat(qas.get(0).answer()).isEqualTo("<p>Telefonisch oder <a href=\"https://praxis.example/termin\">online</a>.</p>");
        assertThat(qas.get(2).answer()).isEqualTo("Ja, per E-Mail; abholen können Sie es nach <em>zwei Werktagen</em>.");
        assertThat(qas.get(0).line()).isEqualTo(8);
    }

    @Test
    void microdataQuestionWithoutAnswerIsARowErrorNamingTheElementsPath() {
        String html = page("", "<main><div itemscope itemtype=\"https://schema.org/Question\"><span itemprop=\"name\">Q?</span></div>\n"
                + "<div itemscope itemtype=\"https://schema.org/Question\"><span itemprop=\"name\">Q2?</span>"
                + "<div itemprop=\"acceptedAnswer\" itemscope><p itemprop=\"text\">A2</p></div></div></main>");

        List<ParsedRow> rows = rows(html, HTML);

        assertThat(error(rows.get(0)).message()).isEqualTo("body > main > div:nth-of-type(1): the Question \"Q?\" has no "
                + "itemprop=\"acceptedAnswer\" with an itemprop=\"text\"");
        assertThat(rows.get(1).qa().answer()).isEqualTo("A2");
    }

    @Test
    void readsDetailsWithSectionHeadingsAsCategoriesAndKeepsNestedDetailsInTheAnswer() {
        List<ParsedQA> qas = records(fixture("library-faq.html"), HTML);

        assertThat(qas).extracting(ParsedQA::question).containsExactly("How do I get a library card?", "I lost my card. What now?",
                "How many books can I borrow?", "Can I renew online?");
        assertThat(qas).extracting(ParsedQA::category).containsExactly("Library cards", "Library cards", "Borrowing", "Borrowing");
        // The answer's HTML as written on the page, not re-indented.
        assertThat(qas.get(2).answer()).isEqualTo("<ul>\n        <li>Adults: 20 items</li>\n        <li>Children: 10 items</li>\n      </ul>");
        assertThat(qas.get(3).answer()).contains("<summary>What if it is reserved?</summary>");
        assertThat(qas.get(0).line()).isEqualTo(13);
    }

    @Test
    void aLabelledSectionWithoutHeadingNamesTheCategory() {
        String html = page("", "<h2>Elsewhere</h2><section aria-label=\"Returns\"><details><summary>How?</summary>By post.</details></section>"
                + "<section><details><summary>Where?</summary>Here.</details></section>");

        assertThat(records(html, HTML)).extracting(ParsedQA::category).containsExactly("Returns", "Elsewhere");
    }

    @Test
    void detailsThatOnlyGroupDetailsGiveTheirSummaryAsCategory() {
        String html = page("", "<details><summary>Billing</summary>\n<details><summary>Refunds?</summary>Within 14 days.</details>\n"
                + "<details><summary>Invoices?</summary><p>In your account.</p></details></details>");

        List<ParsedQA> qas = records(html, HTML);

        assertThat(qas).extracting(ParsedQA::question).containsExactly("Refunds?", "Invoices?");
        assertThat(qas).extracting(ParsedQA::category).containsExactly("Billing", "Billing");
        assertThat(qas.get(0).answer()).isEqualTo("Within 14 days.");
    }

    @Test
    void anEmptyDetailsIsARowErrorWithItsPathAndRowNumbersCountThePagesItems() {
        String html = page("", "<main><details><summary>A?</summary>a</details>\n<details><summary>B?</summary>b</details>\n"
                + "<details><summary>C?</summary> <p> </p></details>\n<details><summary>D?</summary>d</details></main>");

        List<ParsedRow> rows = rows(html, HTML);

        assertThat(rows).extracting(ParsedRow::row).containsExactly(1L, 2L, 3L, 4L);
        assertThat(error(rows.get(2)).message()).isEqualTo("body > main > details:nth-of-type(3): the <details> has no answer after its <summary> \"C?\"");
        assertThat(error(rows.get(2)).line()).isEqualTo(6);
    }

    @Test
    void readsDefinitionListsWithDivGroupsAndSeveralTermsOrDescriptions() {
        String html = page("", "<h1>Help</h1><h2>Shipping</h2>\n<dl><dt>Do you ship abroad?</dt><dd>Yes.</dd><dd>To the EU only.</dd>\n"
                + "<div><dt>How long?</dt><dt>When will it arrive?</dt><dd><p>3 days.</p></dd></div><dt>Orphan?</dt></dl>");

        List<ParsedRow> rows = rows(html, HTML);

        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).qa().answer()).isEqualTo("Yes.\nTo the EU only.");
        assertThat(rows.get(0).qa().category()).isEqualTo("Shipping");
        assertThat(rows.get(1).qa().question()).isEqualTo("How long?");
        assertThat(rows.get(2).qa().question()).isEqualTo("When will it arrive?");
        assertThat(rows.get(2).qa().answer()).isEqualTo("<p>3 days.</p>");
        assertThat(error(rows.get(3)).message()).isEqualTo("body > dl > dt:nth-of-type(2): the <dt> \"Orphan?\" has no <dd> answer");
    }

    @Test
    void answersHtmlIsCleanedByTheSanitizerLikeEveryAnswer() {
        ParsedQA lost = records(fixture("library-faq.html"), HTML).get(1);
        String clean = new Sanitizer(AnswerFormat.BASIC_HTML).answer(lost.answer());

        assertThat(lost.answer()).contains("onerror", "onclick");
        MarkupAssertions.assertSafeHtml(clean);
        assertThat(clean).contains("in your account").doesNotContain("onclick", "onerror", "steal", "<img");

        String bakery = new Sanitizer(AnswerFormat.BASIC_HTML).answer(records(fixture("bakery-faq.html"), HTML).get(1).answer());
        assertThat(bakery).isEqualTo("Yes, on <strong>Tuesdays and Fridays</strong>, in a separate oven.");
    }

    @Test
    void aPageWithoutFaqContentSaysWhatWasLookedFor() {
        ImportException e = failure(page("<title>About</title>", "<p>We are a bakery.</p>"), HTML);

        assertThat(e.code()).isEqualTo(ErrorCodes.MISSING_COLUMNS);
        assertThat(e).hasMessageContaining("the page has no FAQ").hasMessageContaining("FAQPage JSON-LD")
                .hasMessageContaining("Microdata").hasMessageContaining("<details>").hasMessageContaining("<dl>");
        assertThat(failure("  \n", HTML).code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
    }

    @Test
    void manyThousandSiblingItemsReadInLinearTime() {
        int n = 30_000;
        StringBuilder body = new StringBuilder("<main><h2>All</h2>\n");
        for (int i = 1; i <= n; i++) {
            body.append("<details><summary>Q").append(i).append("?</summary>A").append(i).append("</details>\n");
        }
        String html = page("", body.append("</main>").toString());

        // Paths and headings looked up sibling by sibling would take minutes here.
        List<ParsedRow> rows = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> rows(html, HTML));

        assertThat(rows).hasSize(n);
        assertThat(rows.get(n - 1).qa().category()).isEqualTo("All");
        assertThat(rows.get(n - 1).qa().line()).isEqualTo(n + 4);
    }

    @Test
    void thePathOfADeeplyNestedItemNamesItsNearestAncestors() {
        String html = page("", "<div>".repeat(300) + "<details><summary>Q?</summary> </details>");

        assertThat(error(rows(html, HTML).get(0)).message())
                .isEqualTo("body > … > " + "div > ".repeat(10) + "details: the <details> has no answer after its <summary> \"Q?\"");
    }

    @Test
    void anOverLongAnswerIsARowError() {
        String html = page("", "<details><summary>Long?</summary>" + "x".repeat(200) + "</details><details><summary>Short?</summary>y</details>");
        Limits limits = Limits.defaults().withMaxFieldChars(100);

        List<ParsedRow> rows = Parse.rows(html, HTML, ImportOptions.defaults(), limits);

        assertThat(error(rows.get(0)).code()).isEqualTo(ErrorCodes.TOO_LONG);
        assertThat(error(rows.get(0)).field()).isEqualTo("answer");
        assertThat(rows.get(1).qa().answer()).isEqualTo("y");
    }

    @Test
    void honoursTheMetaCharsetOfThePage() {
        byte[] bytes = ("<html><head><meta charset=\"windows-1252\"></head><body><dl><dt>Caf\u00e9?</dt><dd>Oui.</dd></dl></body></html>")
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));

        assertThat(Parse.rows(bytes, HTML, ImportOptions.defaults(), Limits.defaults()).get(0).qa().question()).isEqualTo("Café?");

        // A page that says Latin-1 is read as Windows-1252, as a browser reads it.
        byte[] latin1 = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><dl>"
                + "<dt>Prix?</dt><dd>5 \u20ac</dd></dl></body></html>").getBytes(java.nio.charset.Charset.forName("windows-1252"));
        assertThat(Parse.rows(latin1, HTML, ImportOptions.defaults(), Limits.defaults()).get(0).qa().answer()).isEqualTo("5 €");
    }
}
