package dev.qaimport.parse.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.qaimport.ImportException;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

/**
 * Reads the questions and answers of an FAQ web page, or of a JSON-LD document. Of these, the
 * first that the page has is read and the others are ignored, so that a page which marks up its
 * visible FAQ is not read twice: schema.org {@code FAQPage} in JSON-LD ({@link JsonLdFaq}), {@code Question} items in
 * Microdata ({@link MicrodataFaq}), {@code <details>}/{@code <summary>}, and {@code <dl>}
 * ({@link DisclosureFaq}). Within it, a question repeated with the same answer is read once.
 *
 * <p>Answers are the answer's HTML as it is on the page; the sanitizer cleans them as it cleans
 * every answer. Unlike the other readers, this one holds the whole page: the decoded text and
 * jsoup's tree of it (or the JSON-LD document's tree), a few times the file's size, bounded by
 * {@code Limits.maxFileBytes}.
 */
final class FaqPageReader extends AbstractRecordReader {
    private static final String LOOKED_FOR = "looked for schema.org FAQPage JSON-LD (<script type=\"application/ld+json\">), Microdata "
            + "Question items (itemtype=\"https://schema.org/Question\"), <details> with a <summary>, and <dl> with <dt> and <dd>";

    private final TextDecoder decoder;
    private Iterator<HtmlFaqItem> items;

    private FaqPageReader(CountingInputStream counter, TextDecoder decoder, Limits limits) {
        super(counter, decoder, limits);
        this.decoder = decoder;
    }

    /** A reader of an HTML page. */
    static FaqPageReader html(CountingInputStream counter, TextDecoder decoder, Limits limits) {
        FaqPageReader reader = new FaqPageReader(counter, decoder, limits);
        reader.start(reader::loadHtml);
        return reader;
    }

    /**
     * A reader of a JSON-LD document (a {@code .json} file starting with {@code "@context"}), which
     * is read as the JSON-LD blocks of a page are.
     */
    static FaqPageReader jsonLd(CountingInputStream counter, TextDecoder decoder, Limits limits) {
        FaqPageReader reader = new FaqPageReader(counter, decoder, limits);
        reader.start(reader::loadJsonLd);
        return reader;
    }

    private void loadJsonLd() {
        List<HtmlFaqItem> found;
        try {
            found = JsonLdFaq.read(decoder, limits);
        } catch (JsonProcessingException e) {
            throw JsonSupport.fatal(e, null, limits);
        } catch (IOException e) {
            throw readFailed(e);
        }
        if (found.isEmpty()) {
            throw new ImportException(ErrorCodes.MISSING_COLUMNS, "the schema.org JSON-LD document has no FAQPage (or QAPage) with "
                    + "mainEntity questions; to read other records from it, name them with recordsPath (--records-path) and map "
                    + "their keys with --map question=KEY,answer=KEY");
        }
        deliver(found);
    }

    private void loadHtml() {
        String html = readAll();
        if (html.isBlank()) {
            throw new ImportException(ErrorCodes.MALFORMED_FILE, "line 1: the file is empty: expected an HTML page with an FAQ");
        }
        Document doc = Parser.htmlParser().setTrackPosition(true).parseInput(html, "");
        // Answers are the page's HTML as written, not re-indented.
        doc.outputSettings().prettyPrint(false);
        List<HtmlFaqItem> found = JsonLdFaq.read(doc, limits);
        if (found.isEmpty()) {
            found = MicrodataFaq.read(doc);
        }
        if (found.isEmpty()) {
            found = DisclosureFaq.details(doc);
        }
        if (found.isEmpty()) {
            found = DisclosureFaq.definitions(doc);
        }
        if (found.isEmpty()) {
            throw new ImportException(ErrorCodes.MISSING_COLUMNS, "the page has no FAQ: found no questions and answers; " + LOOKED_FOR);
        }
        deliver(found);
    }

    private void deliver(List<HtmlFaqItem> found) {
        Set<String> seen = new HashSet<>();
        items = found.stream().filter(i -> i.problem() != null || seen.add(i.question().strip() + '\u0000' + i.answer().strip())).iterator();
    }

    private String readAll() {
        StringBuilder b = new StringBuilder(8192);
        char[] buf = new char[8192];
        int n;
        while ((n = decoder.read(buf, 0, buf.length)) >= 0) {
            b.append(buf, 0, n);
        }
        return b.toString();
    }

    @Override
    ParsedRow read() {
        if (!items.hasNext()) {
            return null;
        }
        HtmlFaqItem item = items.next();
        long row = nextRow(item.line());
        if (item.problem() != null) {
            return ParsedRow.broken(rowError(item.line(), "row", ErrorCodes.MALFORMED_ROW, item.where() + ": " + item.problem()));
        }
        String tooLong = item.question().length() > limits.maxFieldChars() ? "question"
                : item.answer().length() > limits.maxFieldChars() ? "answer" : null;
        if (tooLong != null) {
            return ParsedRow.broken(rowError(item.line(), tooLong, ErrorCodes.TOO_LONG, item.where() + ": the " + tooLong
                    + " is longer than " + Text.count(limits.maxFieldChars()) + " characters (Limits.maxFieldChars); raise "
                    + "Limits.maxFieldChars / --max-field-chars to import it"));
        }
        return ParsedRow.of(new ParsedQA(row, item.line(), item.question(), item.answer(), item.category(), item.tags()));
    }

    @Override
    public List<String> columns() {
        return List.of("question", "answer", "category", "tags");
    }
}
