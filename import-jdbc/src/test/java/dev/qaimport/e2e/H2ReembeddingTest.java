package dev.qaimport.e2e;

import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;

/** Re-embedding on H2 (in memory). */
class H2ReembeddingTest extends AbstractReembeddingTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2Memory();
    }
}
