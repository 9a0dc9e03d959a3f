package dev.qaimport.jdbc;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;

/** The storage contract on PostgreSQL, in a schema of its own. */
class PostgresStoreTest extends AbstractStoreContractTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    protected String createdAtAsUtcTextSql() {
        return "SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') FROM import_jobs WHERE id = :id";
    }

    @Override
    protected String shortLockTimeoutSql() {
        return "SET lock_timeout = '300ms'";
    }

    @Override
    protected String unreachableUrlWithPassword(String password) {
        return "jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2&password=" + password;
    }
}
