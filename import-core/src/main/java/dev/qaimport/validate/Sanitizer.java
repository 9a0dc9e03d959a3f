package dev.qaimport.validate;

import dev.qaimport.AnswerFormat;
import dev.qaimport.validate.internal.CleanAnswer;
import dev.qaimport.validate.internal.HtmlCleaner;
import dev.qaimport.validate.internal.TextCleaner;
import java.util.Objects;

/**
 * Cleans field values with jsoup: questions, categories and tags become plain text; answers keep
 * a safe basic HTML subset or become plain text. Immutable and thread-safe (one reusable jsoup
 * {@code Cleaner}); create one per answer format and share it.
 *
 * <p>Every value is read as HTML: markup is removed (or reduced to the subset), character
 * references are decoded exactly once ({@code Tom &amp; Jerry} becomes {@code Tom & Jerry},
 * {@code &amp;lt;b&amp;gt;} becomes the text {@code &lt;b&gt;}), control characters, bidi
 * overrides and non-characters are removed, whitespace is collapsed and trimmed, and the result
 * is in Unicode NFC. Values holding neither {@code <} nor {@code &} skip the HTML parser, with the
 * same result.
 *
 * <p>Plain-text results (questions, categories, tags, {@link AnswerFormat#PLAIN_TEXT} answers)
 * are text, to be escaped by whoever renders them as HTML. As a second line of defence, a
 * {@code <} in them that an HTML parser would read as the start of markup gets a space after it
 * ({@code &lt;script&gt;} becomes {@code < script>}), so they hold no markup even when rendered
 * carelessly. The full rules are in {@code docs/SANITIZING.md}.
 */
public final class Sanitizer {
    private final AnswerFormat answerFormat;

    /** A sanitizer producing answers in {@code answerFormat}. */
    public Sanitizer(AnswerFormat answerFormat) {
        this.answerFormat = Objects.requireNonNull(answerFormat, "answerFormat");
    }

    /** The format answers are produced in. */
    public AnswerFormat answerFormat() {
        return answerFormat;
    }

    /** The question as plain text on one line; {@code null} gives the empty string. */
    public String question(String raw) {
        return raw == null ? "" : HtmlCleaner.singleLine(raw);
    }

    /**
     * The answer in the configured format; {@code null} gives the empty string.
     *
     * <p>{@link AnswerFormat#BASIC_HTML}: only {@code p br ul ol li b strong i em u code pre
     * blockquote a}; no attributes except {@code href} on {@code a}, which must be an absolute
     * {@code http}, {@code https} or {@code mailto} URL (anything else, relative links included,
     * unwraps the link and keeps its text); every kept link gets
     * {@code rel="nofollow noopener noreferrer"}. Line breaks in the text are kept as {@code \n}
     * characters, so plain multi-line answers keep their lines; whitespace inside {@code <pre>} is
     * kept as it is.
     *
     * <p>{@link AnswerFormat#PLAIN_TEXT}: all markup stripped; {@code <br>}, block ends and line
     * breaks in the text become {@code \n}, paragraphs are separated by a blank line, a safe
     * link's target follows its text in parentheses.
     */
    public String answer(String raw) {
        return raw == null ? "" : cleanAnswer(raw).value();
    }

    /** A category or tag as plain text on one line; {@code null} gives the empty string. */
    public String label(String raw) {
        return raw == null ? "" : HtmlCleaner.singleLine(raw);
    }

    /** The answer and whether it shows any text: an HTML answer can be non-empty yet hold only markup. */
    private CleanAnswer cleanAnswer(String raw) {
        return CleanAnswer.of(raw, answerFormat);
    }

    /**
     * Plain text of an answer sanitized as {@link AnswerFormat#BASIC_HTML} (for embedding and
     * search output): markup removed, character references decoded, {@code <br>} and block ends
     * as line breaks, paragraphs separated by a blank line, link targets left out. An answer
     * sanitized as plain text passes through unchanged except where it holds a character
     * reference, which this method decodes; use {@link #plainText(String, AnswerFormat)} when
     * the format is known. {@code null} gives the empty string.
     */
    public static String plainText(String sanitizedAnswer) {
        return plainText(sanitizedAnswer, AnswerFormat.BASIC_HTML);
    }

    /** Plain text of an answer sanitized in {@code format}: a plain-text answer is returned as it is. */
    public static String plainText(String sanitizedAnswer, AnswerFormat format) {
        Objects.requireNonNull(format, "format");
        if (sanitizedAnswer == null) {
            return "";
        }
        return format == AnswerFormat.PLAIN_TEXT ? sanitizedAnswer : HtmlCleaner.textOfHtml(sanitizedAnswer);
    }

    /** The number of characters in {@code s} as every limit counts them: Unicode code points. */
    static int length(String s) {
        return TextCleaner.length(s);
    }

    @Override
    public String toString() {
        return "Sanitizer{answerFormat=" + answerFormat + "}";
    }
}
