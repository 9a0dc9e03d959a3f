package dev.qaimport.validate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class BasicHtmlCleanerTest {

    private static Element body(String html) {
        return Jsoup.parseBodyFragment(html).body();
    }

    private static Element built(String outer, String inner) {
        Element body = Jsoup.parseBodyFragment("").body();
        body.appendElement(outer).appendElement("b").appendElement(inner).appendText("x");
        return body;
    }

    @Test
    void recognisesNestingTheParserWouldNotProduce() {
        assertThat(BasicHtmlCleaner.nestsAsParsed(body("<p>a <b>b</b></p><ul><li>c<ul><li>d</li></ul></li></ul><b><p>e</p></b>"))).isTrue();
        assertThat(BasicHtmlCleaner.nestsAsParsed(built("p", "p"))).isFalse();
        assertThat(BasicHtmlCleaner.nestsAsParsed(built("p", "ul"))).isFalse();
        assertThat(BasicHtmlCleaner.nestsAsParsed(built("p", "blockquote"))).isFalse();
        assertThat(BasicHtmlCleaner.nestsAsParsed(built("a", "a"))).isFalse();
        assertThat(BasicHtmlCleaner.nestsAsParsed(built("li", "li"))).isFalse();
        assertThat(BasicHtmlCleaner.nestsAsParsed(built("li", "ul"))).isTrue();
    }

    @Test
    void cleansAgainWhenLiftingChildrenNestedThemWrongly() {
        String viaObject = HtmlCleaner.basicHtml("<p>a<object><p>b</p></object>c</p>").value();
        assertThat(BasicHtmlCleaner.nestsAsParsed(body(viaObject))).isTrue();
        assertThat(HtmlCleaner.basicHtml(viaObject).value()).isEqualTo(viaObject);

        String viaTable = HtmlCleaner.basicHtml(
                "<a href=\"https://a.example\">x<table><tr><td><a href=\"https://b.example\">y</a></td></tr></table></a>").value();
        assertThat(viaTable).isEqualTo("<a href=\"https://a.example\" rel=\"nofollow noopener noreferrer\">x</a>"
                + "<a href=\"https://b.example\" rel=\"nofollow noopener noreferrer\">y</a>");

        String viaSpan = HtmlCleaner.basicHtml("<ul><li>a<object><li>b</li></object></li></ul>").value();
        assertThat(HtmlCleaner.basicHtml(viaSpan).value()).isEqualTo(viaSpan);
    }

    @Test
    void takesOnePassWhenNothingWasRemoved() {
        String html = "<p>Plain <b>allowed</b> markup</p><ul><li>item</li></ul>";
        assertThat(HtmlCleaner.basicHtml(html).value()).isEqualTo(html);
        assertThat(BasicHtmlCleaner.nestsAsParsed(body(html))).isTrue();
    }
}
