package dev.qaimport.parse.internal;

import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.SourceType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;

/** Opens the reader for a format; the implementation behind {@link dev.qaimport.parse.internal.RecordReaders}. */
public final class Parsers {
    private Parsers() {
    }

    /** See {@link dev.qaimport.parse.internal.RecordReaders#open}; closes {@code in} if opening fails. */
    public static RecordReader open(InputStream in, SourceType type, ImportOptions options, Limits limits) {
        try {
            // The first bytes say whether the content is the declared format at all (an HTML page named .csv).
            FormatSniffer sniffed = FormatSniffer.peek(in);
            sniffed.check(type);
            CountingInputStream counter = new CountingInputStream(sniffed.stream());
            Charset encoding = options.encoding() == null && type == SourceType.HTML ? sniffed.metaCharset() : options.encoding();
            // The guard reads through the count: the read that passes the limit is counted before it fails.
            TextDecoder decoder = new TextDecoder(FileSizeGuard.over(counter, limits.maxFileBytes()), encoding, options.detectEncoding());
            switch (type) {
                case CSV:
                case TSV:
                    return CsvRecordReader.open(counter, decoder, type, options, limits);
                case JSON:
                    if (sniffed.jsonLd() && options.recordsPath() == null && options.columns().isEmpty()) {
                        return FaqPageReader.jsonLd(counter, decoder, limits);
                    }
                    return JsonRecordReader.open(counter, decoder, options, limits);
                case HTML:
                    return FaqPageReader.html(counter, decoder, limits);
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
