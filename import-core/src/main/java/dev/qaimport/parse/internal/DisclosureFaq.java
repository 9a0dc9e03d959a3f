package dev.qaimport.parse.internal;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Finds the questions of pages without markup: {@code <details><summary>Q</summary>A</details>}
 * and {@code <dl><dt>Q</dt><dd>A</dd></dl>}. The category is the nearest {@code h2}–{@code h6}
 * heading before the item, or the summary of a {@code <details>} that only groups further
 * {@code <details>}.
 */
final class DisclosureFaq {
    private DisclosureFaq() {
    }

    /** Every outermost {@code <details>} with a {@code <summary>}, in page order. */
    static List<HtmlFaqItem> details(Document doc) {
        List<HtmlFaqItem> items = new ArrayList<>();
        HtmlPaths paths = new HtmlPaths();
        for (Element d : doc.select("details")) {
            if (!HtmlPaths.inside(d, "details")) {
                details(d, null, paths, items);
            }
        }
        return items;
    }

    private static void details(Element d, String group, HtmlPaths paths, List<HtmlFaqItem> items) {
        Element summary = d.children().stream().filter(c -> c.normalName().equals("summary")).findFirst().orElse(null);
        if (summary == null) {
            // A disclosure without a summary has no question; it is not part of the FAQ.
            return;
        }
        List<Element> nested = new ArrayList<>();
        StringBuilder answer = new StringBuilder();
        boolean onlyDetails = true;
        for (Node n : d.childNodes()) {
            if (n == summary) {
                continue;
            }
            if (n instanceof Element && ((Element) n).normalName().equals("details")) {
                nested.add((Element) n);
            } else if (!(n instanceof TextNode && ((TextNode) n).isBlank())) {
                onlyDetails = false;
            }
            answer.append(n.outerHtml());
        }
        if (onlyDetails && !nested.isEmpty()) {
            // A group of questions under a title.
            for (Element inner : nested) {
                details(inner, summary.text(), paths, items);
            }
            return;
        }
        long line = HtmlPaths.line(d);
        String where = paths.path(d);
        String question = summary.text();
        if (question.isBlank()) {
            items.add(HtmlFaqItem.broken(line, where, "the <summary> is empty: there is no question"));
        } else if (answerless(d, summary)) {
            items.add(HtmlFaqItem.broken(line, where, "the <details> has no answer after its <summary> " + Text.quote(question)));
        } else {
            String category = group != null ? group : paths.heading(d);
            items.add(HtmlFaqItem.of(line, where, question, answer.toString().strip(), category, List.of()));
        }
    }

    private static boolean answerless(Element d, Element summary) {
        for (Node n : d.childNodes()) {
            if (n == summary) {
                continue;
            }
            if (n instanceof TextNode ? !((TextNode) n).isBlank() : n instanceof Element && hasContent((Element) n)) {
                return false;
            }
        }
        return true;
    }

    /** Whether an answer element shows something: text, or an image, video, frame or table. */
    private static boolean hasContent(Element e) {
        return !e.text().isBlank() || !e.select("img, video, iframe, table").isEmpty();
    }

    /** Every outermost {@code <dl>}: each {@code <dt>} with the {@code <dd>}s after it, in page order. */
    static List<HtmlFaqItem> definitions(Document doc) {
        List<HtmlFaqItem> items = new ArrayList<>();
        HtmlPaths paths = new HtmlPaths();
        for (Element dl : doc.select("dl")) {
            if (HtmlPaths.inside(dl, "dl")) {
                continue;
            }
            String category = paths.heading(dl);
            List<Element> terms = new ArrayList<>();
            List<Element> descriptions = new ArrayList<>();
            for (Element c : flatten(dl)) {
                if (c.normalName().equals("dt")) {
                    if (!descriptions.isEmpty()) {
                        emit(terms, descriptions, category, paths, items);
                    }
                    terms.add(c);
                } else if (c.normalName().equals("dd") && !terms.isEmpty()) {
                    descriptions.add(c);
                }
            }
            emit(terms, descriptions, category, paths, items);
        }
        return items;
    }

    /** The {@code dt} and {@code dd} children of a {@code dl}, also those wrapped in a {@code div} (HTML allows it). */
    private static List<Element> flatten(Element dl) {
        List<Element> out = new ArrayList<>();
        for (Element c : dl.children()) {
            if (c.normalName().equals("div")) {
                out.addAll(c.children());
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /** Each term of a group gets the group's descriptions: several terms are several wordings of one question. */
    private static void emit(List<Element> terms, List<Element> descriptions, String category, HtmlPaths paths, List<HtmlFaqItem> items) {
        StringBuilder answer = new StringBuilder();
        boolean text = false;
        for (Element dd : descriptions) {
            if (answer.length() > 0) {
                answer.append('\n');
            }
            answer.append(dd.html().strip());
            text |= hasContent(dd);
        }
        for (Element dt : terms) {
            long line = HtmlPaths.line(dt);
            String where = paths.path(dt);
            if (dt.text().isBlank()) {
                items.add(HtmlFaqItem.broken(line, where, "the <dt> is empty: there is no question"));
            } else if (!text) {
                items.add(HtmlFaqItem.broken(line, where, "the <dt> " + Text.quote(dt.text()) + " has no <dd> answer"));
            } else {
                items.add(HtmlFaqItem.of(line, where, dt.text(), answer.toString(), category, List.of()));
            }
        }
        terms.clear();
        descriptions.clear();
    }
}
