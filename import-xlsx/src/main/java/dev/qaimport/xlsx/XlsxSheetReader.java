package dev.qaimport.xlsx;

import dev.qaimport.Limits;
import dev.qaimport.spi.SheetReader;
import dev.qaimport.spi.SheetRows;
import dev.qaimport.xlsx.internal.Workbooks;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads Excel workbooks ({@code .xlsx}) for qa-import, streaming one sheet with constant memory:
 * pass it to {@code QaImport.builder().sheetReader(XlsxSheetReader.create())}. Cells are read as
 * the office suite shows them (numbers and dates in the cell's format, formulas by their cached
 * result); hostile files (zip bombs, DTDs, encrypted or legacy workbooks) are refused before any
 * row is delivered. The rules are in {@code docs/PARSING.md}, "Workbooks".
 *
 * <p>Immutable and thread-safe.
 */
public final class XlsxSheetReader implements SheetReader {
    private final Path tempDirectory;
    private final long maxEntryBytes;
    private final int maxInflateRatio;
    private final Locale locale;

    private XlsxSheetReader(Builder b) {
        this.tempDirectory = b.tempDirectory;
        this.maxEntryBytes = b.maxEntryBytes;
        this.maxInflateRatio = b.maxInflateRatio;
        this.locale = b.locale;
    }

    /** A reader with the defaults of {@link Builder}. */
    public static XlsxSheetReader create() {
        return builder().build();
    }

    /** A builder for a reader with other limits, temporary directory or locale. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SheetRows open(InputStream in, String sheet, Limits limits) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(limits, "limits");
        Path dir = tempDirectory != null ? tempDirectory : Path.of(System.getProperty("java.io.tmpdir"));
        return Workbooks.open(in, sheet, limits, dir, maxEntryBytes, maxInflateRatio, locale);
    }

    /** Builds an {@link XlsxSheetReader}; not thread-safe. */
    public static final class Builder {
        private Path tempDirectory;
        private long maxEntryBytes = 1L << 30;
        private int maxInflateRatio = 100;
        private Locale locale = Locale.US;

        private Builder() {
        }

        /**
         * Where the upload and its shared strings are kept while a sheet is read (deleted when
         * the reader closes); default {@code java.io.tmpdir}.
         */
        public Builder tempDirectory(Path dir) {
            this.tempDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Most bytes one part of the workbook may inflate to; default 1 GiB. */
        public Builder maxEntryBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxEntryBytes < 1: " + bytes);
            }
            this.maxEntryBytes = bytes;
            return this;
        }

        /**
         * Most times a part larger than 1 MiB may inflate its compressed size; default 100 (as
         * Apache POI's own zip-bomb check, a minimum ratio of 0.01).
         */
        public Builder maxInflateRatio(int ratio) {
            if (ratio < 1) {
                throw new IllegalArgumentException("maxInflateRatio < 1: " + ratio);
            }
            this.maxInflateRatio = ratio;
            return this;
        }

        /**
         * The locale numbers and dates are formatted in, where the cell's format leaves it open
         * (decimal separator, month names); default {@link Locale#US}, so that an import does not
         * depend on the server's settings.
         */
        public Builder locale(Locale locale) {
            this.locale = Objects.requireNonNull(locale, "locale");
            return this;
        }

        /** The reader. */
        public XlsxSheetReader build() {
            return new XlsxSheetReader(this);
        }
    }
}
