/** The workbook benchmark: the same rows as .xlsx and as CSV, read and imported in child JVMs with a small heap. */
package dev.qaimport.benchmarks.xlsx;
