package dev.qaimport.benchmarks.baseline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A streaming cursor over the FAQ CSV with commons-csv (quoted fields with commas, quotes and
 * newlines), giving each record its row and starting line. Not thread-safe.
 */
public final class FaqCsv implements AutoCloseable {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final boolean hasCategory;
    private final boolean hasTags;
    private long row;

    private FaqCsv(CSVParser parser) {
        this.parser = parser;
        this.records = parser.iterator();
        this.hasCategory = parser.getHeaderMap().containsKey("category");
        this.hasTags = parser.getHeaderMap().containsKey("tags");
    }

    /** Opens {@code file} and reads its header. */
    public static FaqCsv open(Path file) {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16);
            return new FaqCsv(CSVParser.builder().setReader(in).setFormat(FORMAT).get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /** The next record, or {@code null} at the end of the file. */
    public FaqRow next() {
        long line = parser.getCurrentLineNumber() + 1;
        if (!records.hasNext()) {
            return null;
        }
        CSVRecord record = records.next();
        row++;
        return new FaqRow(row, line, record.get("question"), record.get("answer"),
                hasCategory ? record.get("category") : "", hasTags ? record.get("tags") : "");
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
