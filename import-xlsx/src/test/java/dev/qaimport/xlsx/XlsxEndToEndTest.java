package dev.qaimport.xlsx;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;

/** The workbook end-to-end suite on H2, in memory. */
class XlsxEndToEndTest extends AbstractXlsxEndToEndTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2Memory();
    }
}
