package dev.qaimport.validate;

import dev.qaimport.AnswerFormat;

/**
 * Cleans field values with jsoup: questions, categories and tags become plain text; answers keep
 * a safe basic HTML subset or become plain text. Whitespace is collapsed and trimmed and control
 * characters are removed. Immutable and thread-safe (one reusable jsoup {@code Cleaner}).
 */
public final class Sanitizer {
    private final AnswerFormat answerFormat;

    /** A sanitizer producing answers in {@code answerFormat}. */
    public Sanitizer(AnswerFormat answerFormat) {
        this.answerFormat = answerFormat;
    }

    /** The question as plain text. */
    public String question(String raw) {
        throw new UnsupportedOperationException("not yet implemented" + answerFormat);
    }

    /** The answer in the configured format. */
    public String answer(String raw) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** A category or tag as plain text. */
    public String label(String raw) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Plain text of a sanitized answer (for embedding and search output). */
    public static String plainText(String sanitizedAnswer) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
