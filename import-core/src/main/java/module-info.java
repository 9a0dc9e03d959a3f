/**
 * qa-import's core: the API ({@code dev.qaimport}), the model, the SPI that storage and embedding
 * providers implement, the sanitizer and the payload file store. Everything in an
 * {@code internal} package stays inside the module.
 */
module dev.qaimport.core {
    requires java.management;
    requires com.fasterxml.jackson.databind;
    requires org.apache.commons.csv;
    requires org.jsoup;
    requires org.commonmark;
    requires com.github.albfernandez.juniversalchardet;
    requires org.slf4j;

    exports dev.qaimport;
    exports dev.qaimport.model;
    exports dev.qaimport.payload;
    exports dev.qaimport.spi;
    exports dev.qaimport.validate;
}
