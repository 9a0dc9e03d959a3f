/**
 * What the concern packages share: the resolved {@link dev.qaimport.internal.Settings}, ids,
 * content hashes, named threads, listener calls, throttling, waiting, and the
 * {@link dev.qaimport.internal.Bisection} that isolates refused rows and rejected inputs. The
 * concerns themselves are in {@code dev.qaimport.batch.internal}, {@code dev.qaimport.embed.internal}
 * and {@code dev.qaimport.jobs.internal}. Nothing here is API; it may change in any release.
 */
package dev.qaimport.internal;
