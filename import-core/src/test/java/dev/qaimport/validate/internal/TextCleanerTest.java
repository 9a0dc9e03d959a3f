package dev.qaimport.validate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.validate.internal.TextCleaner.Mode;
import org.junit.jupiter.api.Test;

class TextCleanerTest {

    @Test
    void filterRemovesOnlyForbiddenCharactersAndUnifiesCarriageReturns() {
        assertThat(TextCleaner.filter("a\u0000b\r\nc\rd\u202Ee  \u00A0f\tg")).isEqualTo("ab\nc\nde  \u00A0f\tg");
        String clean = "nothing to do here";
        assertThat(TextCleaner.filter(clean)).isSameAs(clean);
    }

    @Test
    void dropsLoneSurrogatesButKeepsPairs() {
        assertThat(TextCleaner.clean("a\uD83Db\uDE00c😀", Mode.SINGLE_LINE)).isEqualTo("abc😀");
        assertThat(TextCleaner.filter("\uDE00\uD83D😀")).isEqualTo("😀");
    }

    @Test
    void dropsNonCharactersInEveryPlane() {
        assertThat(TextCleaner.clean("a\uDBFF\uDFFFb\uD83F\uDFFEc", Mode.SINGLE_LINE)).isEqualTo("abc");
        assertThat(TextCleaner.isRemoved(0x10FFFF)).isTrue();
        assertThat(TextCleaner.isRemoved(0x1FFFE)).isTrue();
        assertThat(TextCleaner.isRemoved(0x1F600)).isFalse();
    }

    @Test
    void singleLineTurnsEveryWhitespaceRunIntoOneSpace() {
        assertThat(TextCleaner.clean(" \t a \n\n b\u2028c\u0085d\u000Be\u2003f ", Mode.SINGLE_LINE)).isEqualTo("a b c d e f");
    }

    @Test
    void multiLineKeepsAtMostOneBlankLineAndTrimsLines() {
        assertThat(TextCleaner.clean("\n\n  a  \t b  \n  c\n\n\n\nd \r\n\r\n\r\ne\n ", Mode.MULTI_LINE)).isEqualTo("a b\nc\n\nd\n\ne");
    }

    @Test
    void textBetweenTagsKeepsOneSpaceOrLineBreakAtItsEdges() {
        assertThat(TextCleaner.clean("  a  ", Mode.MULTI_LINE_KEEP_EDGES)).isEqualTo(" a ");
        assertThat(TextCleaner.clean(" \n a \n\n\n ", Mode.MULTI_LINE_KEEP_EDGES)).isEqualTo("\na\n\n");
        assertThat(TextCleaner.clean("   ", Mode.MULTI_LINE_KEEP_EDGES)).isEqualTo(" ");
    }

    @Test
    void preformattedKeepsWhitespaceButNotControls() {
        assertThat(TextCleaner.clean("  a\t\u0000b\r\n\n\n  c\u00A0", Mode.PREFORMATTED)).isEqualTo("  a\tb\n\n\n  c ");
    }

    @Test
    void normalizesToNfcAfterRemovingWhatSeparatedAMarkFromItsLetter() {
        assertThat(TextCleaner.clean("e\u0000\u0301", Mode.SINGLE_LINE)).isEqualTo("é");
    }

    @Test
    void neutralizesOnlyWhatAParserWouldReadAsMarkup() {
        assertThat(TextCleaner.neutralizeMarkup("<b> </i> <!-- <? <Z")).isEqualTo("< b> < /i> < !-- < ? < Z");
        String harmless = "3 < 5, <3, <= 2, <é>, <";
        assertThat(TextCleaner.neutralizeMarkup(harmless)).isSameAs(harmless);
    }

    @Test
    void countsCodePoints() {
        assertThat(TextCleaner.length("a😀é")).isEqualTo(3);
    }

    /** Whitespace-heavy text: runs of every kind of space and line break between short words. */
    private static String whitespacey(java.util.Random r) {
        String[] pieces = {" ", "  ", "\t", "\n", "\n\n", "\n\n\n", "\r\n", "\r", " \n", "\n ", "\u00a0", "\u3000", "\u0085",
            "\u2028", "\u000b", "a", "bc", "é", "e\u0301", "日本", "😀", "\ud800", "\u0000", "\u202e", "\ufeff", "x"};
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(pieces[r.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    @org.junit.jupiter.api.Test
    void theReadOnlyFastPathAgreesWithTheFullRewriteInEveryMode() {
        dev.qaimport.testing.Property.forAll(20_000, r -> r.nextBoolean() ? whitespacey(r) : dev.qaimport.testing.Gen.text(r, 30), s -> {
            for (TextCleaner.Mode mode : TextCleaner.Mode.values()) {
                org.assertj.core.api.Assertions.assertThat(TextCleaner.clean(s, mode)).as(mode.name()).isEqualTo(TextCleaner.rewrite(s, mode));
            }
        });
    }

    @org.junit.jupiter.api.Test
    void cleanTextIsReturnedAsTheSameInstance() {
        String clean = "One line.\nAnother line with é and 日本語.\n\nA paragraph.";
        org.assertj.core.api.Assertions.assertThat(TextCleaner.clean(clean, TextCleaner.Mode.MULTI_LINE)).isSameAs(clean);
        org.assertj.core.api.Assertions.assertThat(TextCleaner.clean("a  b", TextCleaner.Mode.SINGLE_LINE)).isEqualTo("a b");
    }
}
