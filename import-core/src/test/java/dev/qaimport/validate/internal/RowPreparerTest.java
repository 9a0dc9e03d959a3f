package dev.qaimport.validate.internal;

import dev.qaimport.validate.QuestionKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.qaimport.AnswerFormat;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.RowError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowPreparerTest {
    private final RowPreparer preparer = new RowPreparer(Limits.defaults(), AnswerFormat.BASIC_HTML);

    private static ParsedQA row(String question, String answer, String category, String... tags) {
        return new ParsedQA(7, 12, question, answer, category, Arrays.asList(tags));
    }

    private List<RowError> errorsOf(ParsedQA qa) {
        RowPreparer.Prepared prepared = preparer.prepare(qa);
        assertThat(prepared.valid()).as("valid").isFalse();
        assertThat(prepared.qa()).isNull();
        return prepared.errors();
    }

    private CleanQA cleanOf(RowPreparer p, ParsedQA qa) {
        RowPreparer.Prepared prepared = p.prepare(qa);
        assertThat(prepared.errors()).isEmpty();
        assertThat(prepared.valid()).isTrue();
        return prepared.qa();
    }

    @Test
    void cleansEveryFieldOfAValidRow() {
        CleanQA qa = cleanOf(preparer, row("  <b>How do I pay?</b> ", "<p onclick=x>By <em>card</em>.</p>", " <i>Billing</i> ",
                " payments ", "<b>Cards</b>"));
        assertThat(qa.row()).isEqualTo(7);
        assertThat(qa.line()).isEqualTo(12);
        assertThat(qa.question()).isEqualTo("How do I pay?");
        assertThat(qa.answer()).isEqualTo("<p>By <em>card</em>.</p>");
        assertThat(qa.category()).isEqualTo("Billing");
        assertThat(qa.tags()).containsExactly("payments", "Cards");
        assertThat(qa.questionKey()).isEqualTo(QuestionKey.of("How do I pay?"));
    }

    @Test
    void sanitizesAnswersAsPlainTextWhenConfigured() {
        RowPreparer plain = new RowPreparer(Limits.defaults(), AnswerFormat.PLAIN_TEXT);
        assertThat(cleanOf(plain, row("Q?", "<p>One</p><p>Two</p>", null)).answer()).isEqualTo("One\n\nTwo");
    }

    @Test
    void rejectsMissingQuestionAfterSanitizing() {
        assertThat(errorsOf(row("<b></b>", "An answer", null)))
                .extracting(RowError::field, RowError::code, RowError::message)
                .containsExactly(tuple("question", ErrorCodes.REQUIRED,
                        "question is empty after sanitizing (it holds only markup, whitespace or control characters)"));
    }

    @Test
    void messagesStartWithTheLocationOfTheirFieldWhenTheRecordHasOne() {
        FieldLocator cells = field -> field.equals("tags") ? null : "Sheet1!" + field.charAt(0) + "3";
        List<RowError> errors = preparer.prepare(row(" ", "x".repeat(Limits.defaults().maxAnswerLength() + 1), null), cells).errors();
        assertThat(errors).extracting(RowError::field, RowError::line, RowError::message).containsExactly(
                tuple("question", 12L, "Sheet1!q3: question is empty"),
                tuple("answer", 12L, "Sheet1!a3: answer is 20001 characters long; the limit is 20000 (raise Limits.maxAnswerLength to allow longer values)"));
        assertThat(preparer.prepare(row(" ", "a", null), FieldLocator.NONE).errors()).extracting(RowError::message)
                .containsExactly("question is empty");
    }

    @Test
    void rejectsMissingOrBlankQuestionAndAnswer() {
        assertThat(errorsOf(row(null, null, null)))
                .extracting(RowError::field, RowError::code, RowError::message)
                .containsExactly(
                        tuple("question", ErrorCodes.REQUIRED, "question is missing"),
                        tuple("answer", ErrorCodes.REQUIRED, "answer is missing"));
        assertThat(errorsOf(row(" \t\u0000\n ", "\u00A0", null)))
                .extracting(RowError::field, RowError::message)
                .containsExactly(tuple("question", "question is empty"), tuple("answer", "answer is empty"));
    }

    @Test
    void rejectsAnAnswerOfMarkupOnly() {
        assertThat(errorsOf(row("Q?", "<p><br></p><b> </b>", null)))
                .extracting(RowError::field, RowError::code)
                .containsExactly(tuple("answer", ErrorCodes.REQUIRED));
        assertThat(errorsOf(row("Q?", "<script>alert(1)</script>", null)))
                .extracting(RowError::field, RowError::code)
                .containsExactly(tuple("answer", ErrorCodes.REQUIRED));
    }

    @Test
    void reportsEveryProblemOfARow() {
        Limits limits = Limits.defaults().withMaxAnswerLength(10).withMaxCategoryLength(5).withMaxTags(2).withMaxTagLength(4);
        RowPreparer strict = new RowPreparer(limits, AnswerFormat.PLAIN_TEXT);
        List<RowError> errors = strict.prepare(row("<i></i>", "An answer that is too long", "Category", "ok", "toolong", "x", "y"))
                .errors();
        assertThat(errors)
                .extracting(RowError::field, RowError::code, RowError::message)
                .containsExactly(
                        tuple("question", ErrorCodes.REQUIRED,
                                "question is empty after sanitizing (it holds only markup, whitespace or control characters)"),
                        tuple("answer", ErrorCodes.TOO_LONG, "answer is 26 characters long; the limit is 10 (raise Limits.maxAnswerLength to allow longer values)"),
                        tuple("category", ErrorCodes.TOO_LONG, "category is 8 characters long; the limit is 5 (raise Limits.maxCategoryLength to allow longer values)"),
                        tuple("tags", ErrorCodes.TOO_LONG, "tag 2 ('toolong') is 7 characters long; the limit is 4 (raise Limits.maxTagLength to allow longer tags)"),
                        tuple("tags", ErrorCodes.TOO_MANY_TAGS, "4 tags after removing empty and duplicate ones; the limit is 2 (raise Limits.maxTags or --max-tags to keep more)"));
    }

    @Test
    void errorsCarryRowLineAndTheRawValues() {
        RowError error = errorsOf(row("<b></b>", "<p>raw answer</p>", null)).get(0);
        assertThat(error.row()).isEqualTo(7);
        assertThat(error.line()).isEqualTo(12);
        assertThat(error.question()).isEqualTo("<b></b>");
        assertThat(error.answer()).isEqualTo("<p>raw answer</p>");
    }

    @Test
    void acceptsAQuestionExactlyAtTheLimitAndRejectsOneMore() {
        String atLimit = "q".repeat(999) + "?";
        assertThat(cleanOf(preparer, row(atLimit, "a", null)).question()).hasSize(1000);
        assertThat(errorsOf(row(atLimit + "x", "a", null)))
                .extracting(RowError::field, RowError::code, RowError::message)
                .containsExactly(tuple("question", ErrorCodes.TOO_LONG,
                        "question is 1001 characters long; the limit is 1000 (raise Limits.maxQuestionLength to allow longer values)"));
    }

    @Test
    void measuresQuestionsAfterSanitizing() {
        String padded = "<b>" + "q".repeat(1000) + "</b>   \n";
        assertThat(cleanOf(preparer, row(padded, "a", null)).question()).hasSize(1000);
    }

    @Test
    void countsCharactersAsCodePoints() {
        String emoji = "😀".repeat(1000);
        assertThat(emoji).hasSize(2000);
        assertThat(cleanOf(preparer, row(emoji, "a", null)).question()).isEqualTo(emoji);
        assertThat(errorsOf(row(emoji + "😀", "a", null)))
                .extracting(RowError::message)
                .containsExactly("question is 1001 characters long; the limit is 1000 (raise Limits.maxQuestionLength to allow longer values)");
    }

    @Test
    void acceptsAnAnswerExactlyAtTheLimitAndRejectsOneMore() {
        String atLimit = "a".repeat(20_000);
        assertThat(cleanOf(preparer, row("Q?", atLimit, null)).answer()).hasSize(20_000);
        assertThat(errorsOf(row("Q?", atLimit + "b", null)))
                .extracting(RowError::field, RowError::code, RowError::message)
                .containsExactly(tuple("answer", ErrorCodes.TOO_LONG,
                        "answer is 20001 characters long; the limit is 20000 (raise Limits.maxAnswerLength to allow longer values)"));
    }

    @Test
    void measuresHtmlAnswersWithTheirMarkup() {
        RowPreparer small = new RowPreparer(Limits.defaults().withMaxAnswerLength(12), AnswerFormat.BASIC_HTML);
        assertThat(cleanOf(small, row("Q?", "<b>12345</b>", null)).answer()).isEqualTo("<b>12345</b>");
        assertThat(small.prepare(row("Q?", "<b>123456</b>", null)).errors())
                .extracting(RowError::message)
                .containsExactly("answer is 13 characters long as stored (HTML, markup and character references included); "
                        + "the limit is 12 (raise Limits.maxAnswerLength to allow longer values)");
        RowPreparer plain = new RowPreparer(Limits.defaults().withMaxAnswerLength(6), AnswerFormat.PLAIN_TEXT);
        assertThat(cleanOf(plain, row("Q?", "<b>123456</b>", null)).answer()).isEqualTo("123456");
    }

    @Test
    void acceptsCategoryAndTagsExactlyAtTheirLimits() {
        String category = "c".repeat(200);
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tags.add(String.format("%02d", i) + "t".repeat(48));
        }
        CleanQA qa = cleanOf(preparer, new ParsedQA(1, 1, "Q?", "A", category, tags));
        assertThat(qa.category()).isEqualTo(category);
        assertThat(qa.tags()).hasSize(20).allSatisfy(t -> assertThat(t).hasSize(50));

        List<String> oneTooMany = new ArrayList<>(tags);
        oneTooMany.add("extra");
        assertThat(errorsOf(new ParsedQA(1, 1, "Q?", "A", category + "c", oneTooMany)))
                .extracting(RowError::field, RowError::code, RowError::message)
                .containsExactly(
                        tuple("category", ErrorCodes.TOO_LONG, "category is 201 characters long; the limit is 200 (raise Limits.maxCategoryLength to allow longer values)"),
                        tuple("tags", ErrorCodes.TOO_MANY_TAGS, "21 tags after removing empty and duplicate ones; the limit is 20 (raise Limits.maxTags or --max-tags to keep more)"));
        assertThat(errorsOf(row("Q?", "A", null, "t".repeat(51))))
                .extracting(RowError::message)
                .containsExactly("tag 1 ('tttttttttttttttttttt…') is 51 characters long; the limit is 50 (raise Limits.maxTagLength to allow longer tags)");
    }

    @Test
    void deduplicatesTagsIgnoringCaseAndKeepsTheFirstSpelling() {
        CleanQA qa = cleanOf(preparer, row("Q?", "A", null, "Billing", "billing", " BILLING ", "Straße", "STRASSE", "ｂｉｌｌｉｎｇ", "Refunds"));
        assertThat(qa.tags()).containsExactly("Billing", "Straße", "Refunds");
    }

    @Test
    void sanitizesTagsAndDropsEmptyOnes() {
        CleanQA qa = cleanOf(preparer, row("Q?", "A", null, "", "  ", "<b></b>", "<i>new</i>\u0000  user", "&amp;co"));
        assertThat(qa.tags()).containsExactly("new user", "&co");
    }

    @Test
    void emptyTagsDoNotCountTowardsTheLimit() {
        RowPreparer oneTag = new RowPreparer(Limits.defaults().withMaxTags(1), AnswerFormat.BASIC_HTML);
        assertThat(cleanOf(oneTag, row("Q?", "A", null, "", "tag", "TAG", " ")).tags()).containsExactly("tag");
    }

    @Test
    void turnsABlankCategoryIntoNull() {
        assertThat(cleanOf(preparer, row("Q?", "A", "  <br> ")).category()).isNull();
        assertThat(cleanOf(preparer, row("Q?", "A", null)).category()).isNull();
    }

    @Test
    void rejectsAnOversizedRawFieldWithoutSanitizingIt() {
        RowPreparer small = new RowPreparer(Limits.defaults().withMaxFieldChars(10), AnswerFormat.BASIC_HTML);
        assertThat(small.prepare(row("<b>12345678</b>", "short", "categories", "tag-of-eleven")).errors())
                .extracting(RowError::field, RowError::code, RowError::message)
                .containsExactly(
                        tuple("question", ErrorCodes.TOO_LONG, "question is 15 characters long before sanitizing; the limit is 10 (Limits.maxFieldChars)"),
                        tuple("tags", ErrorCodes.TOO_LONG, "tag 1 is 13 characters long before sanitizing; the limit is 10 (Limits.maxFieldChars)"));
    }

    @Test
    void acceptsMarkupHeavyValuesUpToTenTimesTheirLimit() {
        RowPreparer small = new RowPreparer(Limits.defaults().withMaxAnswerLength(200), AnswerFormat.BASIC_HTML);
        String bloated = "<span></span>".repeat(153) + "x";
        assertThat(bloated).hasSize(1990);
        assertThat(cleanOf(small, row("Q?", bloated, null)).answer()).isEqualTo("x");
        assertThat(small.prepare(row("Q?", "<span></span>".repeat(154) + "x", null)).errors())
                .extracting(RowError::field, RowError::code, RowError::message)
                .containsExactly(tuple("answer", ErrorCodes.TOO_LONG, "answer is 2003 characters long before sanitizing; "
                        + "raw values over 2000 characters (10 × Limits.maxAnswerLength) are rejected unread to bound the cost of hostile markup"));
        assertThat(errorsOf(row("Q?", "A", null, "<i></i>".repeat(143))))
                .extracting(RowError::message)
                .containsExactly("tag 1 is 1001 characters long before sanitizing; "
                        + "raw values over 1000 characters are rejected unread to bound the cost of hostile markup");
    }

    @Test
    void givesTheSameKeyToQuestionsThatDifferOnlyInMarkupAndSpacing() {
        String a = cleanOf(preparer, row("<p>How do I  reset my password?</p>", "A", null)).questionKey();
        String b = cleanOf(preparer, row("how do i reset my PASSWORD", "A", null)).questionKey();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void validatesItsArguments() {
        assertThatThrownBy(() -> new RowPreparer(null, AnswerFormat.BASIC_HTML)).hasMessage("limits");
        assertThatThrownBy(() -> new RowPreparer(Limits.defaults(), null)).hasMessage("answerFormat");
        assertThatThrownBy(() -> preparer.prepare(null)).hasMessage("qa");
        assertThatThrownBy(() -> new RowPreparer.Prepared(null, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("exactly one of qa and errors must be set");
    }

    @Test
    void exposesItsConfiguration() {
        assertThat(preparer.limits()).isEqualTo(Limits.defaults());
        assertThat(preparer.sanitizer().answerFormat()).isEqualTo(AnswerFormat.BASIC_HTML);
    }
}
