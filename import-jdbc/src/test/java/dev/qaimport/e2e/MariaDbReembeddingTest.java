package dev.qaimport.e2e;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;

/** Re-embedding on MariaDBMariaDb. */
class MariaDbReembeddingTest extends AbstractReembeddingTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mariadb();
    }
}
