package dev.qaimport.parse;

import dev.qaimport.parse.internal.RecordReaders;
import dev.qaimport.parse.internal.RecordReader;
import dev.qaimport.parse.internal.ParsedRow;
import static dev.qaimport.parse.Parse.error;
import static dev.qaimport.parse.Parse.failure;
import static dev.qaimport.parse.Parse.map;
import static dev.qaimport.parse.Parse.records;
import static dev.qaimport.parse.Parse.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.qaimport.Field;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.SourceType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {
    private static final SourceType JSON = SourceType.JSON;
    private static final String TWO = "[{\"question\": \"q1\", \"answer\": \"a1\"}, {\"question\": \"q2\", \"answer\": \"a2\"}]";

    @Test
    void readsATopLevelArrayOfObjects() {
        assertThat(records(TWO, JSON)).extracting(ParsedQA::row, ParsedQA::question, ParsedQA::answer)
                .containsExactly(tuple(1L, "q1", "a1"), tuple(2L, "q2", "a2"));
    }

    @Test
    void recordLineIsTheLineOfItsOpeningBrace() {
        String json = "[\n  {\n    \"question\": \"q1\",\n    \"answer\": \"a1\"\n  },\n\n  {\"question\": \"q2\",\n   \"answer\": \"a2\"}\n]\n";

        assertThat(records(json, JSON)).extracting(ParsedQA::line).containsExactly(2L, 7L);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"items", "data", "qa_pairs", "faqs", "questions_answers", "mainEntity", "anything"})
    void findsTheRecordsUnderAnyKeyHoldingAnArrayOfRecords(String key) {
        String json = "{\"version\": 2, \"" + key + "\": " + TWO + "}";

        assertThat(records(json, JSON)).extracting(ParsedQA::question).containsExactly("q1", "q2");
    }

    @Test
    void skipsMetadataObjectsAndListsThatAreNotRecords() {
        String json = "{\"_meta\": {\"generated\": \"2026-01-10\", \"source\": \"x.csv\", \"total\": 2},"
                + " \"languages\": [\"en\", \"fr\"], \"authors\": [{\"name\": \"Ann\"}, {\"name\": \"Bob\"}],"
                + " \"faqs\": " + TWO + ", \"footer\": {\"note\": \"end\"}}";

        assertThat(records(json, JSON)).extracting(ParsedQA::question).containsExactly("q1", "q2");
    }

    @Test
    void findsTheRecordsInsideNestedWrappers() {
        String json = "{\"status\": \"ok\", \"data\": {\"page\": 1, \"items\": " + TWO + "}, \"after\": [1, 2]}";

        assertThat(records(json, JSON)).extracting(ParsedQA::question).containsExactly("q1", "q2");
    }

    @Test
    void takesAWellKnownListEvenWhenItsFirstObjectLacksTheKeysAndSaysSo() {
        ImportException e = failure("{\"items\": [{\"frage\": \"q\", \"erläuterung\": \"a\"}]}", JSON);

        assertThat(e.code()).isEqualTo(ErrorCodes.MISSING_COLUMNS);
        assertThat(e.getMessage()).startsWith("line 1 (the first record): no key for answer. Keys found: [\"frage\", \"erläuterung\"]. "
                + "To import it, map them: --map question=frage,answer=erläuterung");
    }

    @Test
    void readsAnObjectWhoseValuesAreRecordsKeyedBySlug() {
        String json = "{\n \"final_price\": {\"question\": \"q1\", \"answer\": \"a1\"},\n \"count\": 2,\n"
                + " \"process\": {\"question\": \"q2\", \"answer\": \"a2\"}\n} ";

        assertThat(records(json, JSON)).extracting(ParsedQA::row, ParsedQA::line, ParsedQA::question)
                .containsExactly(tuple(1L, 2L, "q1"), tuple(2L, 4L, "q2"));
    }

    @Test
    void readsATopLevelObjectThatIsOneRecord() {
        assertThat(records("{\"question\": \"q\", \"answer\": \"a\", \"tags\": [\"x\"]}", JSON))
                .extracting(ParsedQA::question, ParsedQA::tags).containsExactly(tuple("q", List.of("x")));
    }

    @Test
    void recordsPathPicksTheRecordsExplicitly() {
        String json = "{\"faq\": [{\"question\": \"wrong\", \"answer\": \"x\"}], \"v2\": {\"entries\": " + TWO + "}}";

        List<ParsedQA> qa = records(json, JSON, ImportOptions.builder().recordsPath("v2.entries").build());

        assertThat(qa).extracting(ParsedQA::question).containsExactly("q1", "q2");
    }

    @Test
    void recordsPathCanIndexIntoArraysAndPointAtAnObjectOfRecords() {
        String json = "{\"@graph\": [{\"x\": 1}, {\"byId\": {\"a\": {\"question\": \"q\", \"answer\": \"a\"}}}]}";

        List<ParsedQA> qa = records(json, JSON, ImportOptions.builder().recordsPath("@graph.1.byId").build());

        assertThat(qa).extracting(ParsedQA::question).containsExactly("q");
    }

    @Test
    void recordsPathThatLeadsNowhereFailsSayingWhere() {
        ImportException e = failure("{\"data\": {\"list\": []}}", JSON, ImportOptions.builder().recordsPath("data.items").build(),
                Limits.defaults());

        assertThat(e.code()).isEqualTo(ErrorCodes.MISSING_COLUMNS);
        assertThat(e.getMessage()).endsWith("the records path \"data.items\" does not lead to the records: $.data has no key \"items\"");
    }

    @Test
    void recognisesSchemaOrgFaqPageWithoutMapping() {
        String json = "{\"@context\": \"https://schema.org\", \"@type\": \"FAQPage\", \"name\": \"Frequently Asked Questions\","
                + " \"mainEntity\": [{\"@type\": \"Question\", \"name\": \"Is it free?\","
                + " \"acceptedAnswer\": {\"@type\": \"Answer\", \"text\": \"Yes.\"}}]}";

        assertThat(records(json, JSON)).extracting(ParsedQA::question, ParsedQA::answer, ParsedQA::category)
                .containsExactly(tuple("Is it free?", "Yes.", null));
    }

    @Test
    void dottedMappingReadsNestedKeys() {
        String json = "[{\"id\": 1, \"q\": {\"en\": \"q-en\", \"fr\": \"q-fr\"}, \"meta\": {\"answer\": {\"en\": \"a-en\"}}, \"cat\": \"c\"}]";
        ImportOptions options = ImportOptions.builder().column(Field.QUESTION, "q.en").column(Field.ANSWER, "meta.answer.en")
                .column(Field.CATEGORY, "cat").build();

        assertThat(records(json, JSON, options)).extracting(ParsedQA::question, ParsedQA::answer, ParsedQA::category)
                .containsExactly(tuple("q-en", "a-en", "c"));
    }

    @Test
    void explicitKeyMappingWinsOverAliases() {
        List<ParsedQA> qa = records("[{\"question\": \"no\", \"answer\": \"no\", \"Frage\": \"f\", \"Antwort\": \"x\"}]", JSON,
                map("Frage", "Antwort"));

        assertThat(qa).extracting(ParsedQA::question, ParsedQA::answer).containsExactly(tuple("f", "x"));
    }

    @Test
    void keysMatchAliasesLikeCsvHeaders() {
        List<ParsedQA> qa = records("[{\"Pregunta\": \"q\", \"RESPUESTA\": \"a\", \"categoría\": \"c\", \"keywords\": \"x|y\"}]", JSON);

        assertThat(qa).extracting(ParsedQA::question, ParsedQA::answer, ParsedQA::category, ParsedQA::tags)
                .containsExactly(tuple("q", "a", "c", List.of("x", "y")));
    }

    @Test
    void tagsMayBeAnArrayOrAString() {
        String json = "[{\"q\": \"1\", \"a\": \"1\", \"tags\": [\" x \", \"\", null, 3, \"y\"]}, {\"q\": \"2\", \"a\": \"2\", \"tags\": \"x; y,z\"}]";

        assertThat(records(json, JSON)).extracting(ParsedQA::tags).containsExactly(List.of("x", "3", "y"), List.of("x", "y", "z"));
    }

    @Test
    void numbersAndBooleansBecomeTextAndNullIsAbsent() {
        ParsedQA qa = records("[{\"question\": 42, \"answer\": true, \"category\": 1.50, \"tags\": null}]", JSON).get(0);

        assertThat(qa).extracting(ParsedQA::question, ParsedQA::answer, ParsedQA::category, ParsedQA::tags)
                .containsExactly("42", "true", "1.50", List.of());
    }

    @Test
    void objectWhereTextIsExpectedIsARowErrorAndTheNextRecordImports() {
        List<ParsedRow> rows = rows("[{\"question\": \"q1\", \"answer\": {\"text\": \"a\"}},\n {\"question\": \"q2\", \"answer\": \"a2\"}]", JSON);

        assertThat(error(rows.get(0))).extracting("row", "line", "field", "code", "message")
                .containsExactly(1L, 1L, "answer", ErrorCodes.MALFORMED_ROW, "the answer (key \"answer\") is an object; expected text");
        assertThat(error(rows.get(0)).question()).isEqualTo("q1");
        assertThat(rows.get(1).qa()).extracting(ParsedQA::row, ParsedQA::line, ParsedQA::question).containsExactly(2L, 2L, "q2");
    }

    @Test
    void tagsHoldingObjectsAreARowError() {
        ParsedRow row = rows("[{\"question\": \"q\", \"answer\": \"a\", \"tags\": [{\"name\": \"x\"}]}]", JSON).get(0);

        assertThat(error(row)).extracting("field", "message").containsExactly("tags", "tags (key \"tags\") holds an object; expected strings");
    }

    @Test
    void elementThatIsNotAnObjectIsARowErrorWithItsRowNumber() {
        List<ParsedRow> rows = rows("[{\"question\": \"q1\", \"answer\": \"a1\"},\n \"stray\",\n [1],\n {\"question\": \"q4\", \"answer\": \"a4\"}]", JSON);

        assertThat(rows).extracting(ParsedRow::row, ParsedRow::line).containsExactly(tuple(1L, 1L), tuple(2L, 2L), tuple(3L, 3L), tuple(4L, 4L));
        assertThat(error(rows.get(1)).message()).isEqualTo("the record is a string; expected an object with question and answer keys");
        assertThat(error(rows.get(2)).message()).isEqualTo("the record is an array; expected an object with question and answer keys");
    }

    @Test
    void truncatedJsonIsFatalNamingLineAndColumnAfterTheCompleteRecords() {
        String json = "[\n {\"question\": \"q1\", \"answer\": \"a1\"},\n {\"question\": \"q2\", \"ans";
        List<ParsedRow> seen = new java.util.ArrayList<>();

        ImportException e = org.assertj.core.api.Assertions.catchThrowableOfType(ImportException.class, () -> {
            try (RecordReader r = RecordReaders.open(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), JSON,
                    ImportOptions.defaults(), Limits.defaults())) {
                for (ParsedRow row; (row = r.next()) != null; ) {
                    seen.add(row);
                }
            }
        });

        assertThat(seen).extracting(ParsedRow::row).containsExactly(1L);
        assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
        assertThat(e.getMessage()).startsWith("line 3, column 25: the JSON ends before the document is complete (is the file truncated?): ");
    }

    @Test
    void arrayWithoutItsClosingBracketIsFatal() {
        ImportException e = failure("[{\"question\": \"q1\", \"answer\": \"a1\"}\n", JSON);

        assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
        assertThat(e.getMessage()).startsWith("line 2, column 1: the JSON ends before the document is complete");
    }

    @Test
    void textThatIsNotJsonIsFatal() {
        ImportException e = failure("question,answer\nq,a\n", JSON);

        assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
        assertThat(e.getMessage()).startsWith("line 1, column 1: not valid JSON: Unrecognized token 'question'");
    }

    @Test
    void scalarDocumentIsFatal() {
        assertThat(failure("\"just a string\"", JSON).getMessage())
                .isEqualTo("line 1, column 1: expected a JSON array of records or an object holding one, but the document is a string");
    }

    @Test
    void contentAfterTheDocumentIsFatal() {
        ImportException e = failure(TWO + "\n[]", JSON);

        assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
        assertThat(e.getMessage()).isEqualTo("line 2, column 1: unexpected content after the end of the JSON document (an array)");
    }

    @Test
    void trailingWhitespaceAfterTheDocumentIsFine() {
        assertThat(records(TWO + " \n\t ", JSON)).hasSize(2);
    }

    @Test
    void emptyFileIsFatal() {
        ImportException e = failure("  \n", JSON);

        assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
        assertThat(e.getMessage()).isEqualTo("line 1: the file is empty: expected a JSON array of records or an object holding one");
    }

    @Test
    void emptyArraysHoldNoRecords() {
        assertThat(rows("[]", JSON)).isEmpty();
        assertThat(rows("{\"_meta\": {\"count\": 0}, \"items\": []}", JSON)).isEmpty();
    }

    @Test
    void objectWithoutRecordsFailsListingItsKeys() {
        ImportException e = failure("{\"title\": \"FAQ\", \"authors\": [{\"name\": \"Ann\"}]}", JSON);

        assertThat(e.code()).isEqualTo(ErrorCodes.MISSING_COLUMNS);
        assertThat(e.getMessage()).isEqualTo("line 1, column 47: found no records: expected an array of objects with question and answer "
                + "keys, or an object holding one; the top-level keys are [\"title\", \"authors\"]. Arrays of objects that did not look "
                + "like records: [\"authors\"]; name the one to read with recordsPath and map its keys with --map question=KEY,answer=KEY");
    }

    @Test
    void firstRecordWithoutRecognisableKeysFailsWithTheMapThatFixesIt() {
        ImportException e = failure("[{\"id\": 1, \"q1\": \"Why?\", \"a1\": \"Because of the weather.\"}]", JSON);

        assertThat(e.code()).isEqualTo(ErrorCodes.MISSING_COLUMNS);
        assertThat(e.getMessage()).startsWith("line 1 (the first record): no key for question or answer. Keys found: [\"id\", \"q1\", \"a1\"]. "
                + "To import it, map them: --map question=q1,answer=a1");
    }

    @Test
    void laterRecordsMayLackKeysWithoutFailingTheFile() {
        List<ParsedRow> rows = rows("[{\"question\": \"q1\", \"answer\": \"a1\"}, {\"question\": \"q2\"}]", JSON);

        assertThat(rows.get(1).qa()).extracting(ParsedQA::question, ParsedQA::answer).containsExactly("q2", null);
    }

    @Test
    void nestingDeeperThanTheLimitIsFatal() {
        String deep = "[{\"question\": \"q\", \"answer\": \"a\", \"x\": " + "[".repeat(10) + "]".repeat(10) + "}]";

        ImportException e = failure(deep, JSON, ImportOptions.defaults(), Limits.defaults().withMaxJsonDepth(8));

        assertThat(e.code()).isEqualTo(ErrorCodes.LIMIT_EXCEEDED);
        assertThat(e.getMessage()).startsWith("line 1, column ").endsWith("the JSON is nested deeper than 8 levels (Limits.maxJsonDepth); "
                + "raise Limits.maxJsonDepth / --max-json-depth to import it");
    }

    @Test
    void reportsTheKeysOfTheFirstRecordAsColumns() {
        try (RecordReader r = RecordReaders.open(new ByteArrayInputStream("{\"_meta\": {}, \"faqs\": [{\"id\": 1, \"question\": \"q\", \"answer\": \"a\"}]}"
                .getBytes(StandardCharsets.UTF_8)), JSON, ImportOptions.defaults(), Limits.defaults())) {
            assertThat(r.columns()).containsExactly("id", "question", "answer");
        }
    }
}
