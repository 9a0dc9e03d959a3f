package dev.qaimport.validate.internal;

import dev.qaimport.validate.QuestionKey;
import dev.qaimport.validate.Sanitizer;
import dev.qaimport.AnswerFormat;
import dev.qaimport.AnswerMarkup;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.RowError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sanitizes and validates one record at a time. Immutable and thread-safe; create one per
 * configuration and share it between threads.
 *
 * <p>Rules, checked on the sanitized values (see {@link Sanitizer}); every broken rule of a row
 * is reported, not only the first:
 * <ul>
 *   <li>question and answer are required: missing, blank, or empty after sanitizing (an answer
 *       of markup only, such as {@code <p><br></p>}, counts as empty) is {@link ErrorCodes#REQUIRED};</li>
 *   <li>question, answer, category and each tag must not exceed their {@link Limits}
 *       ({@link ErrorCodes#TOO_LONG}); lengths count Unicode code points, so an emoji is one
 *       character; an HTML answer is measured as stored, markup and character references
 *       included;</li>
 *   <li>a raw field longer than {@link Limits#maxFieldChars()}, or than ten times its own
 *       limit (at least 1,000), is rejected as {@link ErrorCodes#TOO_LONG} without being
 *       sanitized: parsing hostile markup can cost several times its size in memory;</li>
 *   <li>tags are sanitized, empty ones dropped and duplicates removed ignoring case (the first
 *       spelling wins); more than {@link Limits#maxTags()} remaining is
 *       {@link ErrorCodes#TOO_MANY_TAGS};</li>
 *   <li>a blank category becomes {@code null}.</li>
 * </ul>
 * Errors carry the row, line, field, code, a message naming the limit, and the raw question and
 * answer. When the record comes with a {@link FieldLocator} (a workbook row), the message starts
 * with the field's cell, as in {@code Sheet1!B17: answer is empty}.
 */
public final class RowPreparer {
    private static final int SHOWN_TAG_CHARS = 20;
    private static final int RAW_FACTOR = 10;
    private static final int RAW_FLOOR = 1_000;

    private final Limits limits;
    private final Sanitizer sanitizer;
    private final AnswerMarkup answerMarkup;

    /** A preparer enforcing {@code limits} and sanitizing answers as {@code answerFormat}. */
    public RowPreparer(Limits limits, AnswerFormat answerFormat) {
        this(limits, answerFormat, AnswerMarkup.NONE);
    }

    /**
     * A preparer enforcing {@code limits} that reads answers as {@code answerMarkup} (Markdown is
     * rendered to HTML first) and sanitizes them as {@code answerFormat}.
     */
    public RowPreparer(Limits limits, AnswerFormat answerFormat, AnswerMarkup answerMarkup) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.sanitizer = new Sanitizer(Objects.requireNonNull(answerFormat, "answerFormat"));
        this.answerMarkup = Objects.requireNonNull(answerMarkup, "answerMarkup");
    }

    /** The markup answers are read in. */
    public AnswerMarkup answerMarkup() {
        return answerMarkup;
    }

    /** The limits this preparer enforces. */
    public Limits limits() {
        return limits;
    }

    /** The sanitizer this preparer uses. */
    public Sanitizer sanitizer() {
        return sanitizer;
    }

    /** Sanitizes and validates {@code qa}: either a clean record or every problem found. */
    public Prepared prepare(ParsedQA qa) {
        return prepare(qa, FieldLocator.NONE);
    }

    /**
     * Sanitizes and validates {@code qa}, whose fields are where {@code where} says: each error's
     * message starts with the location of its field, when there is one ({@code Sheet1!B17: }).
     */
    public Prepared prepare(ParsedQA qa, FieldLocator where) {
        Objects.requireNonNull(qa, "qa");
        Errors errors = new Errors(qa, Objects.requireNonNull(where, "where"));

        String question = null;
        if (fieldPresent(qa.question(), "question", limits.maxQuestionLength(), "maxQuestionLength", errors)) {
            question = sanitizer.question(qa.question());
            if (question.isEmpty()) {
                errors.add("question", ErrorCodes.REQUIRED, emptyMessage("question", qa.question()));
            } else {
                checkLength("question", question, limits.maxQuestionLength(), "maxQuestionLength", "", errors);
            }
        }

        String answer = null;
        if (fieldPresent(qa.answer(), "answer", limits.maxAnswerLength(), "maxAnswerLength", errors)) {
            String raw = answerMarkup == AnswerMarkup.MARKDOWN ? MarkdownAnswers.toHtml(qa.answer()) : qa.answer();
            CleanAnswer clean = CleanAnswer.of(raw, sanitizer.answerFormat());
            answer = clean.value();
            if (!clean.hasText()) {
                errors.add("answer", ErrorCodes.REQUIRED, emptyMessage("answer", qa.answer()));
            } else {
                String how = sanitizer.answerFormat() == AnswerFormat.BASIC_HTML && (answer.indexOf('<') >= 0 || answer.indexOf('&') >= 0)
                        ? " as stored (HTML, markup and character references included)" : "";
                checkLength("answer", answer, limits.maxAnswerLength(), "maxAnswerLength", how, errors);
            }
        }

        String category = null;
        if (qa.category() != null
                && withinRawLimit(qa.category(), "category", "category", limits.maxCategoryLength(), "maxCategoryLength", errors)) {
            category = sanitizer.label(qa.category());
            if (category.isEmpty()) {
                category = null;
            } else {
                checkLength("category", category, limits.maxCategoryLength(), "maxCategoryLength", "", errors);
            }
        }

        List<String> tags = tags(qa.tags(), errors);

        if (!errors.isEmpty()) {
            return new Prepared(null, errors.list);
        }
        return new Prepared(new CleanQA(qa.row(), qa.line(), question, answer, category, tags, QuestionKey.of(question)), List.of());
    }

    private List<String> tags(List<String> raw, Errors errors) {
        if (raw.isEmpty()) {
            return List.of();
        }
        Map<String, String> byFold = new LinkedHashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String value = raw.get(i);
            String name = "tag " + (i + 1);
            if (!withinRawLimit(value, name, "tags", limits.maxTagLength(), "maxTagLength", errors)) {
                continue;
            }
            String tag = sanitizer.label(value);
            if (tag.isEmpty()) {
                continue;
            }
            int length = TextCleaner.length(tag);
            if (length > limits.maxTagLength()) {
                errors.add("tags", ErrorCodes.TOO_LONG, name + " ('" + shorten(tag) + "') is " + length
                        + " characters long; the limit is " + limits.maxTagLength() + " (raise Limits.maxTagLength to allow longer tags)");
            }
            byFold.putIfAbsent(CaseFold.fold(tag), tag);
        }
        if (byFold.size() > limits.maxTags()) {
            errors.add("tags", ErrorCodes.TOO_MANY_TAGS, byFold.size() + " tags after removing empty and duplicate ones; the limit is "
                    + limits.maxTags() + " (raise Limits.maxTags or --max-tags to keep more)");
        }
        return List.copyOf(byFold.values());
    }

    private boolean fieldPresent(String raw, String field, int limit, String limitName, Errors errors) {
        if (raw == null) {
            errors.add(field, ErrorCodes.REQUIRED, field + " is missing");
            return false;
        }
        return withinRawLimit(raw, field, field, limit, limitName, errors);
    }

    /**
     * Rejects a raw value too long to be worth sanitizing: longer than
     * {@link Limits#maxFieldChars()}, or than {@value #RAW_FACTOR} times the field's own limit
     * (at least {@value #RAW_FLOOR}). Parsing markup costs memory in proportion to the markup,
     * several times its size for hostile input, so the bound keeps one row's cost in line with
     * what it may store.
     */
    private boolean withinRawLimit(String raw, String name, String field, int limit, String limitName, Errors errors) {
        long derived = Math.max((long) RAW_FACTOR * limit, RAW_FLOOR);
        long max = Math.min(limits.maxFieldChars(), derived);
        if (raw.length() <= max) {
            return true;
        }
        int length = TextCleaner.length(raw);
        if (length <= max) {
            return true;
        }
        String why;
        if (max == limits.maxFieldChars()) {
            why = "the limit is " + max + " (Limits.maxFieldChars)";
        } else if (max == RAW_FLOOR) {
            why = "raw values over " + max + " characters are rejected unread to bound the cost of hostile markup";
        } else {
            why = "raw values over " + max + " characters (" + RAW_FACTOR + " × Limits." + limitName
                    + ") are rejected unread to bound the cost of hostile markup";
        }
        errors.add(field, ErrorCodes.TOO_LONG, name + " is " + length + " characters long before sanitizing; " + why);
        return false;
    }

    private static void checkLength(String field, String value, int limit, String limitName, String how, Errors errors) {
        if (value.length() <= limit) {
            return; // a string of n chars has at most n code points
        }
        int length = TextCleaner.length(value);
        if (length > limit) {
            errors.add(field, ErrorCodes.TOO_LONG, field + " is " + length + " characters long" + how + "; the limit is "
                    + limit + " (raise Limits." + limitName + " to allow longer values)");
        }
    }

    private static String emptyMessage(String field, String raw) {
        if (TextCleaner.clean(raw, TextCleaner.Mode.SINGLE_LINE).isEmpty()) {
            return field + " is empty";
        }
        return field + " is empty after sanitizing (it holds only markup, whitespace or control characters)";
    }

    private static String shorten(String tag) {
        if (tag.codePointCount(0, tag.length()) <= SHOWN_TAG_CHARS) {
            return tag;
        }
        return tag.substring(0, tag.offsetByCodePoints(0, SHOWN_TAG_CHARS)) + "…";
    }

    @Override
    public String toString() {
        return "RowPreparer{answerFormat=" + sanitizer.answerFormat() + ", answerMarkup=" + answerMarkup + ", limits=" + limits + "}";
    }

    /** The problems of one row, each carrying the row's position and raw question and answer. */
    private static final class Errors {
        private final ParsedQA qa;
        private final FieldLocator where;
        private final List<RowError> list = new ArrayList<>(2);

        Errors(ParsedQA qa, FieldLocator where) {
            this.qa = qa;
            this.where = where;
        }

        void add(String field, String code, String message) {
            list.add(new RowError(qa.row(), qa.line(), field, code, where.at(field, message), qa.question(), qa.answer()));
        }

        boolean isEmpty() {
            return list.isEmpty();
        }
    }

    /**
     * The outcome of {@link #prepare}: exactly one of the two is set.
     *
     * @param qa     the clean record, or {@code null}
     * @param errors the problems (non-empty), or an empty list
     */
    public record Prepared(CleanQA qa, List<RowError> errors) {
        public Prepared {
            errors = List.copyOf(errors);
            if ((qa == null) == errors.isEmpty()) {
                throw new IllegalArgumentException("exactly one of qa and errors must be set: qa=" + qa + ", errors=" + errors);
            }
        }

        /** Whether the record is valid. */
        public boolean valid() {
            return qa != null;
        }
    }
}
