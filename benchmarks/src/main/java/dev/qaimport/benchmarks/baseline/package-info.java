/**
 * The simple baselines (row-by-row JDBC and PostgreSQL {@code COPY}) and what every baseline
 * shares: the CSV cursor, the sanitizing and validation rules, and the target schema.
 */
package dev.qaimport.benchmarks.baseline;
