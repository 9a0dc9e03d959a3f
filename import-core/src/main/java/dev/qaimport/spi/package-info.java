/**
 * The service-provider interface: what a storage module ({@code import-jdbc}) and an embedding
 * module ({@code import-embedding-http}) implement so that the core can run imports without
 * knowing SQL or HTTP. Implementations must be thread-safe.
 */
package dev.qaimport.spi;
