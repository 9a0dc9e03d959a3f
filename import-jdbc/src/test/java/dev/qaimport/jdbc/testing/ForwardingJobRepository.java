package dev.qaimport.jdbc.testing;

import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobLease;
import dev.qaimport.model.JobStatus;
import dev.qaimport.spi.JobRepository;
import dev.qaimport.spi.NewJob;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link JobRepository} that hands every call to another one, for test wrappers that override
 * only the calls they change.
 */
public abstract class ForwardingJobRepository implements JobRepository {
    private final JobRepository delegate;

    protected ForwardingJobRepository(JobRepository delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void insert(NewJob job) {
        delegate.insert(job);
    }

    @Override
    public Optional<ImportJob> find(UUID jobId) {
        return delegate.find(jobId);
    }

    @Override
    public Optional<String> options(UUID jobId) {
        return delegate.options(jobId);
    }

    @Override
    public Optional<String> payloadStore(UUID jobId) {
        return delegate.payloadStore(jobId);
    }

    @Override
    public List<ImportJob> recent(String collection, int limit) {
        return delegate.recent(collection, limit);
    }

    @Override
    public Optional<JobLease> claim(UUID jobId, String owner, Instant now, Instant leaseUntil) {
        return delegate.claim(jobId, owner, now, leaseUntil);
    }

    @Override
    public Optional<JobLease> claimNext(String collection, String owner, Instant now, Instant leaseUntil) {
        return delegate.claimNext(collection, owner, now, leaseUntil);
    }

    @Override
    public boolean renew(JobLease lease, Instant now, Instant leaseUntil) {
        return delegate.renew(lease, now, leaseUntil);
    }

    @Override
    public boolean finish(JobLease lease, JobStatus status, String errorMessage, long totalRows, Instant now) {
        return delegate.finish(lease, status, errorMessage, totalRows, now);
    }

    @Override
    public boolean release(JobLease lease, Instant now) {
        return delegate.release(lease, now);
    }

    @Override
    public Optional<JobStatus> requestCancel(UUID jobId, Instant now) {
        return delegate.requestCancel(jobId, now);
    }

    @Override
    public boolean reopen(UUID jobId, Instant now) {
        return delegate.reopen(jobId, now);
    }

    @Override
    public List<ImportJob> findStale(String collection, Instant now, int limit) {
        return delegate.findStale(collection, now, limit);
    }

    @Override
    public boolean failStale(UUID jobId, int attempt, String errorMessage, Instant now) {
        return delegate.failStale(jobId, attempt, errorMessage, now);
    }

    @Override
    public void setEmbeddingMessage(UUID jobId, String message, Instant now) {
        delegate.setEmbeddingMessage(jobId, message, now);
    }

    @Override
    public boolean setFileNote(JobLease lease, String note, Instant now) {
        return delegate.setFileNote(lease, note, now);
    }
}
