package dev.qaimport.xlsx;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;

/** The workbook end-to-end suite on PostgreSQL 15, in a schema of its own. */
class PostgresXlsxEndToEndTest extends AbstractXlsxEndToEndTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
