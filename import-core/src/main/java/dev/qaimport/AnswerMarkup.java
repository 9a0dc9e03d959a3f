package dev.qaimport;

/**
 * The markup the answers of a file are written in, read before they are sanitized in their
 * {@link AnswerFormat}.
 */
public enum AnswerMarkup {
    /** Answers are taken as they are: plain text or HTML. The default. */
    NONE,
    /**
     * Answers are CommonMark: links, lists, emphasis, code and the rest are rendered to HTML, which
     * is then sanitized like any other HTML answer. Raw HTML inside the Markdown is passed on to
     * the sanitizer, never trusted.
     */
    MARKDOWN
}
