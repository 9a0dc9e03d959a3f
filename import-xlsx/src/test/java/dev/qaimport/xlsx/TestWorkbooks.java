package dev.qaimport.xlsx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small .xlsx files part by part, for tests that need cells or hostile parts no office suite writes. */
final class TestWorkbooks {
    static final String NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

    private final List<String[]> sheets = new ArrayList<>();
    private final List<String> strings = new ArrayList<>();
    private String sharedStringsXml;
    private String styles = "<styleSheet xmlns=\"" + NS + "\"><cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs></styleSheet>";

    /** A sheet whose {@code sheetData} is {@code rowsXml}. */
    TestWorkbooks sheet(String name, String rowsXml) {
        return sheetXml(name, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + NS + "\"><sheetData>" + rowsXml
                + "</sheetData></worksheet>");
    }

    /** A sheet whose whole part is {@code xml}; {@code null} when {@code write}'s caller adds it. */
    TestWorkbooks sheetXml(String name, String xml) {
        sheets.add(new String[] {name, xml});
        return this;
    }

    /** A shared string; its index is the number of strings added before it. */
    TestWorkbooks string(String s) {
        strings.add(s);
        return this;
    }

    /** The whole shared-strings part, replacing {@link #string}; {@code ""} when {@code write}'s caller adds it. */
    TestWorkbooks sharedStringsXml(String xml) {
        this.sharedStringsXml = xml;
        return this;
    }

    static String row(int r, String... cells) {
        return "<row r=\"" + r + "\">" + String.join("", cells) + "</row>";
    }

    /** An inline-string cell. */
    static String text(String ref, String s) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + escape(s) + "</t></is></c>";
    }

    /** A shared-string cell. */
    static String shared(String ref, int index) {
        return "<c r=\"" + ref + "\" t=\"s\"><v>" + index + "</v></c>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, extra -> { });
        return out.toByteArray();
    }

    /** Writes the workbook; {@code extra} may add parts. */
    void write(OutputStream out, Consumer<ZipOutputStream> extra) {
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            put(z, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            put(z, "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + REL + "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            StringBuilder wb = new StringBuilder("<workbook xmlns=\"" + NS + "\" xmlns:r=\"" + REL.substring(0, REL.length() - 1) + "\"><sheets>");
            StringBuilder rels = new StringBuilder("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
            for (int i = 0; i < sheets.size(); i++) {
                String name = sheets.get(i)[0];
                boolean hidden = name.startsWith("~");
                wb.append("<sheet name=\"").append(escape(hidden ? name.substring(1) : name)).append("\" sheetId=\"").append(i + 1)
                        .append(hidden ? "\" state=\"hidden" : "").append("\" r:id=\"rId").append(i + 1).append("\"/>");
                rels.append("<Relationship Id=\"rId").append(i + 1).append("\" Type=\"").append(REL).append("worksheet\" Target=\"worksheets/sheet")
                        .append(i + 1).append(".xml\"/>");
                if (sheets.get(i)[1] != null) {
                    put(z, "xl/worksheets/sheet" + (i + 1) + ".xml", sheets.get(i)[1]);
                }
            }
            rels.append("<Relationship Id=\"rS\" Type=\"").append(REL).append("styles\" Target=\"styles.xml\"/>");
            rels.append("<Relationship Id=\"rT\" Type=\"").append(REL).append("sharedStrings\" Target=\"sharedStrings.xml\"/>");
            put(z, "xl/workbook.xml", wb.append("</sheets></workbook>").toString());
            put(z, "xl/_rels/workbook.xml.rels", rels.append("</Relationships>").toString());
            put(z, "xl/styles.xml", styles);
            if ("".equals(sharedStringsXml)) {
                // Written by the caller, through extra.
            } else if (sharedStringsXml != null) {
                put(z, "xl/sharedStrings.xml", sharedStringsXml);
            } else {
                StringBuilder sst = new StringBuilder("<sst xmlns=\"" + NS + "\">");
                for (String s : strings) {
                    sst.append("<si><t>").append(escape(s)).append("</t></si>");
                }
                put(z, "xl/sharedStrings.xml", sst.append("</sst>").toString());
            }
            extra.accept(z);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void put(ZipOutputStream z, String name, String content) {
        try {
            z.putNextEntry(new ZipEntry(name));
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
