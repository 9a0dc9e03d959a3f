package dev.qaimport.benchmarks.springbatch;

import dev.qaimport.benchmarks.Database;
import dev.qaimport.benchmarks.baseline.BaselineSchema;
import dev.qaimport.benchmarks.baseline.CleanPair;
import dev.qaimport.benchmarks.baseline.FaqRow;
import dev.qaimport.benchmarks.baseline.RowProblem;
import java.util.UUID;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records every skipped row in {@code import_errors}. Spring Batch calls it inside the chunk's
 * transaction, so a row error commits with its chunk.
 */
public final class ErrorRecordingSkipListener implements SkipListener<FaqRow, CleanPair> {
    private final JdbcTemplate jdbc;
    private final Database database;
    private final UUID jobId;

    /** A listener writing with {@code jdbc} for the import {@code jobId}. */
    public ErrorRecordingSkipListener(JdbcTemplate jdbc, Database database, UUID jobId) {
        this.jdbc = jdbc;
        this.database = database;
        this.jobId = jobId;
    }

    @Override
    public void onSkipInProcess(FaqRow item, Throwable t) {
        RowProblem problem = t instanceof InvalidRowException invalid ? invalid.problem()
                : new RowProblem(item.row(), item.line(), null, String.valueOf(t.getMessage()));
        record(problem);
    }

    @Override
    public void onSkipInWrite(CleanPair item, Throwable t) {
        record(new RowProblem(item.row(), 0, null, "not stored: " + t.getMessage()));
    }

    private void record(RowProblem problem) {
        jdbc.update(BaselineSchema.INSERT_ERROR, ps -> BaselineSchema.bindError(ps, database, problem, jobId));
    }
}
