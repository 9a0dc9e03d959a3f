package dev.qaimport.jdbc.testing;

import dev.qaimport.spi.BatchTransaction;
import dev.qaimport.spi.EmbeddingRepository;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.JobRepository;
import dev.qaimport.spi.PayloadStore;
import dev.qaimport.spi.QueryRepository;
import dev.qaimport.spi.ReembedRepository;
import java.util.Objects;
import java.util.function.Function;

/**
 * An {@link ImportStore} that hands every call, the default methods included, to another store.
 * A test wrapper extends it and overrides only the calls it changes (to count, block or fail
 * them); the forwarding repositories of this package do the same one level down.
 */
public abstract class ForwardingStore implements ImportStore {
    private final ImportStore delegate;

    protected ForwardingStore(ImportStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void verify() {
        delegate.verify();
    }

    @Override
    public JobRepository jobs() {
        return delegate.jobs();
    }

    @Override
    public EmbeddingRepository embeddings() {
        return delegate.embeddings();
    }

    @Override
    public QueryRepository queries() {
        return delegate.queries();
    }

    @Override
    public ReembedRepository reembeddings() {
        return delegate.reembeddings();
    }

    @Override
    public PayloadStore databasePayloads() {
        return delegate.databasePayloads();
    }

    @Override
    public void afterBulkWrite(long rowsWritten) {
        delegate.afterBulkWrite(rowsWritten);
    }

    @Override
    public <T> T inTransaction(Function<BatchTransaction, T> work) {
        return delegate.inTransaction(work);
    }
}
