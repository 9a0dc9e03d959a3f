package dev.qaimport.validate;

import dev.qaimport.AnswerFormat;
import dev.qaimport.Limits;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.RowError;
import java.util.List;

/**
 * Sanitizes and validates one record at a time. Immutable and thread-safe; create one per
 * configuration and share it between threads.
 */
public final class RowPreparer {
    private final Limits limits;
    private final AnswerFormat answerFormat;

    /** A preparer enforcing {@code limits} and sanitizing answers as {@code answerFormat}. */
    public RowPreparer(Limits limits, AnswerFormat answerFormat) {
        this.limits = limits;
        this.answerFormat = answerFormat;
    }

    /** Sanitizes and validates {@code qa}: either a clean record or every problem found. */
    public Prepared prepare(ParsedQA qa) {
        throw new UnsupportedOperationException("not yet implemented: " + limits + answerFormat);
    }

    /**
     * The outcome of {@link #prepare}: exactly one of the two is set.
     *
     * @param qa     the clean record, or {@code null}
     * @param errors the problems (non-empty), or an empty list
     */
    public record Prepared(CleanQA qa, List<RowError> errors) {
        public Prepared {
            errors = List.copyOf(errors);
        }

        /** Whether the record is valid. */
        public boolean valid() {
            return qa != null;
        }
    }
}
