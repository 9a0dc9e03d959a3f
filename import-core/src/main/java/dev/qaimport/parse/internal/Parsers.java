package dev.qaimport.parse.internal;

import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.SourceType;
import java.io.IOException;
import java.io.InputStream;

/** Opens the reader for a format; the implementation behind {@link dev.qaimport.parse.internal.RecordReaders}. */
public final class Parsers {
    private Parsers() {
    }

    /** See {@link dev.qaimport.parse.internal.RecordReaders#open}; closes {@code in} if opening fails. */
    public static RecordReader open(InputStream in, SourceType type, ImportOptions options, Limits limits) {
        CountingInputStream counter = new CountingInputStream(in);
        try {
            // The guard reads through the count: the read that passes the limit is counted before it fails.
            TextDecoder decoder = new TextDecoder(FileSizeGuard.over(counter, limits.maxFileBytes()), options.encoding(), options.detectEncoding());
            switch (type) {
                case CSV:
                case TSV:
                    return CsvRecordReader.open(counter, decoder, type, options, limits);
                case JSON:
                    return JsonRecordReader.open(counter, decoder, options, limits);
                default:
                    return JsonLinesRecordReader.open(counter, decoder, options, limits);
            }
        } catch (RuntimeException | Error e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
