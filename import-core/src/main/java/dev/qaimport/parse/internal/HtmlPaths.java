package dev.qaimport.parse.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.jsoup.nodes.Element;

/** Where an element is on a page, for messages and row lines, and the heading an item sits under. */
final class HtmlPaths {
    private static final Set<String> HEADINGS = Set.of("h2", "h3", "h4", "h5", "h6");

    private HtmlPaths() {
    }

    /** The line on which {@code e}'s start tag begins (positions are tracked), at least 1. */
    static long line(Element e) {
        return Math.max(1, e.sourceRange().start().lineNumber());
    }

    /** {@code e}'s path from {@code body}, such as {@code body > main > details:nth-of-type(3)}. */
    static String path(Element e) {
        Deque<String> parts = new ArrayDeque<>();
        for (Element cur = e; cur != null && cur.parent() != null && !cur.normalName().equals("html"); cur = cur.parent()) {
            String tag = cur.normalName();
            int index = 0;
            int count = 0;
            for (Element sibling : cur.parent().children()) {
                if (sibling.normalName().equals(tag)) {
                    count++;
                    if (sibling == cur) {
                        index = count;
                    }
                }
            }
            parts.addFirst(count > 1 ? tag + ":nth-of-type(" + index + ")" : tag);
            if (tag.equals("body")) {
                break;
            }
        }
        return String.join(" > ", parts);
    }

    /**
     * The text of the nearest {@code h2}–{@code h6} heading before {@code e} at its level or an
     * enclosing one (a heading directly in a {@code header} or {@code hgroup} counts), or
     * {@code null}. {@code h1} is the page's title, not a category, and headings inside earlier
     * answers are never looked at.
     */
    static String heading(Element e) {
        for (Element cur = e; cur != null && !cur.normalName().equals("body"); cur = cur.parent()) {
            for (Element s = cur.previousElementSibling(); s != null; s = s.previousElementSibling()) {
                String h = headingText(s);
                if (h != null) {
                    return h;
                }
            }
        }
        return null;
    }

    private static String headingText(Element s) {
        if (HEADINGS.contains(s.normalName())) {
            String t = s.text();
            return t.isBlank() ? null : t;
        }
        if (s.normalName().equals("header") || s.normalName().equals("hgroup")) {
            for (int i = s.childrenSize() - 1; i >= 0; i--) {
                String h = headingText(s.child(i));
                if (h != null) {
                    return h;
                }
            }
        }
        return null;
    }

    /** Whether an ancestor of {@code e} is a {@code tag} element. */
    static boolean inside(Element e, String tag) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (p.normalName().equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
