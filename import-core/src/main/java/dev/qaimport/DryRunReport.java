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
 */
public record DryRunReport(long totalRows, long wouldCreate, long wouldUpdate, long wouldSkip, long rejected, List<RowError> errors,
        String fatalError) {
    public DryRunReport {
        errors = List.copyOf(errors);
    }
}
