package dev.qaimport.e2e;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;

/** Collections on MariaDB. */
class MariaDbCollectionsTest extends AbstractCollectionsTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mariadb();
    }
}
