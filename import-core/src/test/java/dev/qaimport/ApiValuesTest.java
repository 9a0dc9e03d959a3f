package dev.qaimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.SourceType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiValuesTest {
    @Test
    void limitsDefaultToTheDocumentedValues() {
        Limits l = Limits.defaults();

        assertThat(l.maxQuestionLength()).isEqualTo(1000);
        assertThat(l.maxAnswerLength()).isEqualTo(20000);
        assertThat(l.maxCategoryLength()).isEqualTo(200);
        assertThat(l.maxTags()).isEqualTo(20);
        assertThat(l.maxTagLength()).isEqualTo(50);
    }

    @Test
    void limitsCopiesChangeOnlyTheirField() {
        Limits l = Limits.defaults().withMaxAnswerLength(50_000).withMaxTags(3).withMaxRows(10).withMaxFileBytes(99)
                .withMaxFieldChars(7).withMaxColumns(5).withMaxJsonDepth(4).withMaxQuestionLength(6).withMaxCategoryLength(8)
                .withMaxTagLength(9);

        assertThat(l).isEqualTo(new Limits(99, 10, 7, 5, 4, 6, 50_000, 8, 3, 9));
    }

    @Test
    void limitsRejectNonPositiveValuesNamingTheParameter() {
        assertThatThrownBy(() -> Limits.defaults().withMaxQuestionLength(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxQuestionLength < 1: 0");
        assertThatThrownBy(() -> Limits.defaults().withMaxTags(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxTags < 0: -1");
    }

    @Test
    void sourceTypeComesFromTheExtensionIgnoringCase() {
        assertThat(SourceType.fromFilename("FAQ.CSV")).contains(SourceType.CSV);
        assertThat(SourceType.fromFilename("kb.tab")).contains(SourceType.TSV);
        assertThat(SourceType.fromFilename("a.b.json")).contains(SourceType.JSON);
        assertThat(SourceType.fromFilename("x.ndjson")).contains(SourceType.JSONL);
        assertThat(SourceType.fromFilename("Book1.XLSX")).contains(SourceType.XLSX);
        assertThat(SourceType.fromFilename("legacy.xls")).as("refused by the workbook reader, by its content").contains(SourceType.XLSX);
        assertThat(SourceType.fromFilename("notes.txt")).isEmpty();
        assertThat(SourceType.fromFilename("README")).isEmpty();
        assertThat(SourceType.fromFilename(null)).isEmpty();
    }

    @Test
    void sourceTypeParsesUserInputAndNamesTheAcceptedValues() {
        assertThat(SourceType.parse(" JSONL ")).isEqualTo(SourceType.JSONL);
        assertThat(SourceType.parse("ndjson")).isEqualTo(SourceType.JSONL);
        assertThat(SourceType.parse("XLSX")).isEqualTo(SourceType.XLSX);
        assertThatThrownBy(() -> SourceType.parse("ods"))
                .hasMessage("unknown format 'ods' (expected csv, tsv, json, jsonl, html or xlsx)");
    }

    @Test
    void fieldParsesIgnoringCaseAndNamesTheAcceptedValues() {
        assertThat(Field.parse("Question")).isEqualTo(Field.QUESTION);
        assertThat(Field.TAGS.key()).isEqualTo("tags");
        assertThatThrownBy(() -> Field.parse("title")).hasMessage("unknown field 'title' (expected question, answer, category or tags)");
    }

    @Test
    void importOptionsRoundTripThroughTheirBuilder() {
        ImportOptions o = ImportOptions.builder().sourceType(SourceType.CSV).encoding(StandardCharsets.ISO_8859_1).detectEncoding(true)
                .delimiter(';').column(Field.QUESTION, " Frage ").column(Field.ANSWER, "Antwort").recordsPath("data.items")
                .duplicatePolicy(DuplicatePolicy.UPDATE).answerFormat(AnswerFormat.PLAIN_TEXT).build();

        assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o);
        assertThat(o.columns()).containsEntry(Field.QUESTION, "Frage");
        assertThat(o.toString()).contains("delimiter=';'", "recordsPath=data.items");
        assertThat(ImportOptions.defaults().columns()).isEmpty();
    }

    @Test
    void importOptionsRejectBadValues() {
        assertThatThrownBy(() -> ImportOptions.builder().delimiter('"')).hasMessageContaining("delimiter cannot be a quote");
        assertThatThrownBy(() -> ImportOptions.builder().column(Field.ANSWER, " ")).hasMessage("column name for answer is blank");
        assertThat(ImportOptions.builder().recordsPath("  ").build().recordsPath()).isNull();
    }

    @Test
    void embeddingInputRendersEachPlaceholderOnce() {
        EmbeddingInput t = EmbeddingInput.template("[{category}] {question} | {tags} | {unknown}");

        assertThat(t.render("Q {answer}?", "A", "Cat", List.of("x", "y"))).isEqualTo("[Cat] Q {answer}? | x, y | {unknown}");
        assertThat(EmbeddingInput.questionAndAnswer().render("Q?", "A.", null, List.of())).isEqualTo("Q?\n\nA.");
        assertThat(EmbeddingInput.question().render("Q?", "A.", null, null)).isEqualTo("Q?");
        assertThatThrownBy(() -> EmbeddingInput.template("no placeholders")).hasMessageContaining("template has no placeholder");
        assertThat(EmbeddingInput.template("{question}")).isEqualTo(EmbeddingInput.question());
    }

    @Test
    void importExceptionCarriesItsCode() {
        ImportException e = new ImportException("MISSING_COLUMNS", "no question column");

        assertThat(e.code()).isEqualTo("MISSING_COLUMNS");
        assertThat(e).hasMessage("no question column");
    }
}
