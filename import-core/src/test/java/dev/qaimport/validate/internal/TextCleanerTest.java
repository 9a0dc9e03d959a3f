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
}
