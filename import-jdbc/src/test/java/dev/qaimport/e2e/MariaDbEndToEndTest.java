package dev.qaimport.e2e;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;

/** The end-to-end suite on MariaDB 10.11, in a database of its own whose sessions run at +05:30. */
class MariaDbEndToEndTest extends AbstractEndToEndTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mariadb();
    }
}
