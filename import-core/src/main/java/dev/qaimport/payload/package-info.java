/**
 * Payload stores that need no database: uploads kept as files, for payloads too large to keep
 * in the database or for deployments that prefer a shared volume.
 */
package dev.qaimport.payload;
