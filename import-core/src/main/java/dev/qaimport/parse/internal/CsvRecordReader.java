package dev.qaimport.parse.internal;

import dev.qaimport.Field;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.SourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV and TSV with commons-csv, one record at a time. The first non-blank record is the
 * header; blank lines are not records; a record with more or fewer fields than the header is a
 * row error; the rest of the rules are in {@code docs/PARSING.md}.
 */
final class CsvRecordReader extends AbstractRecordReader {
    /** Most characters read ahead to find the header line and its delimiter. */
    static final int HEADER_SCAN = 64 * 1024;
    private static final int SAMPLE_ROWS = 50;

    private final CsvGuard guard;
    private final CsvRecordNotes notes;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final int width;
    private final int question;
    private final int answer;
    private final int category;
    private final int tags;
    private final long mappedMask;
    private final ColumnMapping mapping;
    private final long maxRecordChars;

    private CsvRecordReader(CountingInputStream counter, TextDecoder decoder, CsvGuard guard, CSVParser parser, List<String> header,
            ColumnMapping mapping, Limits limits, long maxRecordChars) {
        super(counter, decoder, limits);
        this.guard = guard;
        this.notes = guard.notes();
        this.parser = parser;
        this.records = parser.iterator();
        this.header = header;
        this.width = header.size();
        this.mapping = mapping;
        this.question = mapping.index(Field.QUESTION);
        this.answer = mapping.index(Field.ANSWER);
        this.category = mapping.index(Field.CATEGORY);
        this.tags = mapping.index(Field.TAGS);
        long mask = 0;
        for (Field f : Field.values()) {
            int i = mapping.index(f);
            if (i >= 0) {
                mask |= 1L << Math.min(i, 63);
            }
        }
        this.mappedMask = mask;
        this.maxRecordChars = maxRecordChars;
    }

    static CsvRecordReader open(CountingInputStream counter, TextDecoder decoder, SourceType type, ImportOptions options, Limits limits) {
        char[] prefix = new char[HEADER_SCAN];
        int length = readHeaderPrefix(decoder, prefix);
        char delimiter = options.delimiter() != null ? options.delimiter()
                : type == SourceType.TSV ? '\t' : detectDelimiter(prefix, length);
        long maxRecordChars = maxRecordChars(limits);
        CsvGuard guard = new CsvGuard(prefix, length, decoder, delimiter, limits.maxFieldChars(), maxRecordChars, limits.maxColumns());
        CSVParser parser;
        try {
            parser = CSVParser.builder().setReader(guard).setFormat(format(delimiter)).get();
        } catch (IOException e) {
            throw readFailed(e);
        }
        Iterator<CSVRecord> it = parser.iterator();
        CSVRecord first = header(it, guard);
        String where = "line " + guard.notes().line();
        checkHeader(guard, where, limits);
        List<String> header = Collections.unmodifiableList(new ArrayList<>(first.toList()));
        ColumnMapping mapping = ColumnMapping.resolve(header, Languages.choose(header, options.columns(), options.language(), where, "column"), where);
        if (!mapping.missing().isEmpty()) {
            throw ColumnMapping.missing(header, mapping, sample(it, guard), where, "column");
        }
        return new CsvRecordReader(counter, decoder, guard, parser, header, mapping, limits, maxRecordChars);
    }

    /** RFC 4180 with {@code delimiter}, no escape, no comments, text after a closing quote kept. */
    private static CSVFormat format(char delimiter) {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setQuote('"')
                .setEscape(null)
                .setCommentMarker(null)
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(false)
                .setTrailingData(true)
                .setLenientEof(false)
                .get();
    }

    /** The header: the first record that is not a blank line. */
    private static CSVRecord header(Iterator<CSVRecord> it, CsvGuard guard) {
        while (true) {
            CSVRecord r = pull(it, guard);
            if (r == null) {
                throw endWithoutHeader(guard);
            }
            if (!guard.notes().next()) {
                throw outOfStep();
            }
            if (!blank(r, guard.notes())) {
                return r;
            }
        }
    }

    /** A header over {@code maxColumns} or {@code maxFieldChars} is fatal: the file is not read as records. */
    private static void checkHeader(CsvGuard guard, String where, Limits limits) {
        if ((guard.notes().flags() & CsvRecordNotes.TOO_MANY_COLUMNS) != 0) {
            throw new ImportException(ErrorCodes.LIMIT_EXCEEDED, where + ": the header has more than " + Text.count(limits.maxColumns())
                    + " columns (Limits.maxColumns); raise Limits.maxColumns / --max-columns to import it");
        }
        if ((guard.notes().flags() & (CsvRecordNotes.FIELD_TOO_LONG | CsvRecordNotes.RECORD_TOO_LONG)) != 0) {
            throw new ImportException(ErrorCodes.LIMIT_EXCEEDED, where + ": a header name is longer than "
                    + Text.count(limits.maxFieldChars()) + " characters (Limits.maxFieldChars); is this a CSV file with a header line?");
        }
    }

    /** Reads until the end of the first non-blank line (quote-aware) or {@link #HEADER_SCAN} chars. */
    private static int readHeaderPrefix(TextDecoder decoder, char[] buf) {
        int n = 0;
        boolean inQuote = false;
        boolean content = false;
        int scanned = 0;
        while (n < buf.length) {
            int r = decoder.read(buf, n, Math.min(8192, buf.length - n));
            if (r < 0) {
                break;
            }
            n += r;
            for (; scanned < n; scanned++) {
                char c = buf[scanned];
                if (c == '"') {
                    inQuote = !inQuote;
                    content = true;
                } else if (!inQuote && (c == '\n' || c == '\r')) {
                    if (content) {
                        return n;
                    }
                } else if (!Character.isWhitespace(c) || c == '\t') {
                    content = true;
                }
            }
        }
        return n;
    }

    /**
     * The delimiter of the first non-blank line: the most frequent of {@code ,} tab {@code ;}
     * {@code |} outside quotes, in that order on a tie; {@code ,} if none occurs.
     */
    static char detectDelimiter(char[] buf, int length) {
        char[] candidates = {',', '\t', ';', '|'};
        int[] counts = new int[candidates.length];
        boolean inQuote = false;
        boolean content = false;
        for (int i = 0; i < length; i++) {
            char c = buf[i];
            if (c == '"') {
                inQuote = !inQuote;
                content = true;
                continue;
            }
            if (inQuote) {
                continue;
            }
            if (c == '\n' || c == '\r') {
                if (content) {
                    break;
                }
                continue;
            }
            for (int k = 0; k < candidates.length; k++) {
                if (c == candidates[k]) {
                    counts[k]++;
                    content = true;
                }
            }
            if (!Character.isWhitespace(c)) {
                content = true;
            }
        }
        int best = 0;
        for (int k = 1; k < candidates.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return candidates[best];
    }

    private static ImportException endWithoutHeader(CsvGuard guard) {
        if (guard.unterminatedQuoteLine() > 0) {
            return unterminated(guard.unterminatedQuoteLine());
        }
        return new ImportException(ErrorCodes.MALFORMED_FILE, "line 1: the file is empty: expected a header line naming the columns "
                + "(for example question,answer,category,tags) followed by one record per line");
    }

    private static ImportException unterminated(long line) {
        return new ImportException(ErrorCodes.MALFORMED_FILE, "line " + line + ": a quoted field opened on line " + line
                + " is never closed; the file ends inside it (unbalanced \"). Close the quote, and double every quote inside a quoted field (\"\")");
    }

    private static ImportException outOfStep() {
        // Only a bug in keeping CsvGuard in step with commons-csv can get here.
        return new ImportException(ErrorCodes.MALFORMED_FILE, "internal error: the CSV reader lost track of record boundaries");
    }

    private static CSVRecord pull(Iterator<CSVRecord> it, CsvGuard guard) {
        try {
            return it.hasNext() ? it.next() : null;
        } catch (UncheckedIOException e) {
            if (guard.unterminatedQuoteLine() > 0) {
                throw unterminated(guard.unterminatedQuoteLine());
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ImportException(ErrorCodes.MALFORMED_FILE, "the CSV structure is broken: " + cause.getMessage(), e);
        }
    }

    /**
     * A blank line (or one of white space) is not a record; the guard says whether anything it
     * held back of an over-long line was more than white space.
     */
    private static boolean blank(CSVRecord r, CsvRecordNotes notes) {
        return r.size() == 1 && (notes.flags() & (CsvRecordNotes.DROPPED_VISIBLE | CsvRecordNotes.TOO_MANY_COLUMNS)) == 0 && r.get(0).isBlank();
    }

    private static List<List<String>> sample(Iterator<CSVRecord> it, CsvGuard guard) {
        List<List<String>> rows = new ArrayList<>();
        try {
            while (rows.size() < SAMPLE_ROWS) {
                CSVRecord r = pull(it, guard);
                if (r == null) {
                    break;
                }
                guard.notes().next();
                if (!blank(r, guard.notes())) {
                    rows.add(r.toList());
                }
            }
        } catch (ImportException e) {
            // The sample only improves a suggestion; a damaged file still gets the mapping error.
        }
        return rows;
    }

    @Override
    ParsedRow read() {
        while (true) {
            CSVRecord r = pull(records, guard);
            if (r == null) {
                if (guard.unterminatedQuoteLine() > 0) {
                    throw unterminated(guard.unterminatedQuoteLine());
                }
                return null;
            }
            if (!notes.next()) {
                throw outOfStep();
            }
            if (blank(r, notes)) {
                continue;
            }
            nextRow(notes.line());
            return toRow(r, notes.line());
        }
    }

    private ParsedRow toRow(CSVRecord r, long line) {
        int flags = notes.flags();
        if ((flags & CsvRecordNotes.TOO_MANY_COLUMNS) != 0) {
            return error(r, line, "row", ErrorCodes.MALFORMED_ROW, "more than " + Text.count(limits.maxColumns())
                    + " fields (Limits.maxColumns); the header has " + width);
        }
        long longFields = notes.tooLongFields();
        if ((flags & CsvRecordNotes.FIELD_TOO_LONG) != 0 && (longFields & mappedMask) != 0) {
            for (Field f : Field.values()) {
                int i = mapping.index(f);
                if (i >= 0 && (longFields & (1L << Math.min(i, 63))) != 0) {
                    return error(r, line, f.key(), ErrorCodes.TOO_LONG, "the " + f.key() + " (column " + Text.quote(header.get(i))
                            + ") is longer than " + Text.count(limits.maxFieldChars())
                            + " characters (Limits.maxFieldChars); raise Limits.maxFieldChars / --max-field-chars to import it");
                }
            }
        }
        if ((flags & CsvRecordNotes.RECORD_TOO_LONG) != 0) {
            return error(r, line, "row", ErrorCodes.TOO_LONG, "the record is longer than " + Text.count(maxRecordChars)
                    + " characters (4 × Limits.maxFieldChars); raise Limits.maxFieldChars / --max-field-chars to import it");
        }
        if (r.size() != width) {
            return error(r, line, "row", ErrorCodes.MALFORMED_ROW, "expected " + width + " fields as in the header but found " + r.size()
                    + (r.size() < width ? " (a truncated row, or a line break outside quotes?)" : " (an unquoted delimiter inside a field?)"));
        }
        String c = category >= 0 ? r.get(category) : null;
        List<String> t = tags >= 0 ? Tags.split(r.get(tags)) : List.of();
        return ParsedRow.of(new ParsedQA(row(), line, r.get(question), r.get(answer), c, t));
    }

    private ParsedRow error(CSVRecord r, long line, String field, String code, String message) {
        return ParsedRow.broken(rowError(line, field, code, message).withOriginal(value(r, question), value(r, answer)));
    }

    private static String value(CSVRecord r, int i) {
        return i >= 0 && i < r.size() ? r.get(i) : null;
    }

    @Override
    public List<String> columns() {
        return header;
    }

    @Override
    void closeParser() throws IOException {
        parser.close();
    }
}
