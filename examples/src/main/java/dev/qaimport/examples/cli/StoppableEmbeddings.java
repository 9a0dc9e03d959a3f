package dev.qaimport.examples.cli;

import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.spi.EmbeddingException;
import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.spi.EmbeddingRequestListener;
import dev.qaimport.spi.EmbeddingService;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An embedding service that refuses further requests once {@link #stop()} is called, so that a
 * run of the embedding stage ({@code QaImport.retryPending} in {@code resume}) ends after the
 * requests in flight without closing the instance, whose store the command still needs for its
 * report: the stage treats the refusal as a fatal provider error, commits what it has, and leaves
 * the other pairs pending.
 */
final class StoppableEmbeddings implements EmbeddingService {
    private final EmbeddingService delegate;
    private final AtomicBoolean stopped;

    /** A service that refuses requests once {@code stopped} is set, shared by the services of one command. */
    StoppableEmbeddings(EmbeddingService delegate, AtomicBoolean stopped) {
        this.delegate = delegate;
        this.stopped = stopped;
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public EmbeddingProfile profile() {
        return delegate.profile();
    }

    @Override
    public EmbeddingLimits limits() {
        return delegate.limits();
    }

    @Override
    public int estimateTokens(String text) {
        return delegate.estimateTokens(text);
    }

    @Override
    public List<float[]> embed(List<String> inputs) {
        refuseIfStopped();
        return delegate.embed(inputs);
    }

    @Override
    public List<float[]> embed(List<String> inputs, EmbeddingRequestListener listener) {
        refuseIfStopped();
        return delegate.embed(inputs, listener);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    private void refuseIfStopped() {
        if (stopped.get()) {
            throw new EmbeddingException(EmbeddingException.Kind.FATAL, "qa-import is stopping (interrupted); pairs not yet embedded stay pending");
        }
    }
}
