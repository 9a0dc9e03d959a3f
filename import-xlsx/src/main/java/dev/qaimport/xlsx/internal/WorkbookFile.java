package dev.qaimport.xlsx.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * The upload copied to a temporary file and opened as a zip, checked before anything is parsed:
 * the file must be a zip (not an encrypted or legacy OLE2 workbook, not text), no entry may
 * declare more than {@code maxEntryBytes} or inflate more than {@code maxInflateRatio} times its
 * compressed size, and an entry that inflates to more than it declared is cut off with an error.
 * A zip is random access, which is why the upload is copied: the sheet is streamed, but the
 * shared strings and styles it refers to are read first.
 */
final class WorkbookFile implements Closeable {
    private static final int MAX_ENTRIES = 10_000;
    /** Entries this small are not ratio-checked: a tiny part of repeated markup compresses very well. */
    private static final long RATIO_FLOOR = 1 << 20;

    private final Path file;
    private final ZipFile zip;
    private final long size;

    private WorkbookFile(Path file, ZipFile zip, long size) {
        this.file = file;
        this.zip = zip;
        this.size = size;
    }

    static WorkbookFile open(InputStream in, Path tempDir, long maxFileBytes, long maxEntryBytes, int maxInflateRatio) {
        Path file = null;
        try (in) {
            file = Files.createTempFile(tempDir, "qa-import-", ".xlsx");
            long size = copy(in, file, maxFileBytes);
            sniff(file);
            ZipFile zip;
            try {
                zip = new ZipFile(file.toFile());
            } catch (ZipException e) {
                throw new ImportException(ErrorCodes.MALFORMED_FILE, "the file is not a readable .xlsx workbook: its zip structure is broken ("
                        + e.getMessage() + "); save it again from the office suite", e);
            }
            WorkbookFile wf = new WorkbookFile(file, zip, size);
            try {
                wf.check(maxEntryBytes, maxInflateRatio);
            } catch (RuntimeException e) {
                wf.close();
                throw e;
            }
            return wf;
        } catch (IOException e) {
            delete(file);
            throw new ImportException(ErrorCodes.PAYLOAD, "reading the workbook failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    private static long copy(InputStream in, Path file, long maxFileBytes) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxFileBytes) {
                    throw new ImportException(ErrorCodes.LIMIT_EXCEEDED, "the file is larger than " + maxFileBytes
                            + " bytes (Limits.maxFileBytes); raise Limits.maxFileBytes / --max-file-size to import it");
                }
                out.write(buf, 0, n);
            }
        }
        return total;
    }

    /** Refuses what is not a zip with the reason a user can act on. */
    private static void sniff(Path file) throws IOException {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return;
        }
        if (n == 8 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11 && (head[3] & 0xFF) == 0xE0) {
            throw ole2(file);
        }
        if (n == 0) {
            throw new ImportException(ErrorCodes.MALFORMED_FILE, "the file is empty: expected an .xlsx workbook");
        }
        throw new ImportException(ErrorCodes.UNSUPPORTED_FORMAT, "the file is not an .xlsx workbook (it is not a zip archive)"
                + (looksLikeText(head, n) ? "; it looks like text: if it is CSV or TSV renamed .xlsx, import it with --format csv "
                        + "(ImportOptions.Builder.sourceType(SourceType.CSV))" : ""));
    }

    private static boolean looksLikeText(byte[] head, int n) {
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xFF;
            if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B)) {
                return false;
            }
        }
        return true;
    }

    /** An OLE2 container is either an encrypted .xlsx (password to open) or a legacy .xls. */
    private static ImportException ole2(Path file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            DirectoryNode root = fs.getRoot();
            if (root.hasEntry("EncryptionInfo") || root.hasEntry("EncryptedPackage")) {
                return new ImportException(ErrorCodes.UNSUPPORTED_FORMAT, "the workbook is encrypted (protected by a password to open); "
                        + "remove the password in the office suite (File > Info > Protect Workbook) and save it again");
            }
            if (root.hasEntry("Workbook") || root.hasEntry("Book")) {
                return new ImportException(ErrorCodes.UNSUPPORTED_FORMAT, "the file is a legacy Excel 97-2003 workbook (.xls), not .xlsx; "
                        + "save it as .xlsx (or as CSV) and import that");
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable as OLE2 too: the generic message below.
        }
        return new ImportException(ErrorCodes.UNSUPPORTED_FORMAT, "the file is an OLE2 document (an old Office format), not an .xlsx workbook");
    }

    private void check(long maxEntryBytes, int maxInflateRatio) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        int count = 0;
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            if (++count > MAX_ENTRIES) {
                throw new ImportException(ErrorCodes.LIMIT_EXCEEDED, "the workbook has more than " + MAX_ENTRIES + " parts; refused as a zip bomb");
            }
            long declared = e.getSize();
            if (declared > maxEntryBytes) {
                throw tooLarge(e.getName(), declared, maxEntryBytes);
            }
            long compressed = e.getCompressedSize();
            if (declared > RATIO_FLOOR && compressed >= 0 && declared > compressed * maxInflateRatio) {
                throw new ImportException(ErrorCodes.LIMIT_EXCEEDED, e.getName() + ": the part inflates " + (declared / Math.max(1, compressed))
                        + " times its compressed size (limit " + maxInflateRatio + ", XlsxSheetReader.Builder.maxInflateRatio); refused as a zip bomb");
            }
        }
    }

    private static ImportException tooLarge(String name, long size, long max) {
        return new ImportException(ErrorCodes.LIMIT_EXCEEDED, name + ": the part inflates to " + (size >= 0 ? size + " bytes, " : "")
                + "more than " + max + " bytes (XlsxSheetReader.Builder.maxEntryBytes); refused as a zip bomb");
    }

    /** Whether the zip has the part. */
    boolean has(String name) {
        return zip.getEntry(name) != null;
    }

    /** The declared inflated size of the part, or -1. */
    long partSize(String name) {
        ZipEntry e = zip.getEntry(name);
        return e == null ? -1 : e.getSize();
    }

    /** The file's size in bytes. */
    long size() {
        return size;
    }

    /** Opens the part, which must exist; reading more than it declared fails. */
    CountingStream open(String name) {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new ImportException(ErrorCodes.MALFORMED_FILE, "the workbook has no part " + name + "; save it again from the office suite");
        }
        try {
            return new CountingStream(zip.getInputStream(e), name, e.getSize());
        } catch (IOException ex) {
            throw new ImportException(ErrorCodes.MALFORMED_FILE, name + ": cannot be read: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            // The file is deleted next anyway.
        }
        delete(file);
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    /** A part's inflated bytes, counted; more than the declared size is refused (a zip whose directory lies). */
    static final class CountingStream extends FilterInputStream {
        private final String name;
        private final long declared;
        private long count;

        CountingStream(InputStream in, String name, long declared) {
            super(in);
            this.name = name;
            this.declared = declared;
        }

        long count() {
            return count;
        }

        long declared() {
            return declared;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                if (declared >= 0 && count > declared) {
                    throw new IOException(new ImportException(ErrorCodes.LIMIT_EXCEEDED, name
                            + ": the part inflates to more than the " + declared + " bytes its zip entry declares; refused as a zip bomb"));
                }
            }
            return n;
        }
    }
}
