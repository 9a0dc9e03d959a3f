package dev.qaimport.xlsx.internal;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ss.usermodel.BuiltinFormats;

/**
 * The number format of each cell style, from {@code xl/styles.xml}: the {@code cellXfs} list
 * (style index to format id) and the workbook's own {@code numFmts}. Small: one int per style.
 */
final class Styles {
    private static final int MAX_STYLES = 64 * 1024;

    private final int[] formatIds;
    private final Map<Integer, String> custom;

    private Styles(int[] formatIds, Map<Integer, String> custom) {
        this.formatIds = formatIds;
        this.custom = custom;
    }

    static Styles none() {
        return new Styles(new int[0], Map.of());
    }

    static Styles read(WorkbookFile wf, String part) {
        if (part == null) {
            return none();
        }
        Map<Integer, String> custom = new HashMap<>();
        int[] ids = new int[16];
        int n = 0;
        boolean inCellXfs = false;
        InputStream in = wf.open(part);
        XMLStreamReader r = Xml.open(in, part);
        try {
            while (Xml.next(r, part) != XMLStreamConstants.END_DOCUMENT) {
                int e = r.getEventType();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    String el = r.getLocalName();
                    if (el.equals("numFmt")) {
                        Integer id = number(Xml.attr(r, "numFmtId"));
                        String code = Xml.attr(r, "formatCode");
                        if (id != null && code != null && custom.size() < MAX_STYLES) {
                            custom.put(id, code);
                        }
                    } else if (el.equals("cellXfs")) {
                        inCellXfs = true;
                    } else if (inCellXfs && el.equals("xf") && n < MAX_STYLES) {
                        if (n == ids.length) {
                            ids = java.util.Arrays.copyOf(ids, n * 2);
                        }
                        Integer id = number(Xml.attr(r, "numFmtId"));
                        ids[n++] = id == null ? 0 : id;
                    }
                } else if (e == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("cellXfs")) {
                    inCellXfs = false;
                }
            }
        } finally {
            Xml.close(r);
            WorkbookIndex.closeQuietly(in);
        }
        return new Styles(java.util.Arrays.copyOf(ids, n), Map.copyOf(custom));
    }

    private static Integer number(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The format id of style {@code style} (0, General, for an unknown one). */
    int formatId(int style) {
        return style >= 0 && style < formatIds.length ? formatIds[style] : 0;
    }

    /** The format string of a format id: the workbook's own, else the built-in one, else General. */
    String formatString(int formatId) {
        String s = custom.get(formatId);
        if (s == null) {
            s = BuiltinFormats.getBuiltinFormat(formatId);
        }
        return s == null ? "General" : s;
    }
}
