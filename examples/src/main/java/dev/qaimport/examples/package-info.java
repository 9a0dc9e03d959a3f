/**
 * The {@code qa-import} command-line program ({@link dev.qaimport.examples.Main}) and an example
 * of wiring qa-import into a backend by hand ({@link dev.qaimport.examples.BackendExample}).
 */
package dev.qaimport.examples;
