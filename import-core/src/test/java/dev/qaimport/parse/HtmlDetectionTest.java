package dev.qaimport.parse;

import static dev.qaimport.parse.Parse.failure;
import static dev.qaimport.parse.Parse.records;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.SourceType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The first bytes of a file tell a page or a workbook from what its name says; JSON-LD in a .json file. */
class HtmlDetectionTest {
    private static final String PAGE = "<!DOCTYPE html>\n<html><body><dl><dt>Q?</dt><dd>A.</dd></dl></body></html>";
    private static final byte[] ZIP = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0};

    @Test
    void knowsHtmlByItsExtensionAndFormatName() {
        assertThat(SourceType.fromFilename("FAQ.HTML")).contains(SourceType.HTML);
        assertThat(SourceType.fromFilename("help.htm")).contains(SourceType.HTML);
        assertThat(SourceType.parse("html")).isEqualTo(SourceType.HTML);
        assertThat(SourceType.parse(" HTM ")).isEqualTo(SourceType.HTML);
    }

    @ParameterizedTest
    @EnumSource(value = SourceType.class, names = {"CSV", "TSV", "JSON", "JSONL"})
    void anHtmlPageReadAsAnotherFormatIsUnsupported(SourceType type) {
        ImportException e = failure(PAGE, type);

        assertThat(e.code()).isEqualTo(ErrorCodes.UNSUPPORTED_FORMAT);
        assertThat(e).hasMessage("line 1: the file is an HTML page (it starts with <!DOCTYPE html> or <html>), not " + type.name()
                + " as its name or the format given says; name it .html or pass --format html (ImportOptions.Builder.sourceType(HTML))");
    }

    @Test
    void recognisesAPageAfterABomWhiteSpaceAndCommentsInAnyCase() {
        for (String start : List.of("\uFEFF<!doctype HTML>", "  \n<HTML lang=en>", "<!-- saved page -->\n<html>", "<html>")) {
            assertThat(failure(start + "<p>x</p>", SourceType.CSV).code()).as(start).isEqualTo(ErrorCodes.UNSUPPORTED_FORMAT);
        }
        // Text that merely starts with a tag-like word is not a page.
        assertThat(records("question,answer\n<htmlish>,a\n", SourceType.CSV)).hasSize(1);
        assertThat(records("question,answer\n\"<html>\",a\n", SourceType.CSV)).hasSize(1);
    }

    @Test
    void aZipArchiveSuchAsAWorkbookIsNamedAsSuch() {
        for (SourceType type : List.of(SourceType.HTML, SourceType.CSV, SourceType.JSON)) {
            ImportException e = failure(ZIP, type, ImportOptions.defaults(), Limits.defaults());

            assertThat(e.code()).isEqualTo(ErrorCodes.UNSUPPORTED_FORMAT);
            assertThat(e).hasMessageStartingWith("line 1: the file is a ZIP archive (starts with PK\\3\\4; an Excel .xlsx workbook is one), not ")
                    .hasMessageEndingWith("; import the workbook as .xlsx, or export the sheet as CSV");
        }
        assertThat(failure(ZIP, SourceType.HTML, ImportOptions.defaults(), Limits.defaults())).hasMessageContaining("not an HTML page;");
    }

    @Test
    void anHtmlFragmentWithoutDoctypeIsReadAsHtml() {
        assertThat(records("<h2>Billing</h2><details><summary>Refunds?</summary>14 days.</details>", SourceType.HTML))
                .extracting(ParsedQA::category).containsExactly("Billing");
    }

    @Test
    void sniffingDoesNotBufferTheFileAndLimitsStillCountEveryByte() {
        // A large CSV reads through the peek unchanged, and maxFileBytes still stops it.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("question,answer\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 5_000; i++) {
            out.writeBytes(("q" + i + ",a" + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] csv = out.toByteArray();

        assertThat(Parse.rows(csv, SourceType.CSV, ImportOptions.defaults(), Limits.defaults())).hasSize(5_000);
        assertThat(failure(csv, SourceType.CSV, ImportOptions.defaults(), Limits.defaults().withMaxFileBytes(csv.length - 1)).code())
                .isEqualTo(ErrorCodes.LIMIT_EXCEEDED);
    }

    @Test
    void aJsonFileHoldingAnFaqPageGraphOrASingleQuestionReadsOnePairPerQuestion() {
        String graph = "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"x\"},{\"@type\":\"FAQPage\","
                + "\"mainEntity\":[{\"@type\":\"Question\",\"name\":\"One?\",\"acceptedAnswer\":{\"@type\":\"Answer\",\"text\":\"1\"}},"
                + "{\"@type\":\"Question\",\"name\":\"Two?\",\"acceptedAnswer\":{\"@type\":\"Answer\",\"text\":\"2\"}}]}]}";

        assertThat(records(graph, SourceType.JSON)).extracting(ParsedQA::question, ParsedQA::answer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("One?", "1"), org.assertj.core.groups.Tuple.tuple("Two?", "2"));
    }

    @Test
    void aJsonLdDocumentWithoutFaqPageSaysSoAndARecordsPathStillReadsIt() {
        String list = "{\"@context\": \"https://schema.org\", \"@type\": \"ItemList\", \"itemListElement\": "
                + "[{\"question\": \"Q?\", \"answer\": \"A.\"}]}";

        ImportException e = failure(list, SourceType.JSON);
        assertThat(e.code()).isEqualTo(ErrorCodes.MISSING_COLUMNS);
        assertThat(e).hasMessageStartingWith("the schema.org JSON-LD document has no FAQPage (or QAPage) with mainEntity questions; "
                + "to read other records from it, name them with recordsPath");

        assertThat(records(list, SourceType.JSON, ImportOptions.builder().recordsPath("itemListElement").build()))
                .extracting(ParsedQA::answer).containsExactly("A.");
    }

    @Test
    void aBrokenJsonLdDocumentIsFatalWithItsLine() {
        ImportException e = failure("{\"@context\": \"https://schema.org\",\n \"@type\": \"FAQPage\",\n \"mainEntity\": [}", SourceType.JSON);

        assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
        assertThat(e).hasMessageStartingWith("line 3, column 17: not valid JSON: ");
    }
}
