package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line imports Excel workbooks out of the box. */
class CliXlsxTest {
    private static final Path FEATURES = Path.of("src/test/resources/xlsx/libreoffice-features.xlsx").toAbsolutePath();

    @TempDir
    Path dir;

    private Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir);
    }

    @Test
    void importsTheSampleWorkbookLikeTheSameRowsAsCsv() {
        Cli.Result r = cli.run("import", Cli.sample("faq-sample.xlsx").toString(), "--embeddings", "none");

        assertThat(r.status()).as(r.toString()).isZero();
        // The rows LibreOffice saved from faq-sample.csv; a line is the spreadsheet's row number, and a message names the cell.
        assertThat(r.out()).contains("Imported faq-sample.xlsx", "200 rows: 190 stored, 3 skipped as duplicates, 7 rejected",
                "row 12 (line 13), question: 'faq-sample'!A13: question is empty");
    }

    @Test
    void sheetChoosesTheSheetAndMapColumnsAsForCsv() {
        Cli.Result r = cli.run("import", FEATURES.toString(), "--sheet", "Extra", "--embeddings", "none", "--json");
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\"successCount\":1");

        Cli.Result mapped = cli.run("import", FEATURES.toString(), "--map", "answer=total", "--embeddings", "none", "--json");
        assertThat(mapped.status()).as(mapped.toString()).isZero();
        assertThat(mapped.out()).contains("\"status\":\"COMPLETED\"");
    }

    @Test
    void aLegacyXlsIsRefusedSayingToSaveItAsXlsx() {
        Path legacy = Path.of("src/test/resources/xlsx/libreoffice-legacy.xls").toAbsolutePath();
        Cli.Result r = cli.run("import", legacy.toString(), "--embeddings", "none");

        assertThat(r.status()).isNotZero();
        assertThat(r.out() + r.err()).contains("the file is a legacy Excel 97-2003 workbook (.xls), not .xlsx; save it as .xlsx (or as CSV)")
                .doesNotContain("cannot tell the format");
    }

    @Test
    void aMissingSheetFailsTheJobListingTheSheets() {
        Cli.Result r = cli.run("import", FEATURES.toString(), "--sheet", "Answers", "--embeddings", "none");

        assertThat(r.status()).isNotZero();
        assertThat(r.out() + r.err()).contains("the workbook has no sheet \"Answers\"; its sheets: 1 \"FAQ\", 2 \"Secret\" (hidden), 3 \"Extra\"");
    }
}
