package dev.qaimport.jdbc.testing;

import dev.qaimport.model.JobLease;
import dev.qaimport.model.RowError;
import dev.qaimport.spi.BatchTransaction;
import dev.qaimport.spi.NewPair;
import dev.qaimport.spi.PairUpdate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A {@link BatchTransaction} that hands every call to another one, for test wrappers that
 * override only the calls they change. Like the transaction it wraps, it must not escape
 * {@link dev.qaimport.spi.ImportStore#inTransaction}.
 */
public abstract class ForwardingBatchTransaction implements BatchTransaction {
    private final BatchTransaction delegate;

    protected ForwardingBatchTransaction(BatchTransaction delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Fence fence(JobLease lease, Instant now, Instant leaseUntil) {
        return delegate.fence(lease, now, leaseUntil);
    }

    @Override
    public Map<String, UUID> findByQuestionKeys(String collection, Collection<String> keys) {
        return delegate.findByQuestionKeys(collection, keys);
    }

    @Override
    public void insertPairs(List<NewPair> pairs) {
        delegate.insertPairs(pairs);
    }

    @Override
    public void updatePairs(List<PairUpdate> updates) {
        delegate.updatePairs(updates);
    }

    @Override
    public void insertErrors(UUID jobId, List<RowError> errors) {
        delegate.insertErrors(jobId, errors);
    }

    @Override
    public void advanceJob(JobLease lease, JobAdvance advance, Instant now) {
        delegate.advanceJob(lease, advance, now);
    }

    @Override
    public <T> T withSavepoint(Supplier<T> work) {
        return delegate.withSavepoint(work);
    }
}
