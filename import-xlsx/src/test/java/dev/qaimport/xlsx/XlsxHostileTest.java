package dev.qaimport.xlsx;

import static dev.qaimport.xlsx.TestWorkbooks.row;
import static dev.qaimport.xlsx.TestWorkbooks.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.SourceType;
import dev.qaimport.parse.internal.RecordReaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each hostile workbook is refused with a clear error before any record is delivered, and leaves no temporary file. */
class XlsxHostileTest {
    private static final String HEADER = row(1, text("A1", "question"), text("B1", "answer"));

    @TempDir
    Path temp;

    @AfterEach
    void leavesNoTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).isEmpty();
        }
    }

    private ImportException refused(byte[] file) {
        return refused(file, XlsxSheetReader.builder().tempDirectory(temp).build());
    }

    private static ImportException refused(byte[] file, XlsxSheetReader reader) {
        // Opening fails, so not a single record reaches the import.
        return catchThrowableOfType(ImportException.class, () -> RecordReaders.open(new ByteArrayInputStream(file), SourceType.XLSX,
                ImportOptions.defaults(), Limits.defaults(), reader));
    }

    @Test
    void refusesAZipBombByItsInflateRatio() {
        byte[] bomb = new TestWorkbooks().sheet("Sheet1", HEADER + " ".repeat(20 << 20)).bytes();
        assertThat(bomb.length).isLessThan(100_000);
        ImportException e = refused(bomb);
        assertThat(e.code()).isEqualTo(ErrorCodes.LIMIT_EXCEEDED);
        assertThat(e.getMessage()).startsWith("xl/worksheets/sheet1.xml: the part inflates ").contains("times its compressed size (limit 100")
                .endsWith("refused as a zip bomb");
    }

    @Test
    void refusesAPartOverTheEntrySizeLimit() {
        byte[] wb = new TestWorkbooks().sheet("Sheet1", HEADER + row(2, text("A2", "q?"), text("B2", "a".repeat(5000)))).bytes();
        ImportException e = refused(wb, XlsxSheetReader.builder().tempDirectory(temp).maxEntryBytes(4096).build());
        assertThat(e.code()).isEqualTo(ErrorCodes.LIMIT_EXCEEDED);
        assertThat(e.getMessage()).startsWith("xl/worksheets/sheet1.xml: the part inflates to ").contains("more than 4096 bytes (XlsxSheetReader.Builder.maxEntryBytes)");
    }

    @Test
    void aPartThatInflatesPastTheSizeItsEntryDeclaresIsCutThereAndRefused() {
        byte[] wb = new TestWorkbooks().sheet("Sheet1", HEADER + row(2, text("A2", "q?"), text("B2", "a".repeat(5000)))).bytes();
        declareSize(wb, "xl/worksheets/sheet1.xml", 100);
        ImportException e = refused(wb);
        // The JDK's ZipFile stops at the declared size (the checked one), so the part is cut short.
        assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
        assertThat(e.getMessage()).startsWith("xl/worksheets/sheet1.xml: the workbook's XML is broken: ");
    }

    /** Rewrites the uncompressed size of {@code name} in the zip's central directory, as a crafted bomb would. */
    private static void declareSize(byte[] zip, String name, int size) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = zip.length - 46; i >= 0; i--) {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 1 && zip[i + 3] == 2
                    && (zip[i + 28] & 0xFF | (zip[i + 29] & 0xFF) << 8) == n.length
                    && Arrays.equals(Arrays.copyOfRange(zip, i + 46, i + 46 + n.length), n)) {
                zip[i + 24] = (byte) size;
                zip[i + 25] = (byte) (size >> 8);
                zip[i + 26] = (byte) (size >> 16);
                zip[i + 27] = (byte) (size >> 24);
                return;
            }
        }
        throw new AssertionError("no central directory entry " + name);
    }

    @Test
    void refusesEntityExpansionInTheSheet() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><worksheet xmlns=\"" + TestWorkbooks.NS + "\"><sheetData>" + HEADER
                + row(2, "<c r=\"A2\" t=\"inlineStr\"><is><t>&c;</t></is></c>", text("B2", "a")) + "</sheetData></worksheet>";
        ImportException e = refused(new TestWorkbooks().sheetXml("Sheet1", laughs).bytes());
        assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
        assertThat(e.getMessage()).startsWith("xl/worksheets/sheet1.xml: the workbook's XML declares a DTD or uses entities");
    }

    @Test
    void refusesAnExternalEntityInTheSharedStrings() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><sst xmlns=\"" + TestWorkbooks.NS
                + "\"><si><t>&x;</t></si></sst>";
        ImportException e = refused(new TestWorkbooks().sharedStringsXml(xxe).sheet("Sheet1", HEADER).bytes());
        assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
        assertThat(e.getMessage()).startsWith("xl/sharedStrings.xml: the workbook's XML declares a DTD or uses entities");
    }

    @Test
    void refuses16384Columns() {
        StringBuilder cells = new StringBuilder();
        for (int c = 0; c < 16_384; c++) {
            cells.append("<c r=\"").append(column(c)).append("1\" t=\"inlineStr\"><is><t>h").append(c).append("</t></is></c>");
        }
        ImportException e = refused(new TestWorkbooks().sheet("Sheet1", "<row r=\"1\">" + cells + "</row>").bytes());
        assertThat(e.code()).isEqualTo(ErrorCodes.LIMIT_EXCEEDED);
        assertThat(e).hasMessage("Sheet1!1:1: the header row has more than 1,000 columns (Limits.maxColumns); "
                + "raise Limits.maxColumns / --max-columns to import it");
    }

    @Test
    void refusesAnEncryptedWorkbook() throws Exception {
        EncryptionInfo info = new EncryptionInfo(EncryptionMode.standard);
        Encryptor encryptor = info.getEncryptor();
        encryptor.confirmPassword("secret");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            try (OutputStream os = encryptor.getDataStream(fs)) {
                os.write(new TestWorkbooks().sheet("Sheet1", HEADER).bytes());
            }
            fs.writeFilesystem(out);
        }
        ImportException e = refused(out.toByteArray());
        assertThat(e.code()).isEqualTo(ErrorCodes.UNSUPPORTED_FORMAT);
        assertThat(e.getMessage()).startsWith("the workbook is encrypted (protected by a password to open)");
    }

    @Test
    void refusesALegacyXlsSavedByLibreOffice() {
        ImportException e = refused(XlsxReaderTest.resource("libreoffice-legacy.xls"));
        assertThat(e.code()).isEqualTo(ErrorCodes.UNSUPPORTED_FORMAT);
        assertThat(e).hasMessage("the file is a legacy Excel 97-2003 workbook (.xls), not .xlsx; save it as .xlsx (or as CSV) and import that");
    }

    @Test
    void refusesACsvRenamedXlsxSuggestingTheCsvFormat() {
        ImportException e = refused("question,answer\nq?,a.\n".getBytes(StandardCharsets.UTF_8));
        assertThat(e.code()).isEqualTo(ErrorCodes.UNSUPPORTED_FORMAT);
        assertThat(e).hasMessage("the file is not an .xlsx workbook (it is not a zip archive); it looks like text: if it is CSV or TSV "
                + "renamed .xlsx, import it with --format csv (ImportOptions.Builder.sourceType(SourceType.CSV))");
    }

    @Test
    void refusesAZipThatIsNotAWorkbook() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("mimetype"));
            z.write("application/vnd.oasis.opendocument.spreadsheet".getBytes(StandardCharsets.US_ASCII));
        }
        ImportException e = refused(out.toByteArray());
        assertThat(e.code()).isEqualTo(ErrorCodes.UNSUPPORTED_FORMAT);
        assertThat(e).hasMessage("the file is a zip archive but not an .xlsx workbook (it has no workbook part; it may be an OpenDocument .ods: save it as .xlsx)");
    }

    @Test
    void refusesATruncatedWorkbook() {
        byte[] wb = new TestWorkbooks().sheet("Sheet1", HEADER).bytes();
        ImportException e = refused(Arrays.copyOf(wb, wb.length / 2));
        assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
        assertThat(e.getMessage()).startsWith("the file is not a readable .xlsx workbook: its zip structure is broken");
    }

    @Test
    void refusesAFileOverMaxFileBytes() {
        byte[] wb = new TestWorkbooks().sheet("Sheet1", HEADER).bytes();
        ImportException e = catchThrowableOfType(ImportException.class, () -> RecordReaders.open(new ByteArrayInputStream(wb), SourceType.XLSX,
                ImportOptions.defaults(), Limits.defaults().withMaxFileBytes(100), XlsxSheetReader.builder().tempDirectory(temp).build()));
        assertThat(e.code()).isEqualTo(ErrorCodes.LIMIT_EXCEEDED);
        assertThat(e.getMessage()).startsWith("the file is larger than 100 bytes (Limits.maxFileBytes)");
    }

    private static String column(int c) {
        StringBuilder sb = new StringBuilder();
        for (int n = c + 1; n > 0; n = (n - 1) / 26) {
            sb.append((char) ('A' + (n - 1) % 26));
        }
        return sb.reverse().toString();
    }
}
