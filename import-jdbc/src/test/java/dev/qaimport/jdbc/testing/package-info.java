/**
 * Test fixtures shared through import-jdbc's test-jar: fresh H2, PostgreSQL and MariaDB
 * databases per test class, configured from environment variables, and forwarding
 * implementations of the storage SPI on which test wrappers change only the calls they need to.
 */
package dev.qaimport.jdbc.testing;
