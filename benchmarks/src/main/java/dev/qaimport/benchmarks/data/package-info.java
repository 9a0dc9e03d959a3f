/**
 * The deterministic FAQ data the benchmarks import: a seeded generator that streams a realistic
 * knowledge-base CSV to disk and knows how many of its rows are invalid or duplicates.
 */
package dev.qaimport.benchmarks.data;
