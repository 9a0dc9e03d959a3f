/**
 * The implementation behind the public API: the job runner, the batch pipeline, the embedding
 * stage, leases, recovery and workers. Nothing here is API; it may change in any release.
 */
package dev.qaimport.internal;
