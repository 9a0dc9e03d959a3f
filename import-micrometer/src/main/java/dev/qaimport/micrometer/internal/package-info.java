/**
 * The machinery behind {@link dev.qaimport.micrometer.QaImportMetrics}: the observer that turns
 * qa-import's events into meters, and the cached database counts behind the gauges. Not API:
 * anything here may change without notice.
 */
package dev.qaimport.micrometer.internal;
