package dev.qaimport.parse.internal;

import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.SourceType;
import dev.qaimport.spi.SheetReader;
import java.io.InputStream;
import java.util.Objects;

/**
 * Opens a {@link RecordReader} for a format: the one entry point of the parsers. Stateless and
 * thread-safe; each reader it opens is for one thread. The rules (detection, aliases, row and line
 * numbers, encodings, limits) are described in {@code docs/PARSING.md}.
 */
public final class RecordReaders {
    private RecordReaders() {
    }

    /**
     * A reader of {@code in} as {@code type}, honouring the encoding, delimiter, column mapping
     * and records path of {@code options} and the size limits of {@code limits}.
     *
     * <p>If opening fails, {@code in} is closed; otherwise closing the reader closes it.
     *
     * @throws dev.qaimport.ImportException when the start of the file is already unusable (no
     *                                      header, required columns missing, not JSON, an HTML page
     *                                      or a ZIP archive given as another format, a page with no FAQ)
     */
    public static RecordReader open(InputStream in, SourceType type, ImportOptions options, Limits limits) {
        return open(in, type, options, limits, SheetReader.NONE);
    }

    /** How many leading bytes of a payload {@link #checkStart} looks at. */
    public static final int PEEK_BYTES = FormatSniffer.PEEK_BYTES;

    /**
     * Refuses, with the same {@code UNSUPPORTED_FORMAT} as {@link #open} gives, content whose first
     * bytes show that it is not {@code type}: an HTML page or a ZIP archive given as CSV, TSV, JSON
     * or JSON Lines, or a ZIP archive given as HTML. A workbook is left to its sheet reader.
     *
     * @param head   the payload's first {@link #PEEK_BYTES} bytes, or all of it when it is shorter
     * @param length how many bytes of {@code head} hold the payload's start
     */
    public static void checkStart(byte[] head, int length, SourceType type) {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(type, "type");
        if (length < 0 || length > head.length) {
            throw new IllegalArgumentException("length " + length + " outside 0.." + head.length);
        }
        if (type != SourceType.XLSX) {
            FormatSniffer.check(FormatSniffer.classify(head, Math.min(length, PEEK_BYTES)), type);
        }
    }

    /** As {@link #open(InputStream, SourceType, ImportOptions, Limits)}, reading workbooks with {@code sheets}. */
    public static RecordReader open(InputStream in, SourceType type, ImportOptions options, Limits limits, SheetReader sheets) {
        Objects.requireNonNull(sheets, "sheets");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(limits, "limits");
        return type == SourceType.XLSX ? SheetRecordReader.open(in, sheets, options, limits) : Parsers.open(in, type, options, limits);
    }
}
