package dev.qaimport.e2e;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;

/** The end-to-end suite on PostgreSQL 15, in a schema of its own. */
class PostgresEndToEndTest extends AbstractEndToEndTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
