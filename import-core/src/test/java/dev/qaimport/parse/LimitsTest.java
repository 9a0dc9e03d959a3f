package dev.qaimport.parse;

import dev.qaimport.parse.internal.RecordReaders;
import dev.qaimport.parse.internal.RecordReader;
import dev.qaimport.parse.internal.ParsedRow;
import static dev.qaimport.parse.Parse.error;
import static dev.qaimport.parse.Parse.failure;
import static dev.qaimport.parse.Parse.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.SourceType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LimitsTest {
    private static final ImportOptions DEFAULTS = ImportOptions.defaults();
    private static final String TEN_MB = "x".repeat(10 * 1024 * 1024);

    private static String threeRecords(SourceType type) {
        switch (type) {
            case JSON:
                return "[\n{\"q\": \"1\", \"a\": \"1\"},\n{\"q\": \"2\", \"a\": \"2\"},\n{\"q\": \"3\", \"a\": \"3\"}\n]";
            case JSONL:
                return "{\"q\": \"1\", \"a\": \"1\"}\n{\"q\": \"2\", \"a\": \"2\"}\n{\"q\": \"3\", \"a\": \"3\"}\n";
            case TSV:
                return "q\ta\n1\t1\n2\t2\n3\t3\n";
            case HTML:
                return "<dl>\n<dt>1</dt><dd>1</dd>\n<dt>2</dt><dd>2</dd>\n<dt>3</dt><dd>3</dd>\n</dl>\n";
            default:
                return "q,a\n1,1\n2,2\n3,3\n";
        }
    }

    @ParameterizedTest
    @EnumSource(value = SourceType.class, names = "XLSX", mode = EnumSource.Mode.EXCLUDE) // workbooks: import-xlsx
    void moreRecordsThanMaxRowsIsFatalAfterDeliveringTheAllowedOnes(SourceType type) {
        byte[] bytes = threeRecords(type).getBytes(StandardCharsets.UTF_8);
        List<ParsedRow> seen = new ArrayList<>();

        ImportException e = catchThrowableOfType(ImportException.class, () -> {
            try (RecordReader r = RecordReaders.open(new ByteArrayInputStream(bytes), type, DEFAULTS, Limits.defaults().withMaxRows(2))) {
                for (ParsedRow row; (row = r.next()) != null; ) {
                    seen.add(row);
                }
            }
        });

        assertThat(seen).extracting(ParsedRow::row).containsExactly(1L, 2L);
        assertThat(e.code()).isEqualTo(ErrorCodes.LIMIT_EXCEEDED);
        assertThat(e.getMessage()).isEqualTo("line " + (type == SourceType.JSONL ? 3 : 4)
                + ": the file has more than 2 records (Limits.maxRows); raise Limits.maxRows / --max-rows to import it");
    }

    @Test
    void exactlyMaxRowsRecordsIsFine() {
        assertThat(rows(threeRecords(SourceType.CSV), SourceType.CSV, DEFAULTS, Limits.defaults().withMaxRows(3))).hasSize(3);
    }

    @Test
    void tenMegabyteQuotedCsvFieldIsARowErrorAndTheNextRecordImports() {
        String csv = "question,answer\nq1,\"" + TEN_MB + "\"\nq2,a2\n";

        List<ParsedRow> rows = rows(csv, SourceType.CSV);

        assertThat(error(rows.get(0))).extracting("row", "line", "field", "code", "message").containsExactly(1L, 2L, "answer",
                ErrorCodes.TOO_LONG, "the answer (column \"answer\") is longer than 1,000,000 characters (Limits.maxFieldChars); "
                        + "raise Limits.maxFieldChars / --max-field-chars to import it");
        assertThat(error(rows.get(0)).question()).isEqualTo("q1");
        assertThat(rows.get(1).qa()).extracting(ParsedQA::row, ParsedQA::line, ParsedQA::answer).containsExactly(2L, 3L, "a2");
    }

    @Test
    void tenMegabyteUnquotedCsvFieldIsARowErrorToo() {
        List<ParsedRow> rows = rows("question,answer\n" + TEN_MB + ",a1\nq2,a2\n", SourceType.CSV);

        assertThat(error(rows.get(0))).extracting("field", "code").containsExactly("question", ErrorCodes.TOO_LONG);
        assertThat(rows.get(1).qa().question()).isEqualTo("q2");
    }

    @Test
    void tenMegabyteFieldIsReadWholeWhenTheLimitAllowsIt() {
        Limits roomy = Limits.defaults().withMaxFieldChars(11 * 1024 * 1024);

        List<ParsedRow> rows = rows("question,answer\nq1,\"" + TEN_MB + "\"\n", SourceType.CSV, DEFAULTS, roomy);

        assertThat(rows.get(0).qa().answer()).hasSize(TEN_MB.length());
    }

    @Test
    void fieldOfExactlyMaxFieldCharsIsKeptAndOneMoreIsNot() {
        Limits limits = Limits.defaults().withMaxFieldChars(10);

        List<ParsedRow> rows = rows("q,a\n1,\"" + "y".repeat(10) + "\"\n2,\"" + "\"\"".repeat(11) + "\"\n3,3\n", SourceType.CSV, DEFAULTS, limits);

        assertThat(rows.get(0).qa().answer()).isEqualTo("y".repeat(10));
        assertThat(error(rows.get(1)).code()).isEqualTo(ErrorCodes.TOO_LONG);
        assertThat(rows.get(2).qa().answer()).isEqualTo("3");
    }

    @Test
    void overLongFieldSpanningLinesKeepsTheNextRecordsLineNumber() {
        String multiLine = "line\n".repeat(50);

        List<ParsedRow> rows = rows("q,a\n1,\"" + multiLine + "\"\n2,2\n", SourceType.CSV, DEFAULTS, Limits.defaults().withMaxFieldChars(20));

        assertThat(rows).extracting(ParsedRow::row, ParsedRow::line).containsExactly(tuple(1L, 2L), tuple(2L, 53L));
    }

    @Test
    void overLongFieldOfSpacesIsNotMistakenForABlankLine() {
        List<ParsedRow> rows = rows("q,a\n    a\nq2,a2\n", SourceType.CSV, DEFAULTS, Limits.defaults().withMaxFieldChars(3));

        assertThat(rows).extracting(ParsedRow::row, ParsedRow::line).containsExactly(tuple(1L, 2L), tuple(2L, 3L));
        assertThat(error(rows.get(0)).code()).isEqualTo(ErrorCodes.TOO_LONG);
    }

    @Test
    void overLongLineOfSpacesIsStillABlankLine() {
        List<ParsedRow> rows = rows("q,a\n" + " ".repeat(50) + "\nq2,a2\n", SourceType.CSV, DEFAULTS, Limits.defaults().withMaxFieldChars(3));

        assertThat(rows).extracting(ParsedRow::row, ParsedRow::line).containsExactly(tuple(1L, 3L));
    }

    @Test
    void overLongFieldInAColumnThatIsNotImportedIsIgnored() {
        List<ParsedRow> rows = rows("question,answer,notes\nq,a,\"" + "n".repeat(50) + "\"\n", SourceType.CSV, DEFAULTS,
                Limits.defaults().withMaxFieldChars(20));

        assertThat(rows.get(0).qa()).extracting(ParsedQA::question, ParsedQA::answer).containsExactly("q", "a");
    }

    @Test
    void recordLongerThanFourFieldsOfMaximumLengthIsARowError() {
        String field = "z".repeat(9);
        String csv = "a,b,c,d,e,question,answer\n" + (field + ",").repeat(5) + "q,a\nq2,a2,x,x,x,q,a\n";

        List<ParsedRow> rows = rows(csv, SourceType.CSV, DEFAULTS, Limits.defaults().withMaxFieldChars(10));

        assertThat(error(rows.get(0))).extracting("code", "message").containsExactly(ErrorCodes.TOO_LONG,
                "the record is longer than 40 characters (4 × Limits.maxFieldChars); raise Limits.maxFieldChars / --max-field-chars to import it");
        assertThat(rows.get(1).qa()).isNotNull();
    }

    @Test
    void unbalancedQuoteInAnOverLongFieldIsStillFatal() {
        ImportException e = failure("q,a\n1,\"" + "x".repeat(100) + "\n2,2\n", SourceType.CSV, DEFAULTS, Limits.defaults().withMaxFieldChars(10));

        assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
        assertThat(e.getMessage()).startsWith("line 2: a quoted field opened on line 2 is never closed");
    }

    @Test
    void headerWithMoreColumnsThanTheLimitIsFatal() {
        ImportException e = failure("question,answer,c,d\nq,a,c,d\n", SourceType.CSV, DEFAULTS, Limits.defaults().withMaxColumns(3));

        assertThat(e.code()).isEqualTo(ErrorCodes.LIMIT_EXCEEDED);
        assertThat(e.getMessage()).isEqualTo("line 1: the header has more than 3 columns (Limits.maxColumns); "
                + "raise Limits.maxColumns / --max-columns to import it");
    }

    @Test
    void recordWithMoreFieldsThanTheLimitIsARowErrorAndTheNextImports() {
        String csv = "question,answer,c\nq1," + ",".repeat(5000) + "\nq2,a2,c2\n";

        List<ParsedRow> rows = rows(csv, SourceType.CSV, DEFAULTS, Limits.defaults().withMaxColumns(3));

        assertThat(error(rows.get(0))).extracting("code", "message")
                .containsExactly(ErrorCodes.MALFORMED_ROW, "more than 3 fields (Limits.maxColumns); the header has 3");
        assertThat(rows.get(1).qa()).extracting(ParsedQA::row, ParsedQA::line).containsExactly(2L, 3L);
    }

    @Test
    void recordWithTooManyFieldsInsideAnOpenQuoteDoesNotSwallowTheNextRecord() {
        String csv = "question,answer,c\nq1,a,b,\"x\ny\"\nq2,a2,c2\n";

        List<ParsedRow> rows = rows(csv, SourceType.CSV, DEFAULTS, Limits.defaults().withMaxColumns(3));

        assertThat(rows).extracting(ParsedRow::row, ParsedRow::line).containsExactly(tuple(1L, 2L), tuple(2L, 4L));
        assertThat(rows.get(1).qa().question()).isEqualTo("q2");
    }

    @Test
    void fileLargerThanMaxFileBytesIsFatal() {
        ImportException e = failure(threeRecords(SourceType.CSV), SourceType.CSV, DEFAULTS, Limits.defaults().withMaxFileBytes(5));

        assertThat(e.code()).isEqualTo(ErrorCodes.LIMIT_EXCEEDED);
        assertThat(e.getMessage()).isEqualTo("the file is larger than 5 bytes (Limits.maxFileBytes); "
                + "raise Limits.maxFileBytes / --max-file-size to import it");
    }

    @Test
    void tenMegabyteJsonStringIsARowErrorAndTheNextRecordImports() {
        String json = "[\n{\"question\": \"q1\", \"answer\": \"" + TEN_MB + "\"},\n{\"question\": \"q2\", \"answer\": \"a2\"}\n]";

        List<ParsedRow> rows = rows(json, SourceType.JSON);

        assertThat(error(rows.get(0))).extracting("row", "line", "field", "code", "message").containsExactly(1L, 2L, "answer",
                ErrorCodes.TOO_LONG, "the answer (key \"answer\") is longer than 1,000,000 characters (Limits.maxFieldChars); "
                        + "raise Limits.maxFieldChars / --max-field-chars to import it");
        assertThat(rows.get(1).qa()).extracting(ParsedQA::row, ParsedQA::line, ParsedQA::answer).containsExactly(2L, 3L, "a2");
    }

    @Test
    void overLongJsonStringInAKeyThatIsNotImportedIsIgnored() {
        String json = "[{\"question\": \"q1\", \"notes\": \"" + "n".repeat(500) + "\", \"answer\": \"a1\"}]";

        List<ParsedRow> rows = rows(json, SourceType.JSON, DEFAULTS, Limits.defaults().withMaxFieldChars(100));

        assertThat(rows.get(0).qa()).extracting(ParsedQA::question, ParsedQA::answer).containsExactly("q1", "a1");
    }

    @Test
    void jsonEscapesCountAsOneCharacterEach() {
        String escaped = "\\u00e9".repeat(100);
        String json = "[{\"question\": \"q\", \"answer\": \"" + escaped + "\"}]";

        List<ParsedRow> rows = rows(json, SourceType.JSON, DEFAULTS, Limits.defaults().withMaxFieldChars(100));

        assertThat(rows.get(0).qa().answer()).isEqualTo("é".repeat(100));
    }

    @Test
    void overLongJsonLdAnswerIsARowErrorOnTheAnswer() {
        String json = "{\"mainEntity\": [{\"@type\": \"Question\", \"name\": \"q\", \"acceptedAnswer\": {\"text\": \"" + "t".repeat(200) + "\"}}]}";

        ParsedRow row = rows(json, SourceType.JSON, DEFAULTS, Limits.defaults().withMaxFieldChars(100)).get(0);

        assertThat(error(row)).extracting("field", "code").containsExactly("answer", ErrorCodes.TOO_LONG);
    }

    @Test
    void tooManyJsonTagsCharactersIsARowError() {
        String json = "[{\"question\": \"q\", \"answer\": \"a\", \"tags\": [" + "\"abcdefghij\",".repeat(20) + "\"end\"]}]";

        ParsedRow row = rows(json, SourceType.JSON, DEFAULTS, Limits.defaults().withMaxFieldChars(100)).get(0);

        assertThat(error(row)).extracting("field", "code", "message").containsExactly("tags", ErrorCodes.TOO_LONG,
                "the tags (key \"tags\") are longer than 100 characters together (Limits.maxFieldChars)");
    }

    @Test
    void tenMegabyteJsonLinesLineIsARowError() {
        String jsonl = "{\"q\": \"1\", \"a\": \"" + TEN_MB + "\"}\n{\"q\": \"2\", \"a\": \"2\"}\n";

        List<ParsedRow> rows = rows(jsonl, SourceType.JSONL);

        assertThat(error(rows.get(0)).code()).isEqualTo(ErrorCodes.TOO_LONG);
        assertThat(rows.get(1).qa().question()).isEqualTo("2");
    }
}
