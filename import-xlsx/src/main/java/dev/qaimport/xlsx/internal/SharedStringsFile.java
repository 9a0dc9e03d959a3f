package dev.qaimport.xlsx.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * The workbook's shared strings, kept in temporary files instead of memory: the characters
 * (UTF-16) in one, the start of each string in another (8 bytes per string), read back by
 * position as the sheet refers to them. Memory stays constant whatever the table's size; a small
 * direct-mapped cache serves strings that repeat (categories, tags). Phonetic runs ({@code rPh})
 * are left out, as Excel does when it shows a cell; each string is cut at
 * {@code maxFieldChars + 1} characters, so that an over-long cell is still recognisable.
 */
final class SharedStringsFile implements Closeable {
    private static final int CACHE = 4096;

    private final Path chars;
    private final Path offsets;
    private final FileChannel charChannel;
    private final FileChannel offsetChannel;
    private final long count;
    private final ByteBuffer offsetBuf = ByteBuffer.allocate(16);
    private final String[] cache = new String[CACHE];
    private final int[] cacheKey = new int[CACHE];

    private SharedStringsFile(Path chars, Path offsets, long count) throws IOException {
        this.chars = chars;
        this.offsets = offsets;
        this.count = count;
        this.charChannel = FileChannel.open(chars, StandardOpenOption.READ);
        this.offsetChannel = FileChannel.open(offsets, StandardOpenOption.READ);
        java.util.Arrays.fill(cacheKey, -1);
    }

    /** The table of {@code part}, or an empty one when the workbook has none. */
    static SharedStringsFile read(WorkbookFile wf, String part, Path tempDir, int maxChars) {
        Path chars = null;
        Path offsets = null;
        try {
            chars = Files.createTempFile(tempDir, "qa-import-strings-", ".bin");
            offsets = Files.createTempFile(tempDir, "qa-import-offsets-", ".bin");
            long count = 0;
            try (DataOutputStream c = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(chars), 1 << 16));
                    DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(offsets), 1 << 16))) {
                if (part != null) {
                    count = parse(wf, part, maxChars, c, o);
                }
                o.writeLong(c.size() / 2L);
            }
            return new SharedStringsFile(chars, offsets, count);
        } catch (IOException e) {
            delete(chars);
            delete(offsets);
            throw new ImportException(ErrorCodes.PAYLOAD, "cannot write the shared strings to a temporary file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            delete(chars);
            delete(offsets);
            throw e;
        }
    }

    private static long parse(WorkbookFile wf, String part, int maxChars, DataOutputStream c, DataOutputStream o) throws IOException {
        InputStream in = wf.open(part);
        XMLStreamReader r = Xml.open(in, part);
        long count = 0;
        long written = 0;
        StringBuilder sb = new StringBuilder();
        int phonetic = 0;
        boolean inText = false;
        try {
            while (Xml.next(r, part) != XMLStreamConstants.END_DOCUMENT) {
                switch (r.getEventType()) {
                    case XMLStreamConstants.START_ELEMENT:
                        String el = r.getLocalName();
                        if (el.equals("si")) {
                            sb.setLength(0);
                        } else if (el.equals("rPh")) {
                            phonetic++;
                        } else if (el.equals("t") && phonetic == 0) {
                            inText = true;
                        }
                        break;
                    case XMLStreamConstants.CHARACTERS:
                    case XMLStreamConstants.CDATA:
                    case XMLStreamConstants.SPACE:
                        if (inText) {
                            Xml.appendText(r, sb, maxChars + 1);
                        }
                        break;
                    case XMLStreamConstants.END_ELEMENT:
                        String end = r.getLocalName();
                        if (end.equals("t")) {
                            inText = false;
                        } else if (end.equals("rPh")) {
                            phonetic--;
                        } else if (end.equals("si")) {
                            o.writeLong(written);
                            c.writeChars(sb.toString());
                            written += sb.length();
                            count++;
                        }
                        break;
                    default:
                        break;
                }
            }
        } finally {
            Xml.close(r);
            WorkbookIndex.closeQuietly(in);
        }
        return count;
    }

    /** Number of strings in the table. */
    long count() {
        return count;
    }

    /** The string at {@code index}, or {@code null} when there is none. */
    String get(int index) throws IOException {
        if (index < 0 || index >= count) {
            return null;
        }
        int slot = index % CACHE;
        if (cacheKey[slot] == index) {
            return cache[slot];
        }
        offsetBuf.clear();
        readFully(offsetChannel, offsetBuf, index * 8L);
        long start = offsetBuf.getLong(0);
        long end = offsetBuf.getLong(8);
        int length = (int) (end - start);
        ByteBuffer b = ByteBuffer.allocate(length * 2);
        readFully(charChannel, b, start * 2);
        b.flip();
        String s = b.asCharBuffer().toString();
        cacheKey[slot] = index;
        cache[slot] = s;
        return s;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new IOException("shared strings file ends early");
            }
            p += n;
        }
    }

    @Override
    public void close() {
        try {
            charChannel.close();
            offsetChannel.close();
        } catch (IOException e) {
            // The files are deleted next.
        }
        delete(chars);
        delete(offsets);
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                p.toFile().deleteOnExit();
            }
        }
    }
}
