/**
 * The benchmark harness: runs each contender as a whole child JVM against a fresh
 * database, alternating contenders round by round, and writes {@code docs/BENCHMARKS.md}.
 * {@link dev.qaimport.benchmarks.ImportContender} and
 * {@link dev.qaimport.benchmarks.EmbeddingContender} are what a contender implements;
 * {@link dev.qaimport.benchmarks.Contenders} lists them. Start at {@link dev.qaimport.benchmarks.Main}.
 */
package dev.qaimport.benchmarks;
