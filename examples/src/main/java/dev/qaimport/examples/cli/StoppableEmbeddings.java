package dev.qaimport.examples.cli;

import dev.qaimport.spi.EmbeddingException;
import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.spi.EmbeddingService;
import java.util.List;

/**
 * An embedding service that refuses further requests once {@link #stop()} is called, so that a
 * run of the embedding stage ({@code QaImport.retryPending} in {@code resume}) ends after the
 * requests in flight without closing the instance, whose store the command still needs for its
 * report: the stage treats the refusal as a fatal provider error, commits what it has, and leaves
 * the other pairs pending.
 */
final class StoppableEmbeddings implements EmbeddingService {
    private final EmbeddingService delegate;
    private volatile boolean stopped;

    StoppableEmbeddings(EmbeddingService delegate) {
        this.delegate = delegate;
    }

    /** Refuses every request from now on. */
    void stop() {
        stopped = true;
    }

    @Override
    public String modelId() {
        return delegate.modelId();
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
    public String describe() {
        return delegate.describe();
    }

    private void refuseIfStopped() {
        if (stopped) {
            throw new EmbeddingException(EmbeddingException.Kind.FATAL, "qa-import is stopping (interrupted); pairs not yet embedded stay pending");
        }
    }
}
