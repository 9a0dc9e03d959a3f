package dev.qaimport.benchmarks.springbatch;

import dev.qaimport.benchmarks.baseline.RowProblem;
import org.springframework.batch.infrastructure.item.validator.ValidationException;

/** Thrown by the processor for a row that breaks a rule; skippable, and recorded by the skip listener. */
public final class InvalidRowException extends ValidationException {
    private static final long serialVersionUID = 1L;

    private final transient RowProblem problem;

    /** The exception for {@code problem}. */
    public InvalidRowException(RowProblem problem) {
        super("row " + problem.row() + " (line " + problem.line() + "), " + problem.field() + ": " + problem.message());
        this.problem = problem;
    }

    /** What is wrong with the row. */
    public RowProblem problem() {
        return problem;
    }
}
