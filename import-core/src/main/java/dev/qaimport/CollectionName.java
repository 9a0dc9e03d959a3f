package dev.qaimport;

import java.util.regex.Pattern;

/**
 * The rules for collection names. A collection is one knowledge base: every job and pair belongs
 * to exactly one, and duplicate detection, search, job listings and re-embedding work within it.
 * A name is 1 to {@value #MAX_LENGTH} characters: ASCII letters, digits, {@code .}, {@code _} and
 * {@code -}, starting with a letter or a digit; names are compared exactly, case included. Names
 * are always passed to the database as bound parameters, never as SQL text.
 */
public final class CollectionName {
    /** The collection of jobs and pairs that name none, and of everything stored before collections existed. */
    public static final String DEFAULT = "default";
    /** The longest name. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private CollectionName() {
    }

    /**
     * Returns {@code name} if it is a valid collection name.
     *
     * @throws IllegalArgumentException saying what is wrong with it, the name shown with control
     *                                  characters escaped and cut to a readable length
     */
    public static String check(String name) {
        if (name == null) {
            throw new IllegalArgumentException("collection name is missing");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("collection name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("collection name is longer than " + MAX_LENGTH + " characters (" + name.length()
                    + "): " + shown(name));
        }
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("collection name " + shown(name) + " is not valid: use ASCII letters, digits, "
                    + "'.', '_' and '-', starting with a letter or a digit");
        }
        return name;
    }

    /** The name quoted for a message: control and non-ASCII characters as {@code \\uXXXX}, at most 80 characters. */
    private static String shown(String name) {
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(name.length(), 80);
        for (int i = 0; i < limit; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(name.length() > limit ? "…\"" : "\"").toString();
    }
}
