package dev.qaimport.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a MariaDB schema installed by an earlier release up to date. The MariaDB script keeps to
 * SQL that MySQL 8.0 runs as well, which has no {@code ADD COLUMN IF NOT EXISTS}; so instead of
 * idempotent statements in the script (as on PostgreSQL and H2), each step here looks in
 * {@code information_schema} for the column it adds and runs only when it is missing. Run under
 * the installer's {@code GET_LOCK}, after the script.
 */
final class MariaDbUpgrades {
    /** A column an earlier release lacks, and the one {@code ALTER TABLE} that adds it with its indexes. */
    private record Step(String table, String column, String alter) {
    }

    private static final String COLLECTION = "collection VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'default'";

    private static final List<Step> STEPS = List.of(
            new Step("import_jobs", "attempt_base", "ALTER TABLE import_jobs ADD COLUMN attempt_base INTEGER NOT NULL DEFAULT 0"),
            new Step("import_jobs", "collection", "ALTER TABLE import_jobs ADD COLUMN " + COLLECTION + " AFTER id, "
                    + "DROP INDEX ix_import_jobs_created, ADD INDEX ix_import_jobs_collection_created (collection, created_at)"),
            new Step("qa_pairs", "collection", "ALTER TABLE qa_pairs ADD COLUMN " + COLLECTION + " AFTER id, "
                    + "DROP INDEX ix_qa_pairs_question_key, ADD INDEX ix_qa_pairs_question_key_collection (question_key, collection)"),
            new Step("qa_reembeddings", "collection", "ALTER TABLE qa_reembeddings ADD COLUMN " + COLLECTION + " AFTER id, "
                    + "DROP INDEX uq_qa_reembeddings_active, "
                    + "ADD CONSTRAINT uq_qa_reembeddings_collection_active UNIQUE (collection, active)"),
            new Step("import_jobs", "file_note", "ALTER TABLE import_jobs ADD COLUMN file_note TEXT AFTER embedding_message"));

    private MariaDbUpgrades() {
    }

    /** Runs the steps whose column is missing from the tables of {@code prefix}. */
    static void apply(Connection c, TablePrefix prefix) throws SQLException {
        for (Step step : STEPS) {
            if (!hasColumn(c, prefix.table(step.table()), step.column())) {
                try (Statement s = c.createStatement()) {
                    s.execute(prefix.ddl(step.alter()));
                }
            }
        }
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM information_schema.columns "
                + "WHERE table_schema = DATABASE() AND table_name = ? AND column_name = ?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) > 0;
            }
        }
    }
}
