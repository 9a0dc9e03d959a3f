package dev.qaimport.benchmarks.baseline;

import dev.qaimport.benchmarks.Database;
import dev.qaimport.benchmarks.ImportContender;
import dev.qaimport.benchmarks.ImportOutcome;
import dev.qaimport.benchmarks.ImportSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;

/**
 * The naive baseline: one connection in autocommit, and for every row the same sanitizing and
 * validation as the others, a duplicate lookup by question key, and one INSERT (of the pair or
 * of its row error), each its own transaction.
 */
public final class NaiveJdbcContender implements ImportContender {
    /** The contender's id. */
    public static final String ID = "naive-jdbc";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "One JDBC connection in autocommit (no pool). For each row: `Jsoup.clean` + validation as above, "
                + "then `SELECT 1 … WHERE question_key = ?` and one `INSERT` of the pair (or of its row error); every statement "
                + "commits on its own. Prepared statements are reused; nothing is batched.";
    }

    @Override
    public boolean supports(Database database) {
        return true;
    }

    @Override
    public boolean slow() {
        return true;
    }

    @Override
    public ImportOutcome run(ImportSpec spec) throws Exception {
        FaqRules rules = new FaqRules();
        long read = 0;
        long inserted = 0;
        long errors = 0;
        long skipped = 0;
        try (Connection connection = DriverManager.getConnection(spec.jdbcUrl(), spec.user(), spec.password())) {
            BaselineSchema.create(connection, spec.database());
            connection.setAutoCommit(true);
            try (PreparedStatement find = connection.prepareStatement("SELECT 1 FROM qa_pairs WHERE question_key = ?");
                 PreparedStatement insert = connection.prepareStatement(BaselineSchema.INSERT_PAIR);
                 PreparedStatement error = connection.prepareStatement(BaselineSchema.INSERT_ERROR);
                 FaqCsv csv = FaqCsv.open(spec.csv())) {
                for (FaqRow row = csv.next(); row != null; row = csv.next()) {
                    read++;
                    Checked checked = rules.check(row);
                    if (checked instanceof RowProblem problem) {
                        BaselineSchema.bindError(error, spec.database(), problem, spec.runId());
                        error.executeUpdate();
                        errors++;
                        continue;
                    }
                    CleanPair pair = (CleanPair) checked;
                    find.setString(1, pair.questionKey());
                    try (ResultSet rs = find.executeQuery()) {
                        if (rs.next()) {
                            skipped++;
                            continue;
                        }
                    }
                    BaselineSchema.bindPair(insert, spec.database(), pair, spec.runId(), new Timestamp(System.currentTimeMillis()));
                    insert.executeUpdate();
                    inserted++;
                }
            }
        }
        return new ImportOutcome(read, inserted, errors, skipped);
    }
}
