package dev.qaimport.benchmarks.xlsx;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Writes the rows of a CSV file as an .xlsx workbook the way office suites store text: every
 * cell a shared string. Streams both files; the shared strings go through a temporary file
 * because their part follows the sheet's.
 */
public final class CsvToXlsx {
    private static final String NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PKG = "http://schemas.openxmlformats.org/package/2006/relationships";

    private CsvToXlsx() {
    }

    /** Converts {@code csv} into {@code xlsx}; returns the number of records after the header. */
    public static long convert(Path csv, Path xlsx) {
        Path strings = xlsx.resolveSibling(xlsx.getFileName() + ".strings");
        long rows = 0;
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(xlsx))) {
            put(z, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            put(z, "_rels/.rels", "<Relationships xmlns=\"" + PKG + "\"><Relationship Id=\"rId1\" Type=\"" + REL
                    + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            put(z, "xl/workbook.xml", "<workbook xmlns=\"" + NS + "\" xmlns:r=\"" + REL + "\"><sheets><sheet name=\"FAQ\" sheetId=\"1\" r:id=\"rId1\"/>"
                    + "</sheets></workbook>");
            put(z, "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"" + PKG + "\"><Relationship Id=\"rId1\" Type=\"" + REL
                    + "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" + REL
                    + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
            z.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Writer sheet = new BufferedWriter(new OutputStreamWriter(z, StandardCharsets.UTF_8), 1 << 16);
            long index = 0;
            try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                    Writer sst = Files.newBufferedWriter(strings, StandardCharsets.UTF_8)) {
                sheet.write("<worksheet xmlns=\"" + NS + "\"><sheetData>");
                long r = 0;
                for (CSVRecord record : CSVFormat.RFC4180.parse(in)) {
                    r++;
                    sheet.write("<row r=\"" + r + "\">");
                    for (int c = 0; c < record.size(); c++) {
                        if (record.get(c).isEmpty()) {
                            continue;
                        }
                        sheet.write("<c r=\"" + (char) ('A' + c) + r + "\" t=\"s\"><v>" + index++ + "</v></c>");
                        sst.write("<si><t xml:space=\"preserve\">" + escape(record.get(c)) + "</t></si>");
                    }
                    sheet.write("</row>");
                }
                rows = r - 1;
                sheet.write("</sheetData></worksheet>");
                sheet.flush();
            }
            z.closeEntry();
            z.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
            z.write(("<sst xmlns=\"" + NS + "\" uniqueCount=\"" + index + "\">").getBytes(StandardCharsets.UTF_8));
            Files.copy(strings, z);
            z.write("</sst>".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(strings);
            } catch (IOException e) {
                strings.toFile().deleteOnExit();
            }
        }
        return rows;
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\r' -> sb.append("&#13;");
                default -> {
                    if (ch < 0x20 && ch != '\t' && ch != '\n') {
                        sb.append(' '); // not allowed in XML 1.0; office suites drop them too
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static void put(ZipOutputStream z, String name, String content) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        OutputStream out = z;
        out.write(content.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }
}
