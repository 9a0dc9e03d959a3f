package dev.qaimport;

import java.util.Locale;

/** The fields of a QA record that columns or JSON keys map to. */
public enum Field {
    /** The question (required). */
    QUESTION,
    /** The answer (required). */
    ANSWER,
    /** An optional category. */
    CATEGORY,
    /** Optional tags: a list, or one string split on {@code ;}, {@code ,} or {@code |}. */
    TAGS;

    /** The lower-case name used in messages and in {@code --map}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The field named {@code name} ({@code question}, {@code answer}, {@code category},
     * {@code tags}), ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Field parse(String name) {
        for (Field f : values()) {
            if (f.key().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown field '" + name + "' (expected question, answer, category or tags)");
    }
}
