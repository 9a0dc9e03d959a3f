package dev.qaimport.parse;

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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    @Property(tries = 400)
    void randomBytesGiveRecordsRowErrorsOrAnImportExceptionOnly(@ForAll("bytes") byte[] bytes, @ForAll SourceType type,
            @ForAll boolean detectEncoding, @ForAll("limits") Limits limits) {
        readSafely(bytes, type, ImportOptions.builder().detectEncoding(detectEncoding).build(), limits);
    }

    @Property(tries = 400)
    void csvLikeTextGivesRecordsRowErrorsOrAnImportExceptionOnly(@ForAll("csvText") String text, @ForAll("limits") Limits limits,
            @ForAll boolean tsv) {
        readSafely(text.getBytes(StandardCharsets.UTF_8), tsv ? SourceType.TSV : SourceType.CSV, ImportOptions.defaults(), limits);
    }

    @Property(tries = 400)
    void jsonLikeTextGivesRecordsRowErrorsOrAnImportExceptionOnly(@ForAll("jsonText") String text, @ForAll("limits") Limits limits,
            @ForAll boolean lines) {
        readSafely(text.getBytes(StandardCharsets.UTF_8), lines ? SourceType.JSONL : SourceType.JSON, ImportOptions.defaults(), limits);
    }

    @Property(tries = 300)
    void csvReaderAgreesWithCommonsCsvOnEveryRecordAndLine(@ForAll("csvBody") String body) {
        compareWithCommonsCsv("question,answer\n" + body, Limits.defaults());
    }

    @Property(tries = 300)
    void limitsNeverDisturbRecordsTheyDoNotReject(@ForAll("csvBody") String body) {
        compareWithCommonsCsv("q,a\n" + body, SMALL.withMaxRows(Long.MAX_VALUE));
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

    @Property(tries = 200)
    void csvWrittenByCsvPrinterReadsBackToTheSameRecords(@ForAll("qaRecords") List<List<Object>> records) throws IOException {
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

    @Property(tries = 200)
    void jsonWrittenByJacksonReadsBackToTheSameRecords(@ForAll("qaRecords") List<List<Object>> records, @ForAll boolean lines)
            throws IOException {
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

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> prefixed = Combinators.combine(Arbitraries.of("question,answer\n", "[{\"question\": \"", "{\"q\": 1, \"a\": ",
                "\uFEFFq;a\n", "{\"items\": [", "\"\n"), random).as((p, r) -> {
                    byte[] head = p.getBytes(StandardCharsets.UTF_8);
                    byte[] all = java.util.Arrays.copyOf(head, head.length + r.length);
                    System.arraycopy(r, 0, all, head.length, r.length);
                    return all;
                });
        Arbitrary<byte[]> boms = random.map(r -> {
            byte[] all = new byte[r.length + 2];
            all[0] = (byte) 0xFF;
            all[1] = (byte) 0xFE;
            System.arraycopy(r, 0, all, 2, r.length);
            return all;
        });
        return Arbitraries.oneOf(random, prefixed, boms);
    }

    @Provide
    Arbitrary<Limits> limits() {
        return Arbitraries.of(Limits.defaults(), SMALL);
    }

    @Provide
    Arbitrary<String> csvBody() {
        return Arbitraries.strings().withChars('a', 'b', ' ', ',', '"', '\n', '\r', ';', '\t', 'é').ofMaxLength(120);
    }

    @Provide
    Arbitrary<String> csvText() {
        Arbitrary<String> header = Arbitraries.of("question,answer\n", "q;a;category\n", "\"question\"\t\"answer\"\n", "title|content\n",
                "", "\n\n", "\"");
        return Combinators.combine(header, csvBody()).as(String::concat);
    }

    @Provide
    Arbitrary<String> jsonText() {
        return Arbitraries.of("{", "}", "[", "]", ":", ",", " ", "\n", "\"question\"", "\"answer\"", "\"q\"", "\"a\"", "\"tags\"", "\"items\"",
                "\"name\"", "\"acceptedAnswer\"", "\"text\"", "\"x\"", "\"\\u00e9\"", "\"\\\"\"", "\"\\", "1", "-2.5e3", "true", "null", "\"abcdef\"")
                .list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<List<List<Object>>> qaRecords() {
        Arbitrary<String> text = Arbitraries.strings().withChars('a', 'Z', '0', ' ', ',', ';', '|', '"', '\'', '\n', '\r', '\t', '\\', 'é', '~', '#')
                .withCharRange('\u4e00', '\u4e05').ofMaxLength(25).map(s -> s.replace("~", "😀"));
        Arbitrary<String> tag = Arbitraries.strings().withChars('a', 'b', 'é', ' ', '-', '~').ofMinLength(1).ofMaxLength(8)
                .map(s -> s.replace("~", "😀").strip()).filter(s -> !s.isEmpty());
        Arbitrary<List<Object>> record = Combinators.combine(text, text, text, tag.list().ofMaxSize(3))
                .as((q, a, c, t) -> List.<Object>of(q, a, c, t));
        return record.list().ofMaxSize(8);
    }
}
