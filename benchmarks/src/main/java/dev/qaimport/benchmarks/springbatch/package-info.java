/**
 * The Spring Batch 6 baseline: a chunk-oriented job with a JDBC job repository, written the way
 * a Spring Batch expert would write the same import.
 */
package dev.qaimport.benchmarks.springbatch;
