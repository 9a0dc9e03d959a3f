package dev.qaimport.parse;

import dev.qaimport.parse.internal.ParsedRow;
import static dev.qaimport.parse.Parse.error;
import static dev.qaimport.parse.Parse.failure;
import static dev.qaimport.parse.Parse.records;
import static dev.qaimport.parse.Parse.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.SourceType;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesReaderTest {
    private static final SourceType JSONL = SourceType.JSONL;

    @Test
    void readsOneObjectPerLine() {
        List<ParsedQA> qa = records("{\"question\": \"q1\", \"answer\": \"a1\", \"tags\": [\"x\"]}\n{\"q\": \"q2\", \"a\": \"a2\", \"category\": \"c\"}\n", JSONL);

        assertThat(qa).extracting(ParsedQA::row, ParsedQA::line, ParsedQA::question, ParsedQA::category, ParsedQA::tags)
                .containsExactly(tuple(1L, 1L, "q1", null, List.of("x")), tuple(2L, 2L, "q2", "c", List.of()));
    }

    @Test
    void blankLinesAreNotRecordsSoRowsStayWithoutGapsWhileLinesCountThem() {
        List<ParsedQA> qa = records("\n{\"q\": \"1\", \"a\": \"1\"}\n\n   \n{\"q\": \"2\", \"a\": \"2\"}\n\n", JSONL);

        assertThat(qa).extracting(ParsedQA::row, ParsedQA::line).containsExactly(tuple(1L, 2L), tuple(2L, 5L));
    }

    @Test
    void badLineIsARowErrorWithItsLineAndTheRestImport() {
        List<ParsedRow> rows = rows("{\"q\": \"1\", \"a\": \"1\"}\n{\"q\": \"2\", \"a\": \n{\"q\": \"3\", \"a\": \"3\"}\n", JSONL);

        assertThat(rows).extracting(ParsedRow::row, ParsedRow::line).containsExactly(tuple(1L, 1L), tuple(2L, 2L), tuple(3L, 3L));
        assertThat(error(rows.get(1))).extracting("field", "code").containsExactly("row", ErrorCodes.MALFORMED_ROW);
        assertThat(error(rows.get(1)).message()).startsWith("not valid JSON at column ");
        assertThat(rows.get(2).qa().question()).isEqualTo("3");
    }

    @Test
    void lineThatIsNotAnObjectIsARowError() {
        List<ParsedRow> rows = rows("{\"q\": \"1\", \"a\": \"1\"}\n[\"q\", \"a\"]\n\"text\"\n", JSONL);

        assertThat(error(rows.get(1)).message()).isEqualTo("the line is an array, not a JSON object");
        assertThat(error(rows.get(2)).message()).isEqualTo("the line is a string, not a JSON object");
    }

    @Test
    void twoObjectsOnOneLineAreARowError() {
        List<ParsedRow> rows = rows("{\"q\": \"1\", \"a\": \"1\"}\n{\"q\": \"2\", \"a\": \"2\"} {\"q\": \"3\", \"a\": \"3\"}\n", JSONL);

        assertThat(error(rows.get(1)).message()).isEqualTo("unexpected an object after the object at column 22 (one object per line)");
    }

    @Test
    void crlfLineEndsAndAMissingFinalNewlineAreFine() {
        List<ParsedQA> qa = records("{\"q\": \"1\", \"a\": \"x\\r\\ny\"}\r\n{\"q\": \"2\", \"a\": \"2\"}", JSONL);

        assertThat(qa).extracting(ParsedQA::line, ParsedQA::answer).containsExactly(tuple(1L, "x\r\ny"), tuple(2L, "2"));
    }

    @Test
    void objectWhereTextIsExpectedIsARowErrorNamingTheField() {
        ParsedRow row = rows("{\"q\": \"1\", \"a\": [\"x\"]}\n", JSONL).get(0);

        assertThat(error(row)).extracting("field", "message").containsExactly("answer", "the answer (key \"a\") is an array; expected text");
    }

    @Test
    void lineLongerThanTheLimitIsARowErrorAndTheNextLineImports() {
        String longLine = "{\"q\": \"1\", \"a\": \"" + "x".repeat(500) + "\"}";
        Limits limits = Limits.defaults().withMaxFieldChars(100);

        List<ParsedRow> rows = rows(longLine + "\n{\"q\": \"2\", \"a\": \"2\"}\n", JSONL, ImportOptions.defaults(), limits);

        assertThat(error(rows.get(0))).extracting("row", "line", "code", "message").containsExactly(1L, 1L, ErrorCodes.TOO_LONG,
                "the line is longer than 400 characters (4 × Limits.maxFieldChars); raise Limits.maxFieldChars / --max-field-chars to import it");
        assertThat(rows.get(1).qa().question()).isEqualTo("2");
    }

    @Test
    void stringLongerThanTheFieldLimitIsARowError() {
        Limits limits = Limits.defaults().withMaxFieldChars(100);

        ParsedRow row = rows("{\"q\": \"1\", \"a\": \"" + "x".repeat(150) + "\"}\n", JSONL, ImportOptions.defaults(), limits).get(0);

        assertThat(error(row)).extracting("code", "message").containsExactly(ErrorCodes.TOO_LONG,
                "a value is longer than 100 characters (Limits.maxFieldChars); raise Limits.maxFieldChars / --max-field-chars to import it");
    }

    @Test
    void nestingDeeperThanTheLimitIsARowErrorForThatLineOnly() {
        String deep = "{\"q\": \"1\", \"a\": \"1\", \"x\": " + "[".repeat(20) + "]".repeat(20) + "}";

        List<ParsedRow> rows = rows(deep + "\n{\"q\": \"2\", \"a\": \"2\"}\n", JSONL, ImportOptions.defaults(), Limits.defaults().withMaxJsonDepth(8));

        assertThat(error(rows.get(0)).message()).isEqualTo("nested deeper than 8 levels (Limits.maxJsonDepth); raise Limits.maxJsonDepth / --max-json-depth to import it");
        assertThat(rows.get(1).qa()).isNotNull();
    }

    @Test
    void emptyFileIsFatal() {
        ImportException e = failure("\n\n", JSONL);

        assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
        assertThat(e.getMessage()).isEqualTo("line 1: the file is empty (or holds only blank lines): expected one JSON object per line");
    }

    @Test
    void firstRecordWithoutRecognisableKeysFailsWithTheMapThatFixesIt() {
        ImportException e = failure("{\"frage\": \"Wie?\", \"erklaerung\": \"So.\"}\n", JSONL);

        assertThat(e.code()).isEqualTo(ErrorCodes.MISSING_COLUMNS);
        assertThat(e.getMessage()).startsWith("line 1 (the first record): no key for answer. Keys found: [\"frage\", \"erklaerung\"]. "
                + "To import it, map them: --map question=frage,answer=erklaerung");
    }

    @Test
    void keyCheckUsesTheFirstReadableLine() {
        List<ParsedRow> rows = rows("not json\n{\"q\": \"1\", \"a\": \"1\"}\n", JSONL);

        assertThat(rows).extracting(ParsedRow::row).containsExactly(1L, 2L);
        assertThat(rows.get(0).error()).isNotNull();
    }
}
