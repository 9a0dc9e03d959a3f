package dev.qaimport;

import java.util.Objects;

/**
 * Which text of a pair is embedded. The default, {@link #questionAndAnswer()}, embeds the
 * question, a blank line and the answer as plain text, which retrieves well both for queries that
 * paraphrase the question and for queries about details only the answer holds. Immutable.
 */
public final class EmbeddingInput {
    private static final EmbeddingInput QUESTION = new EmbeddingInput("{question}");
    private static final EmbeddingInput QUESTION_AND_ANSWER = new EmbeddingInput("{question}\n\n{answer}");

    private final String template;

    private EmbeddingInput(String template) {
        this.template = template;
    }

    /** The question only. */
    public static EmbeddingInput question() {
        return QUESTION;
    }

    /** The question, a blank line, and the answer as plain text (the default). */
    public static EmbeddingInput questionAndAnswer() {
        return QUESTION_AND_ANSWER;
    }

    /**
     * A template with the placeholders {@code {question}}, {@code {answer}} (plain text),
     * {@code {category}} and {@code {tags}} (comma-separated).
     *
     * @throws IllegalArgumentException if the template has no placeholder
     */
    public static EmbeddingInput template(String template) {
        Objects.requireNonNull(template, "template");
        if (!template.contains("{question}") && !template.contains("{answer}")
                && !template.contains("{category}") && !template.contains("{tags}")) {
            throw new IllegalArgumentException("template has no placeholder ({question}, {answer}, {category}, {tags}): " + template);
        }
        return new EmbeddingInput(template);
    }

    /** The template text. */
    public String template() {
        return template;
    }

    /** Renders the template for one pair; {@code answerText} must already be plain text. */
    public String render(String question, String answerText, String category, java.util.List<String> tags) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open);
            int close = template.indexOf('}', open);
            String value = close < 0 ? null : valueOf(template.substring(open + 1, close), question, answerText, category, tags);
            if (value == null) {
                out.append('{');
                i = open + 1;
            } else {
                out.append(value);
                i = close + 1;
            }
        }
        return out.toString().strip();
    }

    private static String valueOf(String name, String question, String answerText, String category, java.util.List<String> tags) {
        switch (name) {
            case "question":
                return Objects.requireNonNullElse(question, "");
            case "answer":
                return Objects.requireNonNullElse(answerText, "");
            case "category":
                return Objects.requireNonNullElse(category, "");
            case "tags":
                return tags == null ? "" : String.join(", ", tags);
            default:
                return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmbeddingInput && ((EmbeddingInput) o).template.equals(template);
    }

    @Override
    public int hashCode() {
        return template.hashCode();
    }

    @Override
    public String toString() {
        return "EmbeddingInput{" + template.replace("\n", "\\n") + "}";
    }
}
