package dev.qaimport.benchmarks.baseline;

/** The result of checking one row: a {@link CleanPair} to store or a {@link RowProblem} to record. */
public sealed interface Checked permits CleanPair, RowProblem {
    /** 1-based index of the record in the file. */
    long row();
}
