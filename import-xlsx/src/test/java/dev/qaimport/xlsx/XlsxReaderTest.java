package dev.qaimport.xlsx;

import static dev.qaimport.xlsx.TestWorkbooks.row;
import static dev.qaimport.xlsx.TestWorkbooks.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qaimport.Field;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.SourceType;
import dev.qaimport.parse.internal.ParsedRow;
import dev.qaimport.parse.internal.RecordReader;
import dev.qaimport.parse.internal.RecordReaders;
import dev.qaimport.spi.SheetRows;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XlsxReaderTest {
    static final XlsxSheetReader READER = XlsxSheetReader.create();

    static byte[] resource(String name) {
        try (InputStream in = XlsxReaderTest.class.getResourceAsStream("/xlsx/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row of the sheet, each prefixed with its spreadsheet row number. */
    static List<List<String>> rows(byte[] xlsx, String sheet) {
        List<List<String>> out = new ArrayList<>();
        try (SheetRows rows = READER.open(new ByteArrayInputStream(xlsx), sheet, Limits.defaults())) {
            List<String> r;
            while ((r = rows.next()) != null) {
                List<String> numbered = new ArrayList<>();
                numbered.add(String.valueOf(rows.rowNumber()));
                numbered.addAll(r);
                out.add(numbered);
            }
        }
        return out;
    }

    static List<ParsedRow> records(byte[] xlsx, ImportOptions options, Limits limits) {
        List<ParsedRow> out = new ArrayList<>();
        try (RecordReader r = RecordReaders.open(new ByteArrayInputStream(xlsx), SourceType.XLSX, options, limits, READER)) {
            ParsedRow row;
            while ((row = r.next()) != null) {
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void readsCellsOfALibreOfficeWorkbookAsTheSuiteShowsThem() {
        assertThat(rows(resource("libreoffice-features.xlsx"), null)).containsExactly(
                List.of("1", "question", "answer", "category", "tags", "price", "released", "total"),
                List.of("2", "How much is the basic plan?", "It costs 9.99 a month.", "Billing", "price; plans", "1,234.50", "2024-03-15", "14,814.00"),
                List.of("3", "Can I share my account?", "No, accounts are personal.", "Accounts"),
                List.of("4", "Is this row hidden?", "Yes, but it is still data."),
                List.of("6", "What share is refunded?", "50%", "Billing", "", "1234567.891", "#DIV/0!", "3/15/2024"),
                List.of("7", "When was it released?", "2024-03-15", "News", "Can I share my account?!", "TRUE"));
    }

    @Test
    void mapsTheHeaderRowAndNumbersRecordsBySpreadsheetRow() {
        List<ParsedRow> rows = records(resource("libreoffice-features.xlsx"), ImportOptions.defaults(), Limits.defaults());
        assertThat(rows).extracting(ParsedRow::row).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(rows).extracting(ParsedRow::line).containsExactly(2L, 3L, 4L, 6L, 7L);
        ParsedQA first = rows.get(0).qa();
        assertThat(first.question()).isEqualTo("How much is the basic plan?");
        assertThat(first.answer()).isEqualTo("It costs 9.99 a month.");
        assertThat(first.category()).isEqualTo("Billing");
        assertThat(first.tags()).containsExactly("price", "plans");
        assertThat(rows.get(1).qa().tags()).isEmpty();
    }

    @Test
    void explicitMappingWinsOverAliases() {
        ImportOptions options = ImportOptions.builder().column(Field.ANSWER, "total").column(Field.CATEGORY, "#6").build();
        ParsedQA first = records(resource("libreoffice-features.xlsx"), options, Limits.defaults()).get(0).qa();
        assertThat(first.answer()).isEqualTo("14,814.00");
        assertThat(first.category()).isEqualTo("2024-03-15");
    }

    @Test
    void aliasesMapAWorkbookConvertedFromAGermanCsv() {
        List<ParsedRow> rows = records(resource("libreoffice-from-csv.xlsx"), ImportOptions.defaults(), Limits.defaults());
        assertThat(rows).extracting(r -> r.qa().question()).containsExactly("Was kostet es?", "Gibt es, \"Rabatte\"?");
        assertThat(rows).extracting(r -> r.qa().answer()).containsExactly("9,99 € im Monat", "Ja; für Schulen.");
        assertThat(rows).extracting(r -> r.qa().category()).containsExactly("Preise", "Preise");
    }

    @Test
    void sheetOptionChoosesByNamePositionOrNameIgnoringCase() {
        byte[] wb = resource("libreoffice-features.xlsx");
        assertThat(rows(wb, "Extra")).containsExactly(List.of("1", "Frage", "Antwort"), List.of("2", "Wie spät ist es?", "Zeit für Tee."));
        assertThat(rows(wb, "3")).hasSize(2).last().isEqualTo(List.of("2", "Wie spät ist es?", "Zeit für Tee."));
        assertThat(rows(wb, "secret")).last().isEqualTo(List.of("2", "Secret?", "Hidden sheet."));
        List<ParsedRow> extra = records(wb, ImportOptions.builder().sheet("Extra").build(), Limits.defaults());
        assertThat(extra).singleElement().satisfies(r -> assertThat(r.qa().answer()).isEqualTo("Zeit für Tee."));
    }

    @Test
    void aMissingSheetIsAnErrorListingTheSheets() {
        ImportException e = catchThrowableOfType(ImportException.class, () -> rows(resource("libreoffice-features.xlsx"), "Answers"));
        assertThat(e.code()).isEqualTo(ErrorCodes.MISSING_COLUMNS);
        assertThat(e).hasMessage("the workbook has no sheet \"Answers\"; its sheets: 1 \"FAQ\", 2 \"Secret\" (hidden), 3 \"Extra\". "
                + "Choose one with --sheet NAME|N (ImportOptions.Builder.sheet), N counting from 1");
    }

    @Test
    void hiddenSheetsAreNotTheDefault() {
        byte[] wb = new TestWorkbooks().sheet("~Notes", row(1, text("A1", "note"))).sheet("Data", row(1, text("A1", "question"), text("B1", "answer"))
                + row(2, text("A2", "q?"), text("B2", "a."))).bytes();
        assertThat(rows(wb, null)).last().isEqualTo(List.of("2", "q?", "a."));
    }

    @Test
    void rowErrorsNameTheCellAsTheSpreadsheetDoes() {
        StringBuilder data = new StringBuilder(row(1, text("A1", "question"), text("B1", "answer")));
        for (int r = 2; r <= 17; r++) {
            data.append(row(r, text("A" + r, "Question " + r + "?"), text("B" + r, r == 17 ? "x".repeat(101) : "Answer " + r)));
        }
        byte[] wb = new TestWorkbooks().sheet("Sheet1", data.toString()).bytes();
        List<ParsedRow> rows = records(wb, ImportOptions.defaults(), Limits.defaults().withMaxFieldChars(100));
        ParsedRow last = rows.get(rows.size() - 1);
        assertThat(last.error()).isNotNull();
        assertThat(last.error().line()).isEqualTo(17);
        assertThat(last.error().row()).isEqualTo(16);
        assertThat(last.error().code()).isEqualTo(ErrorCodes.TOO_LONG);
        assertThat(last.error().message()).startsWith("Sheet1!B17: the answer (column \"answer\") is longer than 100 characters");
    }

    @Test
    void aHeaderWithoutQuestionSuggestsAMapping() {
        byte[] wb = new TestWorkbooks().sheet("My Sheet", row(1, text("A1", "Uygulama"), text("B1", "answer")) + row(2, text("A2", "Nasıl?"), text("B2", "Böyle.")))
                .bytes();
        ImportException e = catchThrowableOfType(ImportException.class, () -> records(wb, ImportOptions.defaults(), Limits.defaults()));
        assertThat(e.code()).isEqualTo(ErrorCodes.MISSING_COLUMNS);
        assertThat(e.getMessage()).startsWith("'My Sheet'!1:1: no column for question").contains("--map");
    }

    @Test
    void anEmptySheetIsAMalformedFile() {
        byte[] wb = new TestWorkbooks().sheet("Sheet1", "").bytes();
        ImportException e = catchThrowableOfType(ImportException.class, () -> records(wb, ImportOptions.defaults(), Limits.defaults()));
        assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
        assertThat(e.getMessage()).startsWith("Sheet1!A1: the sheet \"Sheet1\" is empty");
    }

    @Test
    void sharedStringsSkipPhoneticRunsAndKeepSpaces() {
        byte[] wb = new TestWorkbooks().sharedStringsXml("<sst xmlns=\"" + TestWorkbooks.NS + "\"><si><t>question</t></si><si><t>answer</t></si>"
                + "<si><r><t xml:space=\"preserve\">東京 </t></r><r><t>です</t></r><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si></sst>")
                .sheet("Sheet1", row(1, TestWorkbooks.shared("A1", 0), TestWorkbooks.shared("B1", 1)) + row(2, TestWorkbooks.shared("A2", 2),
                        text("B2", "  spaced  ")))
                .bytes();
        assertThat(rows(wb, null)).last().isEqualTo(List.of("2", "東京 です", "  spaced  "));
    }

    @Test
    void generalNumbersShowElevenCharactersAsInExcel() {
        byte[] wb = new TestWorkbooks().sheet("Sheet1", row(1, text("A1", "question"), text("B1", "answer"))
                + row(2, text("A2", "Phone?"), "<c r=\"B2\"><v>4915112345678</v></c>", "<c r=\"C2\"><v>0.30000000000000004</v></c>",
                        "<c r=\"D2\" t=\"b\"><v>0</v></c>", "<c r=\"E2\" t=\"str\"><f>A2</f><v>Phone?</v></c>")).bytes();
        assertThat(rows(wb, null)).last().isEqualTo(List.of("2", "Phone?", "4.91511E+12", "0.3", "FALSE", "Phone?"));
    }
}
