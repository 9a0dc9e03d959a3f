package dev.qaimport;

import dev.qaimport.model.RowError;
import java.util.List;

/**
 * What an import would do, found by reading and validating the whole file without writing.
 *
 * @param totalRows    records in the file
 * @param wouldCreate  records that would become new pairs
 * @param wouldUpdate  records that would overwrite existing pairs (duplicate policy {@code UPDATE})
 * @param wouldSkip    records that would be skipped as duplicates
 * @param rejected     records that would be rejected
 * @param errors       the first row errors, in row order (at most the number asked for)
 * @param fatalError   why the file could not be read to its end, or {@code null}
 * @param fileNote     a remark about how the whole file was read (the legacy encoding detected and
 *                     its confidence), as an import's {@link dev.qaimport.model.ImportJob#fileNote()}, or {@code null}
 */
public record DryRunReport(long totalRows, long wouldCreate, long wouldUpdate, long wouldSkip, long rejected, List<RowError> errors,
        String fatalError, String fileNote) {
    public DryRunReport {
        errors = List.copyOf(errors);
    }
}
