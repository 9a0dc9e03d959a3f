/**
 * Writing rows in committed batches: cutting the source into batches, preparing them in parallel,
 * applying the duplicate policy, and committing them in order under the job's lease, with the
 * rows the database refuses isolated as row errors. Also the dry run and single-pair creation,
 * which share the preparation rules. Not API.
 */
package dev.qaimport.batch.internal;
