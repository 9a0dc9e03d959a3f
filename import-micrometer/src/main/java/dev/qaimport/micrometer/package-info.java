/**
 * Micrometer meters for qa-import: start at {@link dev.qaimport.micrometer.QaImportMetrics}, which
 * binds a {@link dev.qaimport.QaImport} to a {@code MeterRegistry} in one call. The meter names and
 * tags are listed in the README's "Metrics" section.
 */
package dev.qaimport.micrometer;
