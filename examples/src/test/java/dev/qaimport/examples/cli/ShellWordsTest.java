package dev.qaimport.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Quoting of the commands the program suggests; {@code CliTest} pastes one into a real shell. */
class ShellWordsTest {
    @Test
    void leavesPlainWordsAloneAndSingleQuotesEverythingElse() {
        assertThat(ShellWords.quote("search")).isEqualTo("search");
        assertThat(ShellWords.quote("--embedding-url")).isEqualTo("--embedding-url");
        assertThat(ShellWords.quote("http://127.0.0.1:8080/v1")).isEqualTo("http://127.0.0.1:8080/v1");
        assertThat(ShellWords.quote("how do I pay?")).isEqualTo("'how do I pay?'");
        assertThat(ShellWords.quote("jdbc:h2:file:/tmp/x;AUTO_SERVER=TRUE")).isEqualTo("'jdbc:h2:file:/tmp/x;AUTO_SERVER=TRUE'");
        assertThat(ShellWords.quote("~/faq")).isEqualTo("'~/faq'");
        assertThat(ShellWords.quote("=ls")).as("zsh expands a leading =").isEqualTo("'=ls'");
        assertThat(ShellWords.quote("")).isEqualTo("''");
    }

    @Test
    void keepsCommandSubstitutionBackticksAndQuotesLiteral() {
        assertThat(ShellWords.quote("$(rm -rf ~)")).isEqualTo("'$(rm -rf ~)'");
        assertThat(ShellWords.quote("`reboot`")).isEqualTo("'`reboot`'");
        assertThat(ShellWords.quote("it's \"fine\"")).isEqualTo("'it'\\''s \"fine\"'");
        assertThat(ShellWords.join(List.of("qa-import", "search", "what's $HOME?"))).isEqualTo("qa-import search 'what'\\''s $HOME?'");
    }

    @Test
    void makesAnArgumentOfUntrustedTextWithoutControlCharacters() {
        assertThat(ShellWords.argument("Reset\npassword?\r\n\tNow \u001b[31mred\u009b2J\u0007", 60)).isEqualTo("Reset password? Now [31mred2J");
        assertThat(ShellWords.argument("abc\u202edef\u2066g", 60)).as("bidirectional controls").isEqualTo("abcdefg");
        assertThat(ShellWords.argument("   \u0000  ", 60)).isEmpty();
    }

    @Test
    void cutsALongQuestionAtAWordBoundaryAndNeverInsideACharacter() {
        String question = "How long does it take for a refund to reach my credit card after the return arrives?";
        assertThat(ShellWords.argument(question, 60)).isEqualTo("How long does it take for a refund to reach my credit card");
        String emoji = "😀".repeat(70);
        assertThat(ShellWords.argument(emoji, 60)).isEqualTo("😀".repeat(60));
    }
}
