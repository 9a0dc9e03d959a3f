package dev.qaimport.parse;

import dev.qaimport.parse.internal.RecordReaders;
import dev.qaimport.parse.internal.RecordReader;
import dev.qaimport.parse.internal.ParsedRow;
import static dev.qaimport.parse.Parse.failure;
import static dev.qaimport.parse.Parse.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.SourceType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class EncodingTest {
    private static final String CSV = "question,answer\nCafé?,Ça coûte 5 €.\n";
    private static final ImportOptions DETECT = ImportOptions.builder().detectEncoding(true).build();
    private static final ImportOptions STRICT = ImportOptions.builder().detectEncoding(false).build();

    private static byte[] bytes(byte[] prefix, String text, Charset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix);
        out.writeBytes(text.getBytes(charset));
        return out.toByteArray();
    }

    private static String answer(byte[] bytes, SourceType type, ImportOptions options) {
        List<ParsedRow> rows = rows(bytes, type, options, Limits.defaults());
        assertThat(rows).hasSize(1);
        return rows.get(0).qa().answer();
    }

    @Test
    void readsUtf8WithAndWithoutByteOrderMark() {
        assertThat(answer(bytes(new byte[0], CSV, StandardCharsets.UTF_8), SourceType.CSV, ImportOptions.defaults())).isEqualTo("Ça coûte 5 €.");
        assertThat(answer(bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, CSV, StandardCharsets.UTF_8), SourceType.CSV,
                ImportOptions.defaults())).isEqualTo("Ça coûte 5 €.");
    }

    @ParameterizedTest
    @EnumSource(value = SourceType.class, names = "XLSX", mode = EnumSource.Mode.EXCLUDE) // a workbook has no text encoding
    void readsUtf16LittleAndBigEndianWithByteOrderMark(SourceType type) {
        String text = type == SourceType.JSON ? "[{\"question\": \"Café?\", \"answer\": \"Ça coûte 5 €.\"}]"
                : type == SourceType.JSONL ? "{\"question\": \"Café?\", \"answer\": \"Ça coûte 5 €.\"}\n"
                : type == SourceType.TSV ? CSV.replace(',', '\t')
                : type == SourceType.HTML ? "<dl><dt>Café?</dt><dd>Ça coûte 5 €.</dd></dl>" : CSV;

        byte[] le = bytes(new byte[] {(byte) 0xFF, (byte) 0xFE}, text, StandardCharsets.UTF_16LE);
        byte[] be = bytes(new byte[] {(byte) 0xFE, (byte) 0xFF}, text, StandardCharsets.UTF_16BE);

        assertThat(answer(le, type, ImportOptions.defaults())).isEqualTo("Ça coûte 5 €.");
        assertThat(answer(be, type, ImportOptions.defaults())).isEqualTo("Ça coûte 5 €.");
    }

    @Test
    void readsWindows1252WhenTheCallerSaysSo() {
        byte[] cp1252 = CSV.getBytes(Charset.forName("windows-1252"));
        assertThat(cp1252[cp1252.length - 3]).isEqualTo((byte) 0x80);

        String answer = answer(cp1252, SourceType.CSV, ImportOptions.builder().encoding(Charset.forName("windows-1252")).build());

        assertThat(answer).isEqualTo("Ça coûte 5 €.");
    }

    @Test
    void readsIso88591WhenTheCallerSaysSo() {
        byte[] latin1 = "question,answer\nCafé?,Ça coûte 5 francs.\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(answer(latin1, SourceType.CSV, ImportOptions.builder().encoding(StandardCharsets.ISO_8859_1).build()))
                .isEqualTo("Ça coûte 5 francs.");
    }

    @Test
    void invalidUtf8IsReportedWithItsLineAndByteOffsetNeverReplaced() {
        byte[] cp1252 = "question,answer\nq1,a1\nCafé?,x\n".getBytes(Charset.forName("windows-1252"));

        ImportException e = failure(cp1252, SourceType.CSV, STRICT, Limits.defaults());

        assertThat(e.code()).isEqualTo(ErrorCodes.ENCODING);
        assertThat(e.getMessage()).isEqualTo("line 3, byte 25: the bytes 0xE9 are not valid UTF-8. The bytes look like windows-1252 "
                + "(confidence medium): import it with --encoding windows-1252 (ImportOptions.encoding), or let detection choose by "
                + "leaving out --strict-encoding (ImportOptions.detectEncoding)");
    }

    @Test
    void byDefaultAFileThatIsNotUtf8IsReadInTheDetectedEncodingAndSaysSo() {
        byte[] cp1252 = CSV.getBytes(Charset.forName("windows-1252"));

        assertThat(answer(cp1252, SourceType.CSV, ImportOptions.defaults())).isEqualTo("Ça coûte 5 €.");
        try (RecordReader r = RecordReaders.open(new ByteArrayInputStream(cp1252), SourceType.CSV, ImportOptions.defaults(), Limits.defaults())) {
            assertThat(r.note()).isEqualTo("the file is not UTF-8; read as windows-1252 (confidence medium)");
        }
    }

    @Test
    void aUtf8FileWithAStrayByteKeepsItsUtf8AndTheByteIsAnError() {
        StringBuilder csv = new StringBuilder("question,answer\n");
        for (int i = 0; i < 20; i++) {
            csv.append("Où est le café n° ").append(i).append(" ?,Ça coûte 5 € – très bon.\n");
        }
        byte[] good = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = "Thé ?,x\n".getBytes(Charset.forName("windows-1252"));
        byte[] all = java.util.Arrays.copyOf(good, good.length + bad.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        List<ParsedRow> seen = new ArrayList<>();

        ImportException e = catchThrowableOfType(ImportException.class, () -> {
            try (RecordReader r = RecordReaders.open(new ByteArrayInputStream(all), SourceType.CSV, ImportOptions.defaults(), Limits.defaults())) {
                for (ParsedRow row; (row = r.next()) != null; ) {
                    seen.add(row);
                }
            }
        });

        assertThat(seen).hasSize(20).allSatisfy(r -> assertThat(r.qa().answer()).isEqualTo("Ça coûte 5 € – très bon."));
        assertThat(e.code()).isEqualTo(ErrorCodes.ENCODING);
        assertThat(e.getMessage()).startsWith("line 22, byte ").contains("the bytes 0xE9 are not valid UTF-8. Detection kept UTF-8: "
                + "the first 64 KiB hold 160 UTF-8 characters beyond ASCII and 1 byte that is not, so the file is UTF-8 with faults");
    }

    @ParameterizedTest
    @EnumSource(value = SourceType.class, names = {"CSV", "JSON", "JSONL"})
    void recordsBeforeTheInvalidBytesAreDeliveredFirst(SourceType type) {
        StringBuilder good = new StringBuilder(type == SourceType.CSV ? "question,answer\n" : type == SourceType.JSON ? "[\n" : "");
        for (int i = 1; i <= 3000; i++) {
            good.append(type == SourceType.CSV ? "q" + i + ",a" + i + "\n" : "{\"q\": \"q" + i + "\", \"a\": \"a" + i + "\"}"
                    + (type == SourceType.JSON ? ",\n" : "\n"));
        }
        byte[] head = good.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = (type == SourceType.CSV ? "bad\u00e9,x\n" : "{\"q\": \"bad\u00e9\", \"a\": \"x\"}\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        List<ParsedRow> seen = new ArrayList<>();

        ImportException e = catchThrowableOfType(ImportException.class, () -> {
            try (RecordReader r = RecordReaders.open(new ByteArrayInputStream(all), type, STRICT, Limits.defaults())) {
                for (ParsedRow row; (row = r.next()) != null; ) {
                    seen.add(row);
                }
            }
        });

        assertThat(seen).hasSize(3000).allSatisfy(r -> assertThat(r.qa()).isNotNull());
        assertThat(e.code()).isEqualTo(ErrorCodes.ENCODING);
        long line = type == SourceType.JSONL ? 3001 : 3002;
        assertThat(e.getMessage()).startsWith("line " + line + ", byte ");
    }

    @Test
    void detectionReadsBytesThatAreNotUtf8AsWindows1252() {
        byte[] cp1252 = CSV.getBytes(Charset.forName("windows-1252"));

        assertThat(answer(cp1252, SourceType.CSV, DETECT)).isEqualTo("Ça coûte 5 €.");
    }

    @Test
    void detectionKeepsValidUtf8AsUtf8() {
        assertThat(answer(CSV.getBytes(StandardCharsets.UTF_8), SourceType.CSV, DETECT)).isEqualTo("Ça coûte 5 €.");
    }

    @Test
    void explicitEncodingWinsOverDetection() {
        byte[] latin1 = "question,answer\nq,\u0080\n".getBytes(StandardCharsets.ISO_8859_1);

        String answer = answer(latin1, SourceType.CSV, DETECT.toBuilder().encoding(StandardCharsets.ISO_8859_1).build());

        assertThat(answer).isEqualTo("\u0080");
    }

    @Test
    void invalidBytesAfterTheSniffedPrefixAreStillReportedAsErrors() {
        StringBuilder csv = new StringBuilder("question,answer\n");
        while (csv.length() < 70_000) {
            csv.append("plain ascii question,plain ascii answer\n");
        }
        byte[] head = csv.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = java.util.Arrays.copyOf(head, head.length + 8);
        System.arraycopy("caf\u00e9,x\n".getBytes(StandardCharsets.ISO_8859_1), 0, all, head.length, 7);
        all = java.util.Arrays.copyOf(all, head.length + 7);

        ImportException e = failure(all, SourceType.CSV, DETECT, Limits.defaults());

        assertThat(e.code()).isEqualTo(ErrorCodes.ENCODING);
        assertThat(e.getMessage()).contains("are not valid UTF-8").contains("--encoding windows-1252")
                .contains("detection kept UTF-8 because the first 64 KiB were valid UTF-8");
    }

    @Test
    void byteUndefinedInWindows1252IsReported() {
        byte[] bytes = "question,answer\nq,a\u0081\n".getBytes(StandardCharsets.ISO_8859_1);

        ImportException e = failure(bytes, SourceType.CSV, ImportOptions.builder().encoding(Charset.forName("windows-1252")).build(),
                Limits.defaults());

        assertThat(e.code()).isEqualTo(ErrorCodes.ENCODING);
        assertThat(e.getMessage()).isEqualTo("line 2, byte 19: the bytes 0x81 have no character in windows-1252; if the file is Latin-1, "
                + "import it with --encoding ISO-8859-1 (ImportOptions.encoding)");
    }

    @Test
    void truncatedUtf8SequenceAtTheEndIsReported() {
        byte[] bytes = java.util.Arrays.copyOf("question,answer\nq,\u20ac".getBytes(StandardCharsets.UTF_8), 20);

        for (ImportOptions options : List.of(ImportOptions.defaults(), STRICT)) {
            ImportException e = failure(bytes, SourceType.CSV, options, Limits.defaults());

            assertThat(e.code()).isEqualTo(ErrorCodes.ENCODING);
            assertThat(e.getMessage()).startsWith("line 2, byte 18: the bytes 0xE2 0x82 are not valid UTF-8.");
        }
        assertThat(failure(bytes, SourceType.CSV, ImportOptions.defaults(), Limits.defaults()))
                .hasMessageEndingWith("The file ends inside a UTF-8 sequence, as if it was cut off; the rest is UTF-8, so no other "
                        + "encoding was guessed");
    }
}
