package dev.qaimport.validate.internal;

/**
 * A sanitized answer together with whether it shows any text, so that an answer made only of
 * markup ({@code <p><br></p>}) can be rejected without parsing it again.
 *
 * @param value   the sanitized answer
 * @param hasText whether the answer holds a character other than whitespace
 */
public record CleanAnswer(String value, boolean hasText) {
}
