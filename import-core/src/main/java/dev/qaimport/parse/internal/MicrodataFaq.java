package dev.qaimport.parse.internal;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds schema.org {@code Question} items in a page's Microdata ({@code itemscope
 * itemtype=".../Question"}, usually {@code itemprop="mainEntity"} of an {@code FAQPage}): the
 * question is the item's {@code name}, the answer the HTML of the {@code text} of its
 * {@code acceptedAnswer} (else {@code suggestedAnswer}). A question nested in another question's
 * answer belongs to that answer.
 */
final class MicrodataFaq {
    private MicrodataFaq() {
    }

    static List<HtmlFaqItem> read(Document doc) {
        List<HtmlFaqItem> items = new ArrayList<>();
        HtmlPaths paths = new HtmlPaths();
        for (Element e : doc.select("[itemscope][itemtype]")) {
            if (isQuestion(e) && !insideQuestion(e)) {
                items.add(item(e, paths));
            }
        }
        return items;
    }

    private static boolean isQuestion(Element e) {
        for (String t : e.attr("itemtype").strip().split("\\s+")) {
            if (t.endsWith("schema.org/Question")) {
                return true;
            }
        }
        return false;
    }

    private static boolean insideQuestion(Element e) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (p.hasAttr("itemscope") && isQuestion(p)) {
                return true;
            }
        }
        return false;
    }

    private static HtmlFaqItem item(Element q, HtmlPaths paths) {
        long line = HtmlPaths.line(q);
        String where = paths.path(q);
        Element name = property(q, "name");
        String question = name == null ? null : name.normalName().equals("meta") ? name.attr("content") : name.text();
        if (question == null || question.isBlank()) {
            return HtmlFaqItem.broken(line, where, "the Question item has no itemprop=\"name\" with the question");
        }
        List<Element> answers = properties(q, "acceptedAnswer");
        if (answers.isEmpty()) {
            answers = properties(q, "suggestedAnswer");
        }
        List<String> html = new ArrayList<>();
        for (Element a : answers) {
            Element text = a.hasAttr("itemscope") ? property(a, "text") : a;
            if (text != null) {
                html.add(text.normalName().equals("meta") ? text.attr("content") : text.html().strip());
            }
        }
        if (html.isEmpty()) {
            return HtmlFaqItem.broken(line, where, "the Question " + Text.quote(question)
                    + " has no itemprop=\"acceptedAnswer\" with an itemprop=\"text\"");
        }
        Element about = property(q, "about");
        String category = about != null ? (about.normalName().equals("meta") ? about.attr("content") : about.text()) : paths.heading(q);
        return HtmlFaqItem.of(line, where, question, String.join("\n", html), category, List.of());
    }

    /** The first element carrying property {@code name} of the item {@code scope}. */
    private static Element property(Element scope, String name) {
        List<Element> all = properties(scope, name);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The elements carrying property {@code name} of the item {@code scope}, not of an item nested in it. */
    private static List<Element> properties(Element scope, String name) {
        List<Element> found = new ArrayList<>();
        for (Element e : scope.select("[itemprop]")) {
            if (e != scope && owner(e) == scope && hasToken(e.attr("itemprop"), name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element owner(Element e) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (p.hasAttr("itemscope")) {
                return p;
            }
        }
        return null;
    }

    private static boolean hasToken(String list, String name) {
        for (String t : list.strip().split("\\s+")) {
            if (t.equals(name) || t.endsWith("/" + name)) {
                return true;
            }
        }
        return false;
    }
}
