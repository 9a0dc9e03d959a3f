package dev.qaimport.validate.internal;

import dev.qaimport.AnswerFormat;

/**
 * A sanitized answer together with whether it shows any text, so that an answer made only of
 * markup ({@code <p><br></p>}) can be rejected without parsing it again.
 *
 * @param value   the sanitized answer
 * @param hasText whether the answer holds a character other than whitespace
 */
public record CleanAnswer(String value, boolean hasText) {
    /** {@code raw} sanitized as {@code format}. */
    public static CleanAnswer of(String raw, AnswerFormat format) {
        if (format == AnswerFormat.BASIC_HTML) {
            return HtmlCleaner.basicHtml(raw);
        }
        String text = HtmlCleaner.plainAnswer(raw);
        return new CleanAnswer(text, !text.isEmpty());
    }
}
