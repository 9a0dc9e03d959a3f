package dev.qaimport.benchmarks.springbatch;

import dev.qaimport.benchmarks.baseline.Checked;
import dev.qaimport.benchmarks.baseline.CleanPair;
import dev.qaimport.benchmarks.baseline.FaqRow;
import dev.qaimport.benchmarks.baseline.FaqRules;
import dev.qaimport.benchmarks.baseline.RowProblem;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Sanitizes ({@code Jsoup.clean}) and validates one row; an invalid row throws
 * {@link InvalidRowException}, which the step's skip policy skips. Single-threaded, as the step is.
 */
public final class FaqItemProcessor implements ItemProcessor<FaqRow, CleanPair> {
    private final FaqRules rules = new FaqRules();

    @Override
    public CleanPair process(FaqRow row) {
        Checked checked = rules.check(row);
        if (checked instanceof RowProblem problem) {
            throw new InvalidRowException(problem);
        }
        return (CleanPair) checked;
    }
}
