/**
 * The entry points of qa-import. {@link dev.qaimport.QaImport} is built by hand with its
 * {@link dev.qaimport.QaImport#builder() builder} and implements {@link dev.qaimport.ImportService}:
 * hand it a file and get a job id back at once, while the import runs in the background. Its
 * other faces are {@link dev.qaimport.BatchProcessor} (rows an application parsed itself),
 * {@link dev.qaimport.QACreator} (single pairs) and {@link dev.qaimport.EmbeddingTrigger}
 * (embeddings on demand). Per-import settings are {@link dev.qaimport.ImportOptions}; limits are
 * {@link dev.qaimport.Limits}; every failure is an {@link dev.qaimport.ImportException} with a
 * stable code, and progress reaches an {@link dev.qaimport.ImportListener}.
 *
 * <p>The API packages are this one, {@code dev.qaimport.model} (immutable records),
 * {@code dev.qaimport.spi} (what storage and embedding providers implement),
 * {@code dev.qaimport.validate} (the sanitizer and the question key) and
 * {@code dev.qaimport.payload} (a file-system store for uploads). Packages named
 * {@code internal} are not API and may change in any release.
 */
package dev.qaimport;
