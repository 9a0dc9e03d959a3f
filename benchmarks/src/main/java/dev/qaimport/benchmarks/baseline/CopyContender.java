package dev.qaimport.benchmarks.baseline;

import dev.qaimport.benchmarks.Database;
import dev.qaimport.benchmarks.ImportContender;
import dev.qaimport.benchmarks.ImportOutcome;
import dev.qaimport.benchmarks.ImportSpec;
import java.io.InputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import org.postgresql.PGConnection;

/**
 * The physical limit on PostgreSQL: the raw file streamed through {@code COPY … FROM STDIN}
 * (pgjdbc's {@code CopyManager}) into the same table, with no sanitizing, validation or
 * duplicate check; the columns the file lacks take their defaults.
 */
public final class CopyContender implements ImportContender {
    /** The contender's id. */
    public static final String ID = "copy";

    private static final String COPY = "COPY qa_pairs (question, answer, category, tags) FROM STDIN "
            + "WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL (question, answer, category, tags))";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "PostgreSQL only. The raw file streamed with pgjdbc's `CopyManager.copyIn(\"COPY qa_pairs (question, answer, category, tags) "
                + "FROM STDIN WITH (FORMAT csv, HEADER true, …)\")` into the same table (same indexes); id, status, timestamps take column "
                + "defaults. No sanitizing, no validation, no duplicate check, no row errors: invalid and duplicate rows are loaded too. "
                + "This is the physical limit, not a fair competitor.";
    }

    @Override
    public boolean supports(Database database) {
        return database == Database.POSTGRESQL;
    }

    @Override
    public boolean validates() {
        return false;
    }

    @Override
    public ImportOutcome run(ImportSpec spec) throws Exception {
        try (Connection connection = DriverManager.getConnection(spec.jdbcUrl(), spec.user(), spec.password());
             InputStream in = Files.newInputStream(spec.csv())) {
            BaselineSchema.create(connection, spec.database());
            long rows = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, in, 1 << 16);
            return new ImportOutcome(rows, rows, 0, 0);
        }
    }
}
