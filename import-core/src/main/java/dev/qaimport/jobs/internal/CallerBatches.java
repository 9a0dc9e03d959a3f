package dev.qaimport.jobs.internal;

import dev.qaimport.BatchProcessor;
import dev.qaimport.ProgressCallback;
import dev.qaimport.batch.internal.LeaseLostException;
import dev.qaimport.batch.internal.Outcome;
import dev.qaimport.batch.internal.PipelineBatchProcessor;
import dev.qaimport.internal.Listeners;
import dev.qaimport.internal.Settings;
import dev.qaimport.model.BatchResult;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.spi.ImportStore;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The {@link BatchProcessor} of the API: rows a caller parsed, written into a job this instance claims and ends. */
final class CallerBatches implements BatchProcessor {
    private final ImportStore store;
    private final Settings settings;
    private final Payloads payloads;
    private final JobRunner runner;
    private final PipelineBatchProcessor batches;

    CallerBatches(ImportStore store, Settings settings, Payloads payloads, JobRunner runner, PipelineBatchProcessor batches) {
        this.store = store;
        this.settings = settings;
        this.payloads = payloads;
        this.runner = runner;
        this.batches = batches;
    }

    @Override
    public int batchSize() {
        return settings.batchSize();
    }

    @Override
    public BatchResult process(UUID jobId, Iterator<ParsedQA> items, ProgressCallback onProgress) {
        return run(jobId, items, -1, onProgress);
    }

    @Override
    public BatchResult process(UUID jobId, List<ParsedQA> items, ProgressCallback onProgress) {
        Objects.requireNonNull(items, "items");
        return run(jobId, items.iterator(), items.size(), onProgress);
    }

    private BatchResult run(UUID jobId, Iterator<ParsedQA> items, long total, ProgressCallback onProgress) {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(onProgress, "onProgress");
        String collection = store.jobs().find(jobId).map(ImportJob::collection).orElseThrow(() -> JobControl.notFound(jobId));
        JobLease lease = runner.claim(jobId);
        Outcome outcome = batches.processRows(lease, collection, items, total, onProgress);
        JobEnding ending = new JobEnding(store, settings, payloads, lease);
        ImportJob ended;
        switch (outcome.stop()) {
            case LEASE_LOST:
                throw new LeaseLostException(lease);
            case CANCELLED:
                ended = ending.finish(JobStatus.CANCELLED, null, -1);
                break;
            default:
                ended = ending.finish(JobStatus.COMPLETED, null, outcome.totalRows());
                break;
        }
        Listeners.safely(() -> settings.listener().onJobFinished(ended));
        settings.observers().onJobFinished(ended);
        return outcome.result();
    }
}
