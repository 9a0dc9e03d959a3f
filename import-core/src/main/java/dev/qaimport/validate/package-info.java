/**
 * Sanitizing and validation of parsed records: markup removed or reduced to a safe subset,
 * whitespace and control characters cleaned, field rules checked, and the normalized question
 * key used to find duplicates.
 */
package dev.qaimport.validate;
