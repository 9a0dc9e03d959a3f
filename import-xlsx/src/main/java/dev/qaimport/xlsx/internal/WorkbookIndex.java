package dev.qaimport.xlsx.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.io.InputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * What {@code xl/workbook.xml} and the relationships say: the sheets in tab order with their
 * state and part, the shared-strings and styles parts, and the 1904 date system.
 */
final class WorkbookIndex {
    /** One sheet tab. */
    record Sheet(String name, boolean hidden, String part, boolean worksheet) {
    }

    final List<Sheet> sheets;
    final String sharedStrings;
    final String styles;
    final boolean date1904;

    private WorkbookIndex(List<Sheet> sheets, String sharedStrings, String styles, boolean date1904) {
        this.sheets = sheets;
        this.sharedStrings = sharedStrings;
        this.styles = styles;
        this.date1904 = date1904;
    }

    static WorkbookIndex read(WorkbookFile wf) {
        String workbook = null;
        if (wf.has("_rels/.rels")) {
            for (String[] rel : rels(wf, "_rels/.rels", "")) {
                if (rel[1].endsWith("/officeDocument")) {
                    workbook = rel[2];
                }
            }
        }
        if (workbook == null && wf.has("xl/workbook.xml")) {
            workbook = "xl/workbook.xml";
        }
        if (workbook == null || !wf.has(workbook)) {
            throw new ImportException(ErrorCodes.UNSUPPORTED_FORMAT, "the file is a zip archive but not an .xlsx workbook (it has no workbook part"
                    + (wf.has("mimetype") ? "; it may be an OpenDocument .ods: save it as .xlsx" : "") + ")");
        }
        String dir = workbook.contains("/") ? workbook.substring(0, workbook.lastIndexOf('/') + 1) : "";
        String relsPart = dir + "_rels/" + workbook.substring(dir.length()) + ".rels";
        Map<String, String[]> byId = new HashMap<>();
        String shared = null;
        String styles = null;
        if (wf.has(relsPart)) {
            for (String[] rel : rels(wf, relsPart, dir)) {
                byId.put(rel[0], rel);
                if (rel[1].endsWith("/sharedStrings")) {
                    shared = rel[2];
                } else if (rel[1].endsWith("/styles")) {
                    styles = rel[2];
                }
            }
        }
        List<Sheet> sheets = new ArrayList<>();
        boolean date1904 = false;
        InputStream in = wf.open(workbook);
        XMLStreamReader r = Xml.open(in, workbook);
        try {
            while (Xml.next(r, workbook) != XMLStreamConstants.END_DOCUMENT) {
                if (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String el = r.getLocalName();
                if (el.equals("workbookPr")) {
                    String d = Xml.attr(r, "date1904");
                    date1904 = "1".equals(d) || "true".equalsIgnoreCase(d);
                } else if (el.equals("sheet")) {
                    String name = String.valueOf(Xml.attr(r, "name"));
                    String state = Xml.attr(r, "state");
                    String[] rel = byId.get(Xml.attr(r, "id"));
                    boolean worksheet = rel != null && rel[1].endsWith("/worksheet");
                    sheets.add(new Sheet(name, state != null && !state.equals("visible"), rel == null ? null : rel[2], worksheet));
                }
            }
        } finally {
            Xml.close(r);
            closeQuietly(in);
        }
        return new WorkbookIndex(List.copyOf(sheets), shared != null && wf.has(shared) ? shared : null,
                styles != null && wf.has(styles) ? styles : null, date1904);
    }

    /** The relationships of a part: {id, type, resolved target}, external ones left out. */
    private static List<String[]> rels(WorkbookFile wf, String part, String dir) {
        List<String[]> out = new ArrayList<>();
        InputStream in = wf.open(part);
        XMLStreamReader r = Xml.open(in, part);
        try {
            while (Xml.next(r, part) != XMLStreamConstants.END_DOCUMENT) {
                if (r.getEventType() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("Relationship")
                        && !"External".equals(Xml.attr(r, "TargetMode"))) {
                    String target = String.valueOf(Xml.attr(r, "Target"));
                    String resolved = target.startsWith("/") ? target.substring(1) : normalise(dir + target);
                    out.add(new String[] {String.valueOf(Xml.attr(r, "Id")), String.valueOf(Xml.attr(r, "Type")), resolved});
                }
            }
        } finally {
            Xml.close(r);
            closeQuietly(in);
        }
        return out;
    }

    private static String normalise(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return String.join("/", parts);
    }

    /**
     * The sheet to read: by exact name, by name ignoring case, then by 1-based position; the
     * first visible worksheet when {@code wanted} is {@code null}.
     */
    Sheet select(String wanted) {
        Sheet found = null;
        if (wanted == null) {
            for (Sheet s : sheets) {
                if (!s.hidden() && s.worksheet()) {
                    found = s;
                    break;
                }
            }
            if (found == null) {
                throw new ImportException(ErrorCodes.MISSING_COLUMNS, "the workbook has no visible worksheet; its sheets: " + list()
                        + ". Choose one with --sheet NAME|N (ImportOptions.Builder.sheet)");
            }
            return found;
        }
        for (Sheet s : sheets) {
            if (s.name().equals(wanted)) {
                found = s;
                break;
            }
        }
        for (int i = 0; found == null && i < sheets.size(); i++) {
            if (sheets.get(i).name().toLowerCase(Locale.ROOT).equals(wanted.strip().toLowerCase(Locale.ROOT))) {
                found = sheets.get(i);
            }
        }
        if (found == null && wanted.strip().matches("[0-9]{1,6}")) {
            int n = Integer.parseInt(wanted.strip());
            if (n >= 1 && n <= sheets.size()) {
                found = sheets.get(n - 1);
            }
        }
        if (found == null) {
            throw new ImportException(ErrorCodes.MISSING_COLUMNS, "the workbook has no sheet \"" + wanted + "\"; its sheets: " + list()
                    + ". Choose one with --sheet NAME|N (ImportOptions.Builder.sheet), N counting from 1");
        }
        if (!found.worksheet() || found.part() == null) {
            throw new ImportException(ErrorCodes.MISSING_COLUMNS, "the sheet \"" + found.name() + "\" is not a worksheet (a chart sheet?); its sheets: "
                    + list());
        }
        return found;
    }

    private String list() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < sheets.size(); i++) {
            Sheet s = sheets.get(i);
            names.add((i + 1) + " \"" + s.name() + "\"" + (s.hidden() ? " (hidden)" : "") + (s.worksheet() ? "" : " (not a worksheet)"));
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing to lose.
        }
    }
}
