/** The library under test, as an import contender and as an embedding contender. */
package dev.qaimport.benchmarks.qaimport;
