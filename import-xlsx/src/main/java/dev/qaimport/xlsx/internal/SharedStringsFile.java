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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * The workbook's shared strings, kept in temporary files instead of memory: the text
 * (UTF-8) in one, the start of each string in another (8 bytes per string), read back by
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
    private final Block offsetBlock;
    private final Block charBlock;
    private final String[] cache = new String[CACHE];
    private final int[] cacheKey = new int[CACHE];

    private SharedStringsFile(Path chars, Path offsets, long count) throws IOException {
        this.chars = chars;
        this.offsets = offsets;
        this.count = count;
        this.charChannel = FileChannel.open(chars, StandardOpenOption.READ);
        this.offsetChannel = FileChannel.open(offsets, StandardOpenOption.READ);
        this.offsetBlock = new Block(offsetChannel);
        this.charBlock = new Block(charChannel);
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
                } else {
                    o.writeLong(0);
                }
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
                            byte[] utf8 = sb.toString().getBytes(StandardCharsets.UTF_8);
                            c.write(utf8);
                            written += utf8.length;
                            count++;
                        }
                        break;
                    default:
                        break;
                }
            }
            o.writeLong(written); // where the last string ends
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
        long start = offsetBlock.readLong(index * 8L);
        long end = offsetBlock.readLong(index * 8L + 8);
        String s = charBlock.readUtf8(start, (int) (end - start));
        cacheKey[slot] = index;
        cache[slot] = s;
        return s;
    }

    /**
     * A 64 KiB window on a file: the sheet usually refers to strings in the order they were
     * written, so most reads are served from the window without a system call.
     */
    private static final class Block {
        private static final int SIZE = 64 * 1024;
        private final FileChannel channel;
        private final ByteBuffer buf = ByteBuffer.allocate(SIZE);
        private long position = -1;
        private int length;

        Block(FileChannel channel) {
            this.channel = channel;
        }

        /** Makes {@code [at, at + n)} readable from {@link #buf} when {@code n <= SIZE}; its offset in it. */
        private int window(long at, int n) throws IOException {
            if (position < 0 || at < position || at + n > position + length) {
                buf.clear();
                position = at;
                long p = at;
                while (buf.hasRemaining()) {
                    int r = channel.read(buf, p);
                    if (r < 0) {
                        break;
                    }
                    p += r;
                }
                length = buf.position();
                if (n > length) {
                    throw new IOException("shared strings file ends early");
                }
            }
            return (int) (at - position);
        }

        long readLong(long at) throws IOException {
            return buf.getLong(window(at, 8));
        }

        String readUtf8(long at, int bytes) throws IOException {
            if (bytes > SIZE) {
                ByteBuffer big = ByteBuffer.allocate(bytes);
                readFully(channel, big, at);
                return new String(big.array(), 0, bytes, StandardCharsets.UTF_8);
            }
            int off = window(at, bytes);
            return new String(buf.array(), off, bytes, StandardCharsets.UTF_8);
        }
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
