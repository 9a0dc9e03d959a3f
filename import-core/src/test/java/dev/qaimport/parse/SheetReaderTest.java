package dev.qaimport.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qaimport.Field;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.SourceType;
import dev.qaimport.parse.internal.ParsedRow;
import dev.qaimport.parse.internal.RecordReader;
import dev.qaimport.parse.internal.RecordReaders;
import dev.qaimport.spi.SheetReader;
import dev.qaimport.spi.SheetRows;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The core's side of workbooks: a sheet's rows, from any {@link SheetReader}, mapped as CSV records are. */
class SheetReaderTest {
    /** A sheet of the given rows, keyed by spreadsheet row number. */
    private static SheetReader sheet(String name, Map<Long, List<String>> rows) {
        return (in, sheet, limits) -> new SheetRows() {
            private final java.util.Iterator<Map.Entry<Long, List<String>>> it = new TreeMap<>(rows).entrySet().iterator();
            private long number;

            @Override
            public String sheetName() {
                return name;
            }

            @Override
            public List<String> next() {
                if (!it.hasNext()) {
                    return null;
                }
                Map.Entry<Long, List<String>> e = it.next();
                number = e.getKey();
                return e.getValue();
            }

            @Override
            public long rowNumber() {
                return number;
            }

            @Override
            public long bytesRead() {
                return number;
            }

            @Override
            public void close() {
            }
        };
    }

    private static List<ParsedRow> read(SheetReader sheets, ImportOptions options, Limits limits) {
        List<ParsedRow> out = new ArrayList<>();
        try (RecordReader r = RecordReaders.open(new ByteArrayInputStream(new byte[0]), SourceType.XLSX, options, limits, sheets)) {
            assertThat(r.columns()).isNotEmpty();
            ParsedRow row;
            while ((row = r.next()) != null) {
                out.add(row);
            }
            assertThat(r.bytesRead()).isPositive();
        }
        return out;
    }

    @Test
    void mapsTheHeaderRowWithAliasesAndLinesAreSpreadsheetRows() {
        List<ParsedRow> rows = read(sheet("FAQ", Map.of(2L, List.of("Frage", "Antwort", "Schlagwörter"), 5L, List.of("Wie?", "So.", "a; b"),
                9L, List.of("Nur Frage?"))), ImportOptions.defaults(), Limits.defaults());
        assertThat(rows).extracting(ParsedRow::row, ParsedRow::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, 5L), org.assertj.core.groups.Tuple.tuple(2L, 9L));
        assertThat(rows.get(0).qa().tags()).containsExactly("a", "b");
        assertThat(rows.get(1).qa().answer()).isEmpty();
        assertThat(rows.get(1).qa().tags()).isEmpty();
    }

    @Test
    void eachRowLocatesItsMappedFieldsByCell() {
        List<ParsedRow> rows = read(sheet("My FAQ", Map.of(1L, List.of("notes", "answer", "question", "tags"), 12L, List.of("n", "a", "q"))),
                ImportOptions.defaults(), Limits.defaults());
        assertThat(rows.get(0).where().locate("question")).isEqualTo("'My FAQ'!C12");
        assertThat(rows.get(0).where().locate("answer")).isEqualTo("'My FAQ'!B12");
        assertThat(rows.get(0).where().locate("tags")).isEqualTo("'My FAQ'!D12");
        assertThat(rows.get(0).where().locate("category")).isNull();
        assertThat(rows.get(0).where().at("row", "whole row")).isEqualTo("whole row");
    }

    @Test
    void explicitColumnsWin() {
        List<ParsedRow> rows = read(sheet("S", Map.of(1L, List.of("a", "b", "c"), 2L, List.of("x", "y", "z"))),
                ImportOptions.builder().column(Field.QUESTION, "#3").column(Field.ANSWER, "a").build(), Limits.defaults());
        assertThat(rows.get(0).qa().question()).isEqualTo("z");
        assertThat(rows.get(0).qa().answer()).isEqualTo("x");
    }

    @Test
    void tooManyCellsAndTooManyRowsAreReportedAtTheSpreadsheetRow() {
        SheetReader s = sheet("Data 1", Map.of(1L, List.of("question", "answer"), 4L, List.of("q", "a", "x", "y"), 6L, List.of("q2", "a2"),
                7L, List.of("q3", "a3")));
        Limits limits = Limits.defaults().withMaxColumns(3).withMaxRows(2);
        List<ParsedRow> rows = new ArrayList<>();
        ImportException e = catchThrowableOfType(ImportException.class, () -> {
            try (RecordReader r = RecordReaders.open(new ByteArrayInputStream(new byte[0]), SourceType.XLSX, ImportOptions.defaults(), limits, s)) {
                ParsedRow row;
                while ((row = r.next()) != null) {
                    rows.add(row);
                }
            }
        });
        assertThat(rows.get(0).error().code()).isEqualTo(ErrorCodes.MALFORMED_ROW);
        assertThat(rows.get(0).error().message()).isEqualTo("'Data 1'!4:4: more than 3 cells (Limits.maxColumns); the header has 2");
        assertThat(rows.get(1).qa().question()).isEqualTo("q2");
        assertThat(e.code()).isEqualTo(ErrorCodes.LIMIT_EXCEEDED);
        assertThat(e).hasMessage("'Data 1'!A7: the sheet has more than 2 records (Limits.maxRows); raise Limits.maxRows / --max-rows to import it");
    }

    @Test
    void withoutASheetReaderAWorkbookIsRefusedSayingWhatToAdd() {
        ImportException e = catchThrowableOfType(ImportException.class, () -> RecordReaders.open(new ByteArrayInputStream(new byte[0]),
                SourceType.XLSX, ImportOptions.defaults(), Limits.defaults()));
        assertThat(e.code()).isEqualTo(ErrorCodes.UNSUPPORTED_FORMAT);
        assertThat(e.getMessage()).contains("import-xlsx", "QaImport.builder().sheetReader(XlsxSheetReader.create())");
    }

    @Test
    void aHeaderNameOverMaxFieldCharsIsFatal() {
        ImportException e = catchThrowableOfType(ImportException.class, () -> read(sheet("S", Map.of(3L, List.of("question", "x".repeat(11)))),
                ImportOptions.defaults(), Limits.defaults().withMaxFieldChars(10)));
        assertThat(e.code()).isEqualTo(ErrorCodes.LIMIT_EXCEEDED);
        assertThat(e.getMessage()).startsWith("S!B3: a header name is longer than 10 characters");
    }
}
