package dev.qaimport.parse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AliasesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'  Question  '|question", "\uFEFFanswer|answer", "Çözüm:|çözüm", "(Category)|category", "QUESTION_TEXT|question text",
        "question--text|question text", "mots-clés|mots clés", "@type|type", "*Tags*|tags", "Ｑｕｅｓｔｉｏｎ|question", "faq.answer|faq answer"})
    void normalizesCaseSeparatorsEdgesAndWidth(String name, String normalized) {
        assertThat(Aliases.normalize(name)).isEqualTo(normalized);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Frage,QUESTION", "RESPUESTA,ANSWER", "질문,QUESTION", "答案,ANSWER", "Kategorie,CATEGORY", "keywords,TAGS", "Title,QUESTION"})
    void matchesAliasesOfEveryField(String name, Field field) {
        assertThat(Aliases.match(name).field()).isEqualTo(field);
    }

    @Test
    void genericWordsRankBelowRealAliases() {
        assertThat(Aliases.match("title").rank()).isGreaterThanOrEqualTo(Aliases.WEAK);
        assertThat(Aliases.match("q").rank()).isLessThan(Aliases.WEAK);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"faq_id", "question_id", "id", "type", "source", "owner", "page"})
    void identifiersAndOtherColumnsMatchNothing(String name) {
        assertThat(Aliases.match(name)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"question_en,QUESTION", "q_fr,QUESTION", "Respuesta1,ANSWER", "answer dk,ANSWER", "a_en,ANSWER"})
    void guessesFieldsFromNamesThatContainAnAlias(String name, Field field) {
        assertThat(Aliases.guess(name)).isEqualTo(field);
    }

    @Test
    void guessesNothingForUnrelatedNames() {
        assertThat(Aliases.guess("Gatillo")).isNull();
        assertThat(Aliases.guess("faq_id")).isNull();
    }

    @Test
    void recognisesIdentifierColumns() {
        assertThat(Aliases.idLike("faq_id")).isTrue();
        assertThat(Aliases.idLike("#")).isTrue();
        assertThat(Aliases.idLike("ID")).isTrue();
        assertThat(Aliases.idLike("question")).isFalse();
    }
}
