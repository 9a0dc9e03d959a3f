package dev.qaimport;

/** How answers are sanitized. Questions are always plain text. */
public enum AnswerFormat {
    /**
     * Keep a safe basic HTML subset (paragraphs, line breaks, lists, emphasis, code, links with
     * http, https or mailto targets); everything else is removed. The default.
     */
    BASIC_HTML,
    /** Strip all markup; keep the text with its line breaks. */
    PLAIN_TEXT
}
