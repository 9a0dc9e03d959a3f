package dev.qaimport.parse.internal;

import java.util.List;

/**
 * One question and answer found on an FAQ page, or the reason a question found there cannot be
 * read; {@code where} says where on the page it is (a JSON-LD block and question, or an element's
 * path), for messages.
 *
 * @param line     the line on which the item's element starts
 * @param where    the item's place on the page, e.g. {@code ld+json block 2, question 3}
 * @param question the question's text, or {@code null} for a broken item
 * @param answer   the answer's HTML, or {@code null} for a broken item
 * @param category a category from the page, or {@code null}
 * @param tags     tags from the page, never {@code null}
 * @param problem  why the item cannot be read, or {@code null}
 */
record HtmlFaqItem(long line, String where, String question, String answer, String category, List<String> tags, String problem) {
    HtmlFaqItem {
        tags = List.copyOf(tags);
    }

    static HtmlFaqItem of(long line, String where, String question, String answer, String category, List<String> tags) {
        return new HtmlFaqItem(line, where, question, answer, category, tags, null);
    }

    static HtmlFaqItem broken(long line, String where, String problem) {
        return new HtmlFaqItem(line, where, null, null, null, List.of(), problem);
    }
}
