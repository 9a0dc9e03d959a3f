package dev.qaimport.parse.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.qaimport.Limits;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the questions of schema.org {@code FAQPage} (and {@code QAPage}) objects in a page's
 * {@code <script type="application/ld+json">} blocks: anywhere in a block (top level, an array, an
 * {@code @graph}, or nested in another object), with {@code mainEntity} an object, an array or
 * {@code @id} references to questions elsewhere in the block, and {@code acceptedAnswer} (else
 * {@code suggestedAnswer}) an object or an array of them. Blocks are numbered from 1 in page order.
 */
final class JsonLdFaq {
    private static final int MAX_DEPTH = 16;

    private final JsonFactory factory;
    private final List<HtmlFaqItem> items = new ArrayList<>();
    private int block;
    /** The line on which the current block's JSON starts. */
    private long line;
    private int question;
    private Map<String, JsonNode> ids;
    private JsonLdTree tree;

    private JsonLdFaq(Limits limits) {
        int maxString = limits.maxFieldChars() == Integer.MAX_VALUE ? Integer.MAX_VALUE : limits.maxFieldChars() + 1;
        this.factory = JsonSupport.factory(limits, maxString);
    }

    /**
     * The questions of every {@code FAQPage} in a JSON-LD document (a {@code .json} file), with the
     * lines of their objects.
     *
     * @throws JsonProcessingException when the document is not valid JSON
     */
    static List<HtmlFaqItem> read(Reader json, Limits limits) throws IOException {
        JsonLdFaq faq = new JsonLdFaq(limits);
        faq.line = 1;
        try (JsonParser p = faq.factory.createParser(json)) {
            faq.tree = JsonLdTree.read(p);
        }
        if (faq.tree.root() != null) {
            faq.search(faq.tree.root());
        }
        return faq.items;
    }

    /** The questions of every {@code FAQPage} in {@code doc}'s JSON-LD blocks, in page order. */
    static List<HtmlFaqItem> read(Document doc, Limits limits) {
        JsonLdFaq faq = new JsonLdFaq(limits);
        for (Element script : doc.select("script[type]")) {
            if (isJsonLd(script.attr("type"))) {
                faq.block(script);
            }
        }
        return faq.items;
    }

    static boolean isJsonLd(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        return (semi < 0 ? t : t.substring(0, semi)).strip().equals("application/ld+json");
    }

    private void block(Element script) {
        block++;
        question = 0;
        line = HtmlPaths.line(script);
        String json = script.data();
        try (JsonParser p = factory.createParser(json)) {
            tree = JsonLdTree.read(p);
        } catch (JsonProcessingException e) {
            // Another kind of structured data that is broken is not this import's business.
            if (json.contains("FAQPage") || json.contains("QAPage")) {
                long at = e.getLocation() != null ? e.getLocation().getLineNr() : 0;
                String where = at > 0 ? " at line " + (line + at - 1) : "";
                items.add(HtmlFaqItem.broken(line, where(), "the block is not valid JSON" + where + ": " + JsonSupport.reason(e)));
            }
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (tree.root() != null) {
            search(tree.root());
        }
    }

    private void search(JsonNode root) {
        ids = new HashMap<>();
        index(root, 0);
        find(root, 0);
    }

    private String where() {
        if (block == 0) {
            return "question " + question;
        }
        return "ld+json block " + block + " (line " + line + ")" + (question > 0 ? ", question " + question : "");
    }

    /** The page line of an object of the current block. */
    private long lineOf(JsonNode object) {
        return line + tree.line(object) - 1;
    }

    private void index(JsonNode n, int depth) {
        if (depth > MAX_DEPTH || !n.isContainerNode()) {
            return;
        }
        if (n.isObject() && n.path("@id").isTextual() && n.size() > 1) {
            ids.putIfAbsent(n.get("@id").asText(), n);
        }
        for (JsonNode child : n) {
            index(child, depth + 1);
        }
    }

    private void find(JsonNode n, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (n.isObject() && (hasType(n, "FAQPage") || hasType(n, "QAPage"))) {
            JsonNode main = n.path("mainEntity");
            if (main.isArray()) {
                for (JsonNode q : main) {
                    question(q);
                }
            } else if (!main.isMissingNode() && !main.isNull()) {
                question(main);
            }
            return;
        }
        if (n.isContainerNode()) {
            for (JsonNode child : n) {
                find(child, depth + 1);
            }
        }
    }

    private static boolean hasType(JsonNode n, String type) {
        JsonNode t = n.path("@type");
        if (t.isArray()) {
            for (JsonNode e : t) {
                if (isType(e, type)) {
                    return true;
                }
            }
            return false;
        }
        return isType(t, type);
    }

    private static boolean isType(JsonNode t, String type) {
        if (!t.isTextual()) {
            return false;
        }
        String s = t.asText();
        return s.equals(type) || s.endsWith("/" + type) || s.endsWith(":" + type);
    }

    private void question(JsonNode q) {
        question++;
        if (q.isObject() && q.size() == 1 && q.path("@id").isTextual() && ids.containsKey(q.get("@id").asText())) {
            q = ids.get(q.get("@id").asText());
        }
        long at = lineOf(q);
        if (!q.isObject()) {
            items.add(HtmlFaqItem.broken(at, where(), "mainEntity holds " + kind(q) + ", not a Question object"));
            return;
        }
        String name = text(q.path("name"));
        if (name == null) {
            name = text(q.path("text"));
        }
        if (name == null) {
            items.add(HtmlFaqItem.broken(at, where(), "the Question has no name (text) for the question"));
            return;
        }
        JsonNode answers = q.path("acceptedAnswer");
        String field = "acceptedAnswer";
        if (answers.isMissingNode() || answers.isNull()) {
            answers = q.path("suggestedAnswer");
            field = "suggestedAnswer";
        }
        List<String> texts = new ArrayList<>();
        Iterable<JsonNode> all = answers.isArray() ? answers : List.of(answers);
        for (JsonNode a : all) {
            JsonNode t = a.isObject() ? a.path("text") : a;
            if (t.isContainerNode() && !(t.isArray() && allText(t))) {
                items.add(HtmlFaqItem.broken(at, where(), field + ".text is " + kind(t) + ", not text"));
                return;
            }
            String s = text(t);
            if (s != null) {
                texts.add(s);
            }
        }
        if (texts.isEmpty()) {
            items.add(HtmlFaqItem.broken(at, where(), "the Question " + Text.quote(name) + " has no acceptedAnswer with a text"));
            return;
        }
        items.add(HtmlFaqItem.of(at, where(), name, String.join("\n\n", texts), about(q.path("about")), tags(q.path("keywords"))));
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode e : array) {
            if (!e.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    /** A string, the elements of an array of strings joined, or {@code null}. */
    private static String text(JsonNode n) {
        if (n.isTextual() || n.isNumber() || n.isBoolean()) {
            return n.asText();
        }
        if (n.isArray() && allText(n)) {
            List<String> parts = new ArrayList<>();
            n.forEach(e -> {
                if (!e.isNull()) {
                    parts.add(e.asText());
                }
            });
            return parts.isEmpty() ? null : String.join("\n", parts);
        }
        return null;
    }

    private static String about(JsonNode about) {
        JsonNode first = about.isArray() && about.size() > 0 ? about.get(0) : about;
        return first.isObject() ? text(first.path("name")) : text(first);
    }

    private static List<String> tags(JsonNode keywords) {
        if (keywords.isTextual()) {
            return Tags.split(keywords.asText());
        }
        List<String> tags = new ArrayList<>();
        if (keywords.isArray()) {
            for (JsonNode k : keywords) {
                String s = k.isObject() ? text(k.path("name")) : text(k);
                if (s != null && !s.isBlank()) {
                    tags.add(s.strip());
                }
            }
        }
        return tags;
    }

    private static String kind(JsonNode n) {
        if (n.isObject() || n.isArray()) {
            return n.isObject() ? "an object" : "an array";
        }
        return n.isNull() ? "null" : n.isTextual() ? "a string" : "a " + n.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
