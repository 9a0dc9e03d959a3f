package dev.qaimport;

import dev.qaimport.model.ImportJob;

/**
 * Hears about every job a {@link QaImport} runs: after each committed import batch, after each
 * embedding batch, and when a job ends. Called on worker threads; implementations must be quick
 * and thread-safe. Exceptions thrown by a listener are logged and ignored. For metrics, which
 * need numbers rather than the job, see {@link dev.qaimport.spi.ImportObserver}.
 */
public interface ImportListener {
    /** A listener that does nothing. */
    ImportListener NONE = new ImportListener() { };

    /** After each committed import batch, with the job as stored after the commit. */
    default void onImportProgress(ImportJob job) {
    }

    /** After each committed embedding batch of a job. */
    default void onEmbeddingProgress(ImportJob job) {
    }

    /** When the job reached a terminal state, or its worker stopped working on it. */
    default void onJobFinished(ImportJob job) {
    }
}
