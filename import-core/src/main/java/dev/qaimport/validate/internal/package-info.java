/**
 * Implementation of sanitizing and validation: the character rules, the jsoup cleaning and text
 * extraction, and the case folding behind duplicate keys. Not API; use
 * {@link dev.qaimport.validate.Sanitizer}, {@link dev.qaimport.validate.RowPreparer} and
 * {@link dev.qaimport.validate.QuestionKey}.
 */
package dev.qaimport.validate.internal;
