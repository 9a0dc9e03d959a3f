/**
 * Implementation of sanitizing and validation: the character rules ({@code TextCleaner}), the
 * markup policy ({@code HtmlPolicy}, {@code Links}), the jsoup cleaning of HTML answers
 * ({@code BasicHtmlCleaner}), text extraction from parsed trees ({@code TextCollector}) and from
 * stored answers ({@code StoredHtmlText}), with {@code HtmlCleaner} as the entry point, and the
 * case folding behind duplicate keys; and {@code RowPreparer}, which prepares one row for the
 * pipeline. Not API: the API of this concern is {@link dev.qaimport.validate.Sanitizer} and
 * {@link dev.qaimport.validate.QuestionKey}.
 */
package dev.qaimport.validate.internal;
