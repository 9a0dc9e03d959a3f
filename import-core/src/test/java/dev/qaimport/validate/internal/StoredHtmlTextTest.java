package dev.qaimport.validate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.AnswerFormat;
import dev.qaimport.ImportOptions;
import dev.qaimport.model.SourceType;
import dev.qaimport.Limits;
import dev.qaimport.parse.internal.ParsedRow;
import dev.qaimport.parse.internal.RecordReader;
import dev.qaimport.parse.internal.RecordReaders;
import dev.qaimport.validate.Sanitizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reading the text of stored HTML answers without jsoup ({@link StoredHtmlText#textOf})
 * gives what jsoup gives, on examples written by hand and on every answer of the real corpus.
 */
class StoredHtmlTextTest {
    private static final Sanitizer HTML = new Sanitizer(AnswerFormat.BASIC_HTML);

    private static void agrees(String stored) {
        assertThat(HtmlCleaner.textOfHtml(stored)).as(stored).isEqualTo(HtmlCleaner.textOfHtmlViaJsoup(stored));
    }

    @Test
    void readsParagraphsListsBreaksAndEntitiesOfStoredAnswers() {
        String stored = HTML.answer("<p>Open <b>Settings</b> &amp; choose:</p><ul><li>Reset</li><li>Save &lt;now&gt;</li></ul>"
                + "Done<br>Bye <a href=\"https://example.com/a?b=1&c=2\">here</a>");
        assertThat(StoredHtmlText.textOf(TextCleaner.filter(stored))).isNotNull();
        assertThat(HtmlCleaner.textOfHtml(stored)).isEqualTo("Open Settings & choose:\n\nReset\nSave < now>\nDone\nBye here");
        agrees(stored);
    }

    @Test
    void dropsTheNewlineThatFollowsPreAsTheParserDoes() {
        String stored = "<pre>\nline one\n  line two</pre>after";
        assertThat(StoredHtmlText.textOf(stored)).isNotNull();
        agrees(stored);
    }

    @Test
    void leavesAnythingButTheSanitizersOwnMarkupToJsoup() {
        for (String other : List.of("<div>a</div>", "a <!-- c --> b", "</p>stray", "<p>a<ul><li>b</li></ul></p>", "<b><i>x</b></i>",
                "&copy; 2024", "&#0;x", "&#x80;", "a < b", "<p>open", "<a href='x>y'>t</a>", "<br/>x</br>")) {
            agrees(other);
        }
        assertThat(StoredHtmlText.textOf("<div>a</div>")).isNull();
        assertThat(StoredHtmlText.textOf("</p>stray")).isNull();
        assertThat(StoredHtmlText.textOf("&copy; 2024")).isNull();
    }

    @Test
    void everyAnswerOfTheRealCorpusReadsAsJsoupReadsIt() throws IOException {
        Path dir = Path.of("src/test/resources/corpus/real");
        int answers = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                SourceType type = SourceType.fromFilename(file.getFileName().toString()).orElse(null);
                if (type == null) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(file);
                        RecordReader reader = RecordReaders.open(in, type, ImportOptions.defaults(), Limits.defaults())) {
                    for (ParsedRow row; (row = reader.next()) != null; ) {
                        if (row.qa() != null && row.qa().answer() != null) {
                            agrees(HTML.answer(row.qa().answer()));
                            answers++;
                        }
                    }
                } catch (RuntimeException e) {
                    // Files whose columns need a mapping are read elsewhere; their answers are not needed here.
                }
            }
        }
        assertThat(answers).isGreaterThan(400);
    }
}
