package dev.qaimport;

/** Hears about progress after each committed batch. */
@FunctionalInterface
public interface ProgressCallback {
    /** A callback that does nothing. */
    ProgressCallback NONE = (processed, total) -> { };

    /**
     * Called after each committed batch.
     *
     * @param processed items handled so far
     * @param total     items in all, or {@code -1} while unknown (a streamed file whose end has
     *                  not been reached)
     */
    void onProgress(long processed, long total);
}
