package dev.qaimport.xlsx;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;

/** The workbook end-to-end suite on MariaDB 10.11, in a database of its own. */
class MariaDbXlsxEndToEndTest extends AbstractXlsxEndToEndTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mariadb();
    }
}
