package dev.qaimport.testing;

import static dev.qaimport.testing.MarkupAssertions.assertNoMarkup;
import static dev.qaimport.testing.MarkupAssertions.assertSafeHtml;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The XSS and property tests are only as good as these checks, so they must catch unsafe output. */
class MarkupAssertionsTest {

    @Test
    void safeHtmlCheckRejectsWhatCouldRunScript() {
        assertThatThrownBy(() -> assertSafeHtml("<img src=x>")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertSafeHtml("<p onclick=\"x\">x</p>")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertSafeHtml("<a href=\"javascript:alert(1)\">x</a>")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertSafeHtml("<a href=\"/relative\">x</a>")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertSafeHtml("<a href=\"https://x\" rel=\"opener\">x</a>")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertSafeHtml("<!-- c -->")).isInstanceOf(AssertionError.class);
        assertThatCode(() -> assertSafeHtml("<p>ok <a href=\"https://x\" rel=\"nofollow noopener noreferrer\">x</a></p>"))
                .doesNotThrowAnyException();
    }

    @Test
    void noMarkupCheckRejectsElementsAndComments() {
        assertThatThrownBy(() -> assertNoMarkup("a <b>b</b>")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertNoMarkup("a <!-- b -->")).isInstanceOf(AssertionError.class);
        assertThatCode(() -> assertNoMarkup("a < b & c > d")).doesNotThrowAnyException();
    }
}
