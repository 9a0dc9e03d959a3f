package dev.qaimport.xlsx.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.spi.SheetRows;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ss.usermodel.DataFormatter;

/**
 * The rows of one worksheet part, streamed with StAX: one {@code <row>} at a time, each cell
 * turned into the text the office suite shows. Shared strings come from the temporary-file table,
 * numbers and dates are formatted by POI's {@link DataFormatter} with the cell style's number
 * format, formulas give their cached result, booleans {@code TRUE}/{@code FALSE}, errors their
 * code ({@code #DIV/0!}). Rows without any non-empty cell are skipped.
 */
final class SheetStream implements SheetRows {
    private final WorkbookFile file;
    private final SharedStringsFile strings;
    private final Styles styles;
    private final boolean date1904;
    private final DataFormatter formatter;
    private final String sheetName;
    private final String part;
    private final WorkbookFile.CountingStream in;
    private final XMLStreamReader xml;
    private final int maxChars;
    private final int maxCells;
    private final StringBuilder value = new StringBuilder();
    private long rowNumber;
    private boolean closed;
    private boolean ended;

    SheetStream(WorkbookFile file, WorkbookIndex.Sheet sheet, SharedStringsFile strings, Styles styles, boolean date1904,
            DataFormatter formatter, int maxChars, int maxCells) {
        this.file = file;
        this.strings = strings;
        this.styles = styles;
        this.date1904 = date1904;
        this.formatter = formatter;
        this.sheetName = sheet.name();
        this.part = sheet.part();
        this.maxChars = maxChars;
        this.maxCells = maxCells;
        this.in = file.open(part);
        this.xml = Xml.open(in, part);
    }

    /** Reads up to the sheet's rows, so that a DTD or a broken start fails before any row is delivered. */
    void start() {
        while (true) {
            int e = Xml.next(xml, part);
            if (e == XMLStreamConstants.END_DOCUMENT) {
                ended = true;
                return;
            }
            if (e == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("sheetData")) {
                return;
            }
        }
    }

    @Override
    public String sheetName() {
        return sheetName;
    }

    @Override
    public List<String> next() {
        if (closed) {
            throw new IllegalStateException("rows are closed");
        }
        while (!ended) {
            int e = Xml.next(xml, part);
            if (e == XMLStreamConstants.END_DOCUMENT) {
                ended = true;
            } else if (e == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("sheetData")) {
                ended = true;
            } else if (e == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
                long r = number(Xml.attr(xml, "r"), rowNumber + 1);
                rowNumber = r;
                List<String> cells = row();
                if (!cells.isEmpty()) {
                    return cells;
                }
            }
        }
        return null;
    }

    /** The cells of the current {@code <row>}, up to its last non-empty one. */
    private List<String> row() {
        List<String> cells = new ArrayList<>();
        int lastFilled = -1;
        int column = -1;
        while (true) {
            int e = Xml.next(xml, part);
            if (e == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("row")) {
                break;
            }
            if (e != XMLStreamConstants.START_ELEMENT || !xml.getLocalName().equals("c")) {
                continue;
            }
            String ref = Xml.attr(xml, "r");
            column = ref == null ? column + 1 : column(ref, column + 1);
            String text = cell(Xml.attr(xml, "t"), (int) number(Xml.attr(xml, "s"), 0), column);
            if (column <= maxCells && !text.isEmpty()) {
                while (cells.size() < column) {
                    cells.add("");
                }
                cells.add(text);
                lastFilled = column;
            } else if (column > maxCells && !text.isEmpty()) {
                lastFilled = Math.max(lastFilled, maxCells);
                while (cells.size() <= maxCells) {
                    cells.add("");
                }
            }
        }
        return lastFilled < 0 ? List.of() : cells.subList(0, lastFilled + 1);
    }

    /** Reads the current {@code <c>} to its end and returns its displayed text. */
    private String cell(String type, int style, int column) {
        value.setLength(0);
        boolean inValue = false;
        int phonetic = 0;
        while (true) {
            int e = Xml.next(xml, part);
            if (e == XMLStreamConstants.START_ELEMENT) {
                String el = xml.getLocalName();
                if (el.equals("rPh")) {
                    phonetic++;
                } else if ((el.equals("v") || el.equals("t")) && phonetic == 0) {
                    inValue = true;
                }
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                String el = xml.getLocalName();
                if (el.equals("c")) {
                    break;
                } else if (el.equals("rPh")) {
                    phonetic--;
                } else if (el.equals("v") || el.equals("t")) {
                    inValue = false;
                }
            } else if (inValue && (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA || e == XMLStreamConstants.SPACE)) {
                Xml.appendText(xml, value, maxChars + 1);
            }
        }
        return display(type, style, column);
    }

    private String display(String type, int style, int column) {
        String v = value.toString();
        if (type == null || type.equals("n")) {
            if (v.isBlank()) {
                return "";
            }
            try {
                double d = Double.parseDouble(v.strip());
                int id = styles.formatId(style);
                return formatter.formatRawCellContents(d, id, styles.formatString(id), date1904);
            } catch (NumberFormatException e) {
                return v;
            }
        }
        switch (type) {
            case "s":
                try {
                    String s = strings.get(Integer.parseInt(v.strip()));
                    if (s == null) {
                        throw new ImportException(ErrorCodes.MALFORMED_FILE, where(column) + ": the cell refers to shared string " + v.strip()
                                + ", which the workbook does not have");
                    }
                    return s;
                } catch (NumberFormatException e) {
                    throw new ImportException(ErrorCodes.MALFORMED_FILE, where(column) + ": the cell's shared-string index is not a number");
                } catch (IOException e) {
                    throw new ImportException(ErrorCodes.PAYLOAD, "reading the shared strings failed: " + e.getMessage(), e);
                }
            case "b":
                return v.strip().equals("1") || v.strip().equalsIgnoreCase("true") ? "TRUE" : "FALSE";
            default:
                // str (formula text), inlineStr, e (error code such as #DIV/0!), d (ISO date text).
                return v;
        }
    }

    private String where(int column) {
        StringBuilder letters = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            letters.append((char) ('A' + (c - 1) % 26));
        }
        return sheetName + "!" + letters.reverse() + rowNumber;
    }

    /** The 0-based column of an A1 reference such as {@code B17}; {@code fallback} if it has no letters. */
    static int column(String ref, int fallback) {
        int c = 0;
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i)) && c < 1_000_000) {
            c = c * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            i++;
        }
        return i == 0 ? fallback : c - 1;
    }

    private static long number(String s, long fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public long rowNumber() {
        return rowNumber;
    }

    @Override
    public long bytesRead() {
        long declared = in.declared();
        if (declared <= 0) {
            return 0;
        }
        return (long) (file.size() * Math.min(1.0, (double) in.count() / declared));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Xml.close(xml);
        WorkbookIndex.closeQuietly(in);
        strings.close();
        file.close();
    }

}
