/**
 * End-to-end tests of the import pipeline (core) against the real JDBC store on H2: the import
 * service, batch processor, QA creator, embedding trigger, background execution, recovery.
 */
package dev.qaimport.it;
