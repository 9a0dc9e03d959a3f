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
