/**
 * qa-import's Micrometer binding: {@link dev.qaimport.micrometer.QaImportMetrics} registers the
 * meters of a {@link dev.qaimport.QaImport} with a Micrometer {@code MeterRegistry}.
 */
module dev.qaimport.micrometer {
    requires transitive dev.qaimport.core;
    requires transitive micrometer.core;
    requires org.slf4j;

    exports dev.qaimport.micrometer;
}
