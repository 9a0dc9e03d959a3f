package dev.qaimport.batch.internal;

import dev.qaimport.internal.Settings;
import dev.qaimport.DryRunReport;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.RowError;
import dev.qaimport.model.SourceType;
import dev.qaimport.parse.internal.ParsedRow;
import dev.qaimport.parse.internal.RecordReader;
import dev.qaimport.parse.internal.RecordReaders;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.validate.internal.CleanQA;
import dev.qaimport.validate.internal.RowPreparer;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reads and validates a whole file exactly as an import would, and counts what would happen,
 * without writing anything: duplicates are looked up in the database batch by batch (reads only)
 * and within the file in a compact key set.
 */
final class DryRun {
    private DryRun() {
    }

    static DryRunReport run(ImportStore store, JobContext ctx, Settings settings, String filename, InputStream in,
            ImportOptions options, int maxErrors, Consumer<RowError> onError) {
        SourceType type = options.sourceType() != null ? options.sourceType()
                : SourceType.fromFilename(filename).orElseThrow(() -> new ImportException(ErrorCodes.UNSUPPORTED_FORMAT,
                        filename + ": cannot tell the format from the file name; name it .csv, .tsv, .json, .jsonl, .html or .xlsx, or pass the format"));
        DuplicatePolicy policy = ctx.duplicatePolicy();
        RowPreparer preparer = ctx.preparer();
        LongKeySet seen = new LongKeySet();
        long[] counts = new long[5]; // total, create, update, skip, reject
        List<RowError> errors = new ArrayList<>();
        String fatal = null;
        String note = null;
        // The reader enforces Limits.maxFileBytes as it reads.
        try (RecordReader reader = RecordReaders.open(in, type, options, settings.limits(), settings.sheetReader())) {
            note = reader.note();
            BatchCutter batches = new BatchCutter(RowSource.of(reader), settings.batchSize(), PipelineBatchProcessor.MAX_BATCH_CHARS);
            List<CleanQA> valid = new ArrayList<>(settings.batchSize());
            RowBatch batch;
            while ((batch = batches.next()) != null) {
                for (ParsedRow row : batch.rows()) {
                    counts[0]++;
                    List<RowError> rowErrors;
                    if (row.error() != null) {
                        rowErrors = List.of(row.error());
                    } else {
                        RowPreparer.Prepared p = preparer.prepare(row.qa(), row.where());
                        rowErrors = p.errors();
                        if (p.valid()) {
                            valid.add(p.qa());
                        }
                    }
                    if (!rowErrors.isEmpty()) {
                        counts[4]++;
                        for (RowError e : rowErrors) {
                            if (errors.size() < maxErrors) {
                                errors.add(e);
                            }
                            onError.accept(e);
                        }
                    }
                }
                decide(store, ctx.collection(), valid, policy, seen, counts);
                valid.clear();
            }
        } catch (ImportException e) {
            fatal = e.code() + ": " + filename + ": " + e.getMessage();
        }
        return new DryRunReport(counts[0], counts[1], counts[2], counts[3], counts[4], errors, fatal, note);
    }

    private static void decide(ImportStore store, String collection, List<CleanQA> batch, DuplicatePolicy policy, LongKeySet seen,
            long[] counts) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, UUID> existing = Map.of();
        if (policy != DuplicatePolicy.CREATE) {
            Set<String> keys = new LinkedHashSet<>();
            batch.forEach(c -> keys.add(c.questionKey()));
            existing = store.inTransaction(tx -> tx.findByQuestionKeys(collection, keys));
        }
        for (CleanQA c : batch) {
            boolean dup = existing.containsKey(c.questionKey()) || !seen.add(LongKeySet.of(c.questionKey()));
            if (policy == DuplicatePolicy.CREATE || !dup) {
                counts[1]++;
            } else if (policy == DuplicatePolicy.UPDATE) {
                counts[2]++;
            } else {
                counts[3]++;
            }
        }
    }
}
