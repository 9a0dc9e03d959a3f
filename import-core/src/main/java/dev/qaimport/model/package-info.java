/**
 * Immutable records and enums that describe imports: jobs, parsed rows, stored pairs, row
 * errors and batch results. Everything here is a value: thread-safe and free of behaviour
 * beyond small derived properties.
 */
package dev.qaimport.model;
