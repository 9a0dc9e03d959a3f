package dev.qaimport.parse;

import dev.qaimport.parse.internal.RecordReaders;
import dev.qaimport.parse.internal.RecordReader;
import dev.qaimport.parse.internal.ParsedRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.SourceType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import dev.qaimport.testing.Property;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Properties of the readers: whatever the input, the result is records, row errors or an
 * {@link ImportException}, never another exception or a hang; the CSV reader agrees with plain
 * commons-csv on every record and line; files written by commons-csv and Jackson read back to
 * the records written.
 */
class ParserPropertiesTest {
    private static final Set<String> FATAL_CODES = Set.of(ErrorCodes.MALFORMED_FILE, ErrorCodes.MISSING_COLUMNS, ErrorCodes.ENCODING,
            ErrorCodes.LIMIT_EXCEEDED);
    private static final Limits SMALL = Limits.defaults().withMaxFieldChars(3).withMaxColumns(3).withMaxJsonDepth(3).withMaxRows(50);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The format our CSV reader hands commons-csv, for comparing with it directly. */
    private static final CSVFormat SAME_AS_READER = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setTrailingData(true).get();

    /** Reads everything, checking the contract on the way; returns the rows or rethrows our exception. */
    private static List<ParsedRow> readChecked(byte[] bytes, SourceType type, ImportOptions options, Limits limits) {
        return assertTimeoutPreemptively(TIMEOUT, () -> {
            List<ParsedRow> rows = new ArrayList<>();
            try (RecordReader r = RecordReaders.open(new ByteArrayInputStream(bytes), type, options, limits)) {
                long lastLine = 0;
                for (ParsedRow row; (row = r.next()) != null; ) {
                    assertThat(row.row()).isEqualTo(rows.size() + 1L);
                    assertThat(row.line()).isGreaterThanOrEqualTo(Math.max(1, lastLine));
                    lastLine = row.line();
                    rows.add(row);
                    assertThat(r.columns()).isNotNull();
                    assertThat(r.bytesRead()).isBetween(0L, (long) bytes.length);
                }
                assertThat(r.next()).isNull();
            }
            return rows;
        });
    }

    private static void readSafely(byte[] bytes, SourceType type, ImportOptions options, Limits limits) {
        try {
            readChecked(bytes, type, options, limits);
        } catch (ImportException e) {
            assertThat(e.code()).isIn(FATAL_CODES);
            assertThat(e.getMessage()).isNotBlank().doesNotContain("internal error");
        }
    }

    @Test
    void randomBytesGiveRecordsRowErrorsOrAnImportExceptionOnly() {
        Property.forAll(400, r -> new Object[] {bytes(r), SourceType.values()[r.nextInt(4)], r.nextBoolean(), limits(r)},
                c -> readSafely((byte[]) c[0], (SourceType) c[1], ImportOptions.builder().detectEncoding((Boolean) c[2]).build(),
                        (Limits) c[3]));
    }

    @Test
    void csvLikeTextGivesRecordsRowErrorsOrAnImportExceptionOnly() {
        Property.forAll(400, r -> new Object[] {csvText(r), limits(r), r.nextBoolean()},
                c -> readSafely(((String) c[0]).getBytes(StandardCharsets.UTF_8), (Boolean) c[2] ? SourceType.TSV : SourceType.CSV,
                        ImportOptions.defaults(), (Limits) c[1]));
    }

    @Test
    void jsonLikeTextGivesRecordsRowErrorsOrAnImportExceptionOnly() {
        Property.forAll(400, r -> new Object[] {jsonText(r), limits(r), r.nextBoolean()},
                c -> readSafely(((String) c[0]).getBytes(StandardCharsets.UTF_8), (Boolean) c[2] ? SourceType.JSONL : SourceType.JSON,
                        ImportOptions.defaults(), (Limits) c[1]));
    }

    @Test
    void csvReaderAgreesWithCommonsCsvOnEveryRecordAndLine() {
        Property.forAll(300, ParserPropertiesTest::csvBody, body -> compareWithCommonsCsv("question,answer\n" + body, Limits.defaults()));
    }

    @Test
    void limitsNeverDisturbRecordsTheyDoNotReject() {
        Property.forAll(300, ParserPropertiesTest::csvBody, body -> compareWithCommonsCsv("q,a\n" + body, SMALL.withMaxRows(Long.MAX_VALUE)));
    }

    /**
     * Plain commons-csv over the same text: each record after the header and the blank ones is
     * one of our rows, on the same line; ours is a record with the same values, or a row error
     * where commons-csv's record is ragged or over a limit.
     */
    private static void compareWithCommonsCsv(String text, Limits limits) {
        List<CSVRecord> raw = new ArrayList<>();
        List<Long> rawLines = new ArrayList<>();
        boolean rawFailed = false;
        try (CSVParser p = CSVParser.parse(new StringReader(text), SAME_AS_READER)) {
            long before = p.getCurrentLineNumber();
            for (CSVRecord r : p) {
                raw.add(r);
                rawLines.add(before + 1);
                before = p.getCurrentLineNumber();
            }
        } catch (IOException | UncheckedIOException e) {
            rawFailed = true;
        }
        List<ParsedRow> ours = new ArrayList<>();
        boolean oursFailed = false;
        try {
            ours = readChecked(text.getBytes(StandardCharsets.UTF_8), SourceType.CSV, ImportOptions.defaults(), limits);
        } catch (ImportException e) {
            assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
            assertThat(e.getMessage()).contains("is never closed");
            oursFailed = true;
        }
        assertThat(oursFailed).as("fails where commons-csv fails").isEqualTo(rawFailed);
        if (oursFailed) {
            return;
        }
        List<CSVRecord> records = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        boolean header = true;
        for (int i = 0; i < raw.size(); i++) {
            CSVRecord r = raw.get(i);
            if (r.size() == 1 && r.get(0).isBlank()) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            records.add(r);
            lines.add(rawLines.get(i));
        }
        assertThat(ours).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            CSVRecord r = records.get(i);
            ParsedRow row = ours.get(i);
            assertThat(row.line()).as("line of row %d", i + 1).isEqualTo(lines.get(i));
            boolean overLimit = r.size() > limits.maxColumns() || r.toList().stream().anyMatch(v -> v.length() > limits.maxFieldChars());
            if (row.qa() != null) {
                assertThat(r.size()).isEqualTo(2);
                assertThat(List.of(row.qa().question(), row.qa().answer())).isEqualTo(r.toList());
            } else {
                assertThat(r.size() != 2 || overLimit).as("row %d is an error only if ragged or over a limit: %s", i + 1, row.error()).isTrue();
            }
        }
    }

    @Test
    void csvWrittenByCsvPrinterReadsBackToTheSameRecords() {
        Property.forAll(200, ParserPropertiesTest::qaRecords, records -> {
            try {
                csvReadsBack(records);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void csvReadsBack(List<List<Object>> records) throws IOException {
        StringBuilder csv = new StringBuilder();
        try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader("question", "answer", "category", "tags").get().print(csv)) {
            for (List<Object> r : records) {
                @SuppressWarnings("unchecked")
                List<String> tags = (List<String>) r.get(3);
                printer.printRecord(r.get(0), r.get(1), r.get(2), String.join(";", tags));
            }
        }

        List<ParsedRow> rows = readChecked(csv.toString().getBytes(StandardCharsets.UTF_8), SourceType.CSV, ImportOptions.defaults(),
                Limits.defaults());

        assertRecords(rows, records);
    }

    @Test
    void jsonWrittenByJacksonReadsBackToTheSameRecords() {
        Property.forAll(200, r -> new Object[] {qaRecords(r), r.nextBoolean()}, c -> {
            try {
                @SuppressWarnings("unchecked")
                List<List<Object>> records = (List<List<Object>>) c[0];
                jsonReadsBack(records, (Boolean) c[1]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void jsonReadsBack(List<List<Object>> records, boolean lines) throws IOException {
        StringWriter out = new StringWriter();
        JsonFactory factory = new JsonFactory();
        if (!lines) {
            out.write("{\"_meta\": {\"count\": " + records.size() + "}, \"items\": [\n");
        }
        for (int i = 0; i < records.size(); i++) {
            List<Object> r = records.get(i);
            try (JsonGenerator g = factory.createGenerator(new NoClose(out))) {
                g.writeStartObject();
                g.writeStringField("question", (String) r.get(0));
                g.writeStringField("answer", (String) r.get(1));
                g.writeStringField("category", (String) r.get(2));
                g.writeArrayFieldStart("tags");
                for (Object t : (List<?>) r.get(3)) {
                    g.writeString((String) t);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            out.write(lines ? "\n" : i + 1 < records.size() ? ",\n" : "\n");
        }
        if (!lines) {
            out.write("]}");
        }

        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        if (lines && records.isEmpty()) {
            return;
        }
        List<ParsedRow> rows = readChecked(bytes, lines ? SourceType.JSONL : SourceType.JSON, ImportOptions.defaults(), Limits.defaults());

        assertRecords(rows, records);
    }

    private static void assertRecords(List<ParsedRow> rows, List<List<Object>> records) {
        assertThat(rows).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            ParsedQA qa = rows.get(i).qa();
            assertThat(qa).as("row %d: %s", i + 1, rows.get(i).error()).isNotNull();
            assertThat(List.of(qa.question(), qa.answer(), qa.category(), qa.tags())).isEqualTo(records.get(i));
        }
    }

    /** Lets each record use its own generator without closing the shared writer. */
    private static final class NoClose extends java.io.FilterWriter {
        NoClose(java.io.Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static final String[] BYTE_PREFIXES = {"question,answer\n", "[{\"question\": \"", "{\"q\": 1, \"a\": ", "\uFEFFq;a\n",
        "{\"items\": [", "\"\n"};
    private static final String[] CSV_HEADERS = {"question,answer\n", "q;a;category\n", "\"question\"\t\"answer\"\n", "title|content\n", "",
        "\n\n", "\""};
    private static final String[] JSON_TOKENS = {"{", "}", "[", "]", ":", ",", " ", "\n", "\"question\"", "\"answer\"", "\"q\"", "\"a\"",
        "\"tags\"", "\"items\"", "\"name\"", "\"acceptedAnswer\"", "\"text\"", "\"x\"", "\"\\u00e9\"", "\"\\\"\"", "\"\\", "1",
        "-2.5e3", "true", "null", "\"abcdef\""};

    private static byte[] randomBytes(Random r, int max) {
        byte[] b = new byte[r.nextInt(max + 1)];
        r.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    static byte[] bytes(Random r) {
        byte[] random = randomBytes(r, 600);
        switch (r.nextInt(3)) {
            case 0:
                return random;
            case 1:
                return concat(BYTE_PREFIXES[r.nextInt(BYTE_PREFIXES.length)].getBytes(StandardCharsets.UTF_8), random);
            default:
                return concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, random);
        }
    }

    static Limits limits(Random r) {
        return r.nextBoolean() ? Limits.defaults() : SMALL;
    }

    private static String chars(Random r, String alphabet, int maxLength) {
        int n = r.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static String csvBody(Random r) {
        return chars(r, "ab ,\"\n\r;\té", 120);
    }

    static String csvText(Random r) {
        return CSV_HEADERS[r.nextInt(CSV_HEADERS.length)] + csvBody(r);
    }

    static String jsonText(Random r) {
        int n = r.nextInt(41);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(JSON_TOKENS[r.nextInt(JSON_TOKENS.length)]);
        }
        return sb.toString();
    }

    private static String recordText(Random r) {
        return chars(r, "aZ0 ,;|\"'\n\r\t\\é~#\u4e00\u4e01\u4e02\u4e03\u4e04\u4e05", 25).replace("~", "😀");
    }

    private static String tag(Random r) {
        while (true) {
            String t = chars(r, "abé -~", 8).replace("~", "😀").strip();
            if (!t.isEmpty()) {
                return t;
            }
        }
    }

    static List<List<Object>> qaRecords(Random r) {
        int n = r.nextInt(9);
        List<List<Object>> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int tags = r.nextInt(4);
            List<String> t = new ArrayList<>(tags);
            for (int j = 0; j < tags; j++) {
                t.add(tag(r));
            }
            records.add(List.<Object>of(recordText(r), recordText(r), recordText(r), List.copyOf(t)));
        }
        return records;
    }
}
