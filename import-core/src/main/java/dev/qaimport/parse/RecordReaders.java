package dev.qaimport.parse;

import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.SourceType;
import java.io.InputStream;

/** Opens a {@link RecordReader} for a format. */
public final class RecordReaders {
    private RecordReaders() {
    }

    /**
     * A reader of {@code in} as {@code type}, honouring the encoding, delimiter, column mapping
     * and records path of {@code options} and the size limits of {@code limits}.
     *
     * @throws dev.qaimport.ImportException when the start of the file is already unusable (no
     *                                      header, required columns missing, not JSON)
     */
    public static RecordReader open(InputStream in, SourceType type, ImportOptions options, Limits limits) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
