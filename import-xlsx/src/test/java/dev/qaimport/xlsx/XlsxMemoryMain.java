package dev.qaimport.xlsx;

import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.SourceType;
import dev.qaimport.parse.internal.ParsedRow;
import dev.qaimport.parse.internal.RecordReader;
import dev.qaimport.parse.internal.RecordReaders;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a large workbook to disk (every cell a distinct shared string) and reads it back through
 * the record reader, printing the rows read and the peak heap; run in a child JVM with a small
 * heap by {@link XlsxBoundedMemoryTest}. Arguments: the number of rows, the answer length, a directory.
 */
public final class XlsxMemoryMain {
    private XlsxMemoryMain() {
    }

    public static void main(String[] args) throws IOException {
        int rows = Integer.parseInt(args[0]);
        int answerChars = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        Path file = dir.resolve("big.xlsx");
        long sst = write(file, rows, answerChars);
        long start = System.nanoTime();
        long read = 0;
        long opened = 0;
        long errors = 0;
        try (InputStream in = Files.newInputStream(file);
                RecordReader r = RecordReaders.open(in, SourceType.XLSX, ImportOptions.defaults(), Limits.defaults(),
                        XlsxSheetReader.builder().tempDirectory(dir).build())) {
            opened = System.nanoTime();
            ParsedRow row;
            while ((row = r.next()) != null) {
                read++;
                if (row.error() != null) {
                    errors++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%s rows=%d errors=%d file=%d MB sharedStrings=%d MB open=%.1fs seconds=%.1f rows/s=%.0f peak heap=%d MB max heap=%d MB%n",
                read == rows && errors == 0 ? "OK" : "FAIL", read, errors, Files.size(file) >> 20, sst >> 20, (opened - start) / 1e9, seconds, read / seconds,
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        Files.delete(file);
    }

    /** Writes the workbook; returns the shared-strings part's size in bytes. */
    static long write(Path file, int rows, int answerChars) throws IOException {
        long[] sst = new long[1];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            new TestWorkbooks().sharedStringsXml("").sheetXml("Sheet1", null).write(out, z -> {
                try {
                    z.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
                    sheet(z, rows);
                    z.closeEntry();
                    z.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
                    sst[0] = strings(z, rows, answerChars);
                    z.closeEntry();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return sst[0];
    }

    private static void sheet(ZipOutputStream z, int rows) throws IOException {
        Writer w = new OutputStreamWriter(nonClosing(z), StandardCharsets.UTF_8);
        w.write("<worksheet xmlns=\"" + TestWorkbooks.NS + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>");
        for (int i = 0; i < rows; i++) {
            int r = i + 2;
            w.write("<row r=\"" + r + "\"><c r=\"A" + r + "\" t=\"s\"><v>" + (2 + 2 * i) + "</v></c><c r=\"B" + r + "\" t=\"s\"><v>" + (3 + 2 * i)
                    + "</v></c><c r=\"C" + r + "\"><v>" + i + "</v></c></row>");
        }
        w.write("</sheetData></worksheet>");
        w.flush();
    }

    private static long strings(ZipOutputStream z, int rows, int answerChars) throws IOException {
        CountingWriter w = new CountingWriter(new OutputStreamWriter(nonClosing(z), StandardCharsets.UTF_8));
        w.write("<sst xmlns=\"" + TestWorkbooks.NS + "\"><si><t>question</t></si><si><t>answer</t></si>");
        SplittableRandom random = new SplittableRandom(20);
        String[] words = {"account", "invoice", "password", "delivery", "refund", "order", "plan", "support", "login", "export", "import", "team"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            w.write("<si><t>How do I change the " + words[random.nextInt(words.length)] + " number " + i + "?</t></si><si><t>");
            sb.setLength(0);
            while (sb.length() < answerChars) {
                sb.append(words[random.nextInt(words.length)]).append(' ').append(random.nextInt(100_000)).append(' ');
            }
            w.write(sb.toString());
            w.write("</t></si>");
        }
        w.write("</sst>");
        w.flush();
        return w.count;
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static final class CountingWriter extends java.io.FilterWriter {
        long count;

        CountingWriter(Writer w) {
            super(w);
        }

        @Override
        public void write(String s) throws IOException {
            count += s.length();
            super.write(s, 0, s.length());
        }
    }
}
