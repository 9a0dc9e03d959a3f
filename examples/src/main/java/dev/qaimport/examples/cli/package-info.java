/**
 * The pieces of the {@code qa-import} program: commands, option groups, progress display and
 * reports. Not API.
 */
package dev.qaimport.examples.cli;
