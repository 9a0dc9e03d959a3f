package dev.qaimport.e2e;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;

/** The end-to-end suite on H2, in memory. */
class H2EndToEndTest extends AbstractEndToEndTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2Memory();
    }
}
