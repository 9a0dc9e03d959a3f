package dev.qaimport.parse.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * Where an element is on one page, for messages and row lines, and the heading an item sits
 * under. Each parent's children are indexed once, when first asked about, so that a page of many
 * thousands of sibling items costs linear, not quadratic, time. For one page and one thread.
 */
final class HtmlPaths {
    private static final Set<String> HEADINGS = Set.of("h2", "h3", "h4", "h5", "h6");
    private static final int MAX_PATH_PARTS = 12;

    /** Of a child: its number among the siblings of its tag, their count, and the nearest heading before it. */
    private record Place(int typeIndex, int typeCount, String headingBefore) {
    }

    private final Map<Element, Place> places = new IdentityHashMap<>();

    /** The line on which {@code e}'s start tag begins (positions are tracked), at least 1. */
    static long line(Element e) {
        return Math.max(1, e.sourceRange().start().lineNumber());
    }

    /** {@code e}'s path from {@code body}, such as {@code body > main > details:nth-of-type(3)}. */
    String path(Element e) {
        Deque<String> parts = new ArrayDeque<>();
        for (Element cur = e; cur != null && cur.parent() != null && !cur.normalName().equals("html"); cur = cur.parent()) {
            Place p = place(cur);
            String tag = cur.normalName();
            parts.addFirst(p.typeCount() > 1 ? tag + ":nth-of-type(" + p.typeIndex() + ")" : tag);
            if (tag.equals("body")) {
                break;
            }
        }
        if (parts.size() > MAX_PATH_PARTS) {
            // A message names the nearest ancestors; the outer ones of a deep page say little.
            while (parts.size() > MAX_PATH_PARTS - 1) {
                parts.removeFirst();
            }
            parts.addFirst("body > …");
        }
        return String.join(" > ", parts);
    }

    /**
     * The text of the nearest {@code h2}–{@code h6} heading before {@code e} at its level or an
     * enclosing one (a heading directly in a {@code header} or {@code hgroup} counts), else the
     * {@code aria-label} of the nearest enclosing {@code section} or {@code article} before a
     * heading outside it, or {@code null}. {@code h1} is the page's title, not a category, and headings inside earlier
     * answers are never looked at.
     */
    String heading(Element e) {
        for (Element cur = e; cur != null && cur.parent() != null && !cur.normalName().equals("body"); cur = cur.parent()) {
            String h = place(cur).headingBefore();
            if (h != null) {
                return h;
            }
            Element parent = cur.parent();
            if ((parent.normalName().equals("section") || parent.normalName().equals("article")) && !parent.attr("aria-label").isBlank()) {
                return parent.attr("aria-label").strip();
            }
        }
        return null;
    }

    private Place place(Element child) {
        Place p = places.get(child);
        if (p == null) {
            index(child.parent());
            p = places.get(child);
        }
        return p;
    }

    private void index(Element parent) {
        List<Element> children = parent.children();
        Map<String, Integer> counts = new HashMap<>();
        int[] typeIndex = new int[children.size()];
        String[] before = new String[children.size()];
        String heading = null;
        for (int i = 0; i < children.size(); i++) {
            Element c = children.get(i);
            typeIndex[i] = counts.merge(c.normalName(), 1, Integer::sum);
            before[i] = heading;
            String h = headingText(c);
            if (h != null) {
                heading = h;
            }
        }
        for (int i = 0; i < children.size(); i++) {
            Element c = children.get(i);
            places.put(c, new Place(typeIndex[i], counts.get(c.normalName()), before[i]));
        }
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
