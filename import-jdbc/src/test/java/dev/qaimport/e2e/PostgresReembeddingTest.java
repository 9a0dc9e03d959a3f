package dev.qaimport.e2e;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;

/** Re-embedding on PostgreSQL. */
class PostgresReembeddingTest extends AbstractReembeddingTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
