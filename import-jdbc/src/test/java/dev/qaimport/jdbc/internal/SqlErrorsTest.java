package dev.qaimport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.spi.StoreException;
import dev.qaimport.spi.StoreException.Kind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {
    @Test
    void classifiesIntegrityAndDataProblemsAsData() {
        assertThat(SqlErrors.classify(new SQLException("dup", "23505"))).isEqualTo(Kind.DATA);
        assertThat(SqlErrors.classify(new SQLException("dup", "23000", 1062))).isEqualTo(Kind.DATA);
        assertThat(SqlErrors.classify(new SQLException("too long", "22001"))).isEqualTo(Kind.DATA);
        assertThat(SqlErrors.classify(new SQLException("bad utf8", "22021"))).isEqualTo(Kind.DATA);
    }

    @Test
    void classifiesConnectionLossDeadlocksAndLockTimeoutsAsTransient() {
        assertThat(SqlErrors.classify(new SQLException("refused", "08001"))).isEqualTo(Kind.TRANSIENT);
        assertThat(SqlErrors.classify(new SQLException("io", "08006"))).isEqualTo(Kind.TRANSIENT);
        assertThat(SqlErrors.classify(new SQLException("deadlock", "40P01"))).isEqualTo(Kind.TRANSIENT);
        assertThat(SqlErrors.classify(new SQLException("serialization", "40001"))).isEqualTo(Kind.TRANSIENT);
        assertThat(SqlErrors.classify(new SQLException("admin shutdown", "57P01"))).isEqualTo(Kind.TRANSIENT);
        assertThat(SqlErrors.classify(new SQLException("lock_timeout", "55P03"))).isEqualTo(Kind.TRANSIENT);
        assertThat(SqlErrors.classify(new SQLException("H2 lock timeout", "HYT00", 50200))).isEqualTo(Kind.TRANSIENT);
        assertThat(SqlErrors.classify(new SQLException("Connection is broken: \"session closed\"", "90067", 90067)))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(SqlErrors.classify(new SQLException("Database is already closed", "90121", 90121))).isEqualTo(Kind.TRANSIENT);
        assertThat(SqlErrors.classify(new SQLException("Lock wait timeout exceeded", "HY000", 1205))).isEqualTo(Kind.TRANSIENT);
        assertThat(SqlErrors.classify(new SQLTransientConnectionException("pool timeout"))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void classifiesEverythingElseAsFatal() {
        assertThat(SqlErrors.classify(new SQLException("relation does not exist", "42P01"))).isEqualTo(Kind.FATAL);
        assertThat(SqlErrors.classify(new SQLException("permission denied", "42501"))).isEqualTo(Kind.FATAL);
        assertThat(SqlErrors.classify(new SQLException("disk full", "53100"))).isEqualTo(Kind.FATAL);
        assertThat(SqlErrors.classify(new SQLException("no state"))).isEqualTo(Kind.FATAL);
    }

    @Test
    void summaryKeepsTheFirstLineAndDropsEchoedValues() {
        assertThat(SqlErrors.summary("ERROR: duplicate key value violates unique constraint \"uq_qa_pairs_job_row\"\n"
                + "  Detail: Key (import_job_id, source_row)=(x, 1) already exists."))
                .isEqualTo("duplicate key value violates unique constraint \"uq_qa_pairs_job_row\"");
        assertThat(SqlErrors.summary("Unique index or primary key violation: \"PUBLIC.UQ_QA_PAIRS_JOB_ROW_INDEX_8 ON "
                + "PUBLIC.QA_PAIRS(IMPORT_JOB_ID NULLS FIRST, SOURCE_ROW NULLS FIRST) VALUES ( /* 1 */ 'secret' )\"; SQL statement:"))
                .isEqualTo("Unique index or primary key violation: \"PUBLIC.UQ_QA_PAIRS_JOB_ROW_INDEX_8 ON "
                        + "PUBLIC.QA_PAIRS(IMPORT_JOB_ID NULLS FIRST, SOURCE_ROW NULLS FIRST)");
        assertThat(SqlErrors.summary("Value too long for column \"CATEGORY CHARACTER VARYING(10)\": \"'secret secret' (20)\""))
                .isEqualTo("Value too long for column \"CATEGORY CHARACTER VARYING(10)\"");
        assertThat(SqlErrors.summary("(conn=42) Data too long for column 'category' at row 1"))
                .isEqualTo("Data too long for column 'category' at row 1");
        assertThat(SqlErrors.summary("x".repeat(1000))).hasSize(SqlErrors.MAX_DETAIL + 1).endsWith("…");
        assertThat(SqlErrors.summary(null)).isEqualTo("(no message from the driver)");
    }

    @Test
    void translateUsesTheBatchsNextExceptionWhichDoesNotRepeatTheValues() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO qa_pairs VALUES ('my secret answer') "
                + "was aborted: ERROR: duplicate key", "23505", new int[0]);
        batch.setNextException(new SQLException("ERROR: duplicate key value violates unique constraint \"pk_qa_pairs\"", "23505"));
        StoreException e = SqlErrors.translate("inserting 2 pairs", new UnableToExecuteStatementException(batch, null));
        assertThat(e.kind()).isEqualTo(Kind.DATA);
        assertThat(e).hasMessage("inserting 2 pairs failed: duplicate key value violates unique constraint \"pk_qa_pairs\" [SQLState 23505]");
        assertThat(e.getCause()).isSameAs(batch.getNextException());
    }

    @Test
    void translatePassesStoreExceptionsThroughAndNamesNonSqlFailures() {
        StoreException own = new StoreException(Kind.DATA, "mine", null);
        assertThat(SqlErrors.translate("x", own)).isSameAs(own);
        StoreException other = SqlErrors.translate("reading job 1", new IllegalStateException("mapper broke"));
        assertThat(other.kind()).isEqualTo(Kind.FATAL);
        assertThat(other).hasMessage("reading job 1 failed: IllegalStateException: mapper broke");
    }
}
