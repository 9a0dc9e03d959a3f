package dev.qaimport.e2e;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;

/** Collections on H2 (in memory). */
class H2CollectionsTest extends AbstractCollectionsTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2Memory();
    }
}
