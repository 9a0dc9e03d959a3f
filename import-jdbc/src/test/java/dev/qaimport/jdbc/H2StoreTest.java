package dev.qaimport.jdbc;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;

/** The storage contract on an in-memory H2 database. */
class H2StoreTest extends AbstractStoreContractTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2Memory();
    }

    @Override
    protected String createdAtAsUtcTextSql() {
        return "SELECT FORMATDATETIME(created_at, 'yyyy-MM-dd HH:mm:ss.SSSSSS', 'en', 'UTC') FROM import_jobs WHERE id = :id";
    }

    @Override
    protected String shortLockTimeoutSql() {
        return "SET LOCK_TIMEOUT 200";
    }

    @Override
    protected String unreachableUrlWithPassword(String password) {
        return "jdbc:h2:tcp://127.0.0.1:1/mem:nothing";
    }
}
