/**
 * The machinery behind {@link dev.qaimport.embed.http.HttpEmbeddingService}: wire formats,
 * retries, rate-limit pacing, adaptive concurrency, error classification and redaction. Not API:
 * anything here may change without notice.
 */
package dev.qaimport.embed.http.internal;
