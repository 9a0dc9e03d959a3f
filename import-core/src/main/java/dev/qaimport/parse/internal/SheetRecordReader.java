package dev.qaimport.parse.internal;

import dev.qaimport.Field;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.RowError;
import dev.qaimport.spi.SheetReader;
import dev.qaimport.spi.SheetRows;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads one sheet of a workbook through a {@link SheetReader}: the first non-empty row is the
 * header, mapped with the same explicit names and aliases as a CSV header; every later non-empty
 * row is a record. The line of a record is the spreadsheet's row number, and messages name cells
 * as {@code Sheet1!B17}: the reader's own, and through the row's {@link dev.qaimport.validate.internal.FieldLocator}
 * those that validation finds later.
 */
final class SheetRecordReader implements RecordReader {
    private static final int SAMPLE_ROWS = 50;

    private final SheetRows rows;
    private final List<String> header;
    private final ColumnMapping mapping;
    private final Limits limits;
    private final String sheetPrefix;
    private long row;
    private ImportException failure;
    private boolean closed;

    private SheetRecordReader(SheetRows rows, List<String> header, ColumnMapping mapping, Limits limits) {
        this.rows = rows;
        this.header = header;
        this.mapping = mapping;
        this.limits = limits;
        this.sheetPrefix = sheetPrefix(rows.sheetName());
    }

    static SheetRecordReader open(InputStream in, SheetReader sheets, ImportOptions options, Limits limits) {
        SheetRows rows = sheets.open(in, options.sheet(), limits);
        try {
            List<String> first = rows.next();
            String prefix = sheetPrefix(rows.sheetName());
            if (first == null) {
                throw new ImportException(ErrorCodes.MALFORMED_FILE, prefix + "A1: the sheet " + Text.quote(rows.sheetName())
                        + " is empty: expected a header row naming the columns (for example question, answer, category, tags) "
                        + "followed by one record per row");
            }
            String where = prefix + rows.rowNumber() + ":" + rows.rowNumber();
            if (first.size() > limits.maxColumns()) {
                throw new ImportException(ErrorCodes.LIMIT_EXCEEDED, where + ": the header row has more than "
                        + Text.count(limits.maxColumns()) + " columns (Limits.maxColumns); raise Limits.maxColumns / --max-columns to import it");
            }
            for (int i = 0; i < first.size(); i++) {
                if (first.get(i).length() > limits.maxFieldChars()) {
                    throw new ImportException(ErrorCodes.LIMIT_EXCEEDED, prefix + cellName(i, rows.rowNumber()) + ": a header name is longer than "
                            + Text.count(limits.maxFieldChars()) + " characters (Limits.maxFieldChars); does the sheet start with a header row?");
                }
            }
            List<String> header = Collections.unmodifiableList(new ArrayList<>(first));
            ColumnMapping mapping = ColumnMapping.resolve(header, options.columns(), where);
            if (!mapping.missing().isEmpty()) {
                List<List<String>> ahead = new ArrayList<>();
                List<String> r;
                while (ahead.size() < SAMPLE_ROWS && (r = rows.next()) != null) {
                    ahead.add(r);
                }
                throw ColumnMapping.missing(header, mapping, ahead, where, "column");
            }
            return new SheetRecordReader(rows, header, mapping, limits);
        } catch (RuntimeException e) {
            rows.close();
            throw e;
        }
    }

    private static String sheetPrefix(String sheet) {
        boolean plain = !sheet.isEmpty() && sheet.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '.');
        return (plain ? sheet : "'" + sheet.replace("'", "''") + "'") + "!";
    }

    /** The A1-style name of the cell in 0-based {@code column} and 1-based {@code rowNumber}. */
    static String cellName(int column, long rowNumber) {
        StringBuilder letters = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            letters.append((char) ('A' + (c - 1) % 26));
        }
        return letters.reverse().toString() + rowNumber;
    }

    @Override
    public ParsedRow next() {
        if (closed) {
            throw new IllegalStateException("reader is closed");
        }
        if (failure != null) {
            throw failure;
        }
        try {
            List<String> cells = rows.next();
            if (cells == null) {
                return null;
            }
            long line = rows.rowNumber();
            if (++row > limits.maxRows()) {
                throw new ImportException(ErrorCodes.LIMIT_EXCEEDED, sheetPrefix + "A" + line + ": the sheet has more than "
                        + Text.count(limits.maxRows()) + " records (Limits.maxRows); raise Limits.maxRows / --max-rows to import it");
            }
            return toRow(cells, line);
        } catch (ImportException e) {
            failure = e;
            throw e;
        }
    }

    private ParsedRow toRow(List<String> cells, long line) {
        String q = cell(cells, Field.QUESTION);
        String a = cell(cells, Field.ANSWER);
        if (cells.size() > limits.maxColumns()) {
            return broken(line, "row", ErrorCodes.MALFORMED_ROW, sheetPrefix + line + ":" + line + ": more than "
                    + Text.count(limits.maxColumns()) + " cells (Limits.maxColumns); the header has " + header.size(), q, a);
        }
        for (Field f : Field.values()) {
            int i = mapping.index(f);
            if (i >= 0 && i < cells.size() && cells.get(i).length() > limits.maxFieldChars()) {
                return broken(line, f.key(), ErrorCodes.TOO_LONG, sheetPrefix + cellName(i, line) + ": the " + f.key() + " (column "
                        + Text.quote(header.get(i)) + ") is longer than " + Text.count(limits.maxFieldChars())
                        + " characters (Limits.maxFieldChars); raise Limits.maxFieldChars / --max-field-chars to import it", null, null);
            }
        }
        String c = cell(cells, Field.CATEGORY);
        String t = cell(cells, Field.TAGS);
        return ParsedRow.of(new ParsedQA(row, line, q, a, c, t == null ? List.of() : Tags.split(t)), field -> locate(field, line));
    }

    /** The cell of {@code field} in the row at {@code line}, or {@code null} when the field has no column. */
    private String locate(String field, long line) {
        for (Field f : Field.values()) {
            if (f.key().equals(field)) {
                int i = mapping.index(f);
                return i < 0 ? null : sheetPrefix + cellName(i, line);
            }
        }
        return null;
    }

    /** The field's cell; an empty string when the row ends before it, {@code null} when the field has no column. */
    private String cell(List<String> cells, Field f) {
        int i = mapping.index(f);
        if (i < 0) {
            return null;
        }
        return i < cells.size() ? cells.get(i) : "";
    }

    private ParsedRow broken(long line, String field, String code, String message, String q, String a) {
        return ParsedRow.broken(new RowError(row, line, field, code, message).withOriginal(q, a));
    }

    @Override
    public long bytesRead() {
        return rows.bytesRead();
    }

    @Override
    public List<String> columns() {
        return header;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            rows.close();
        }
    }
}
