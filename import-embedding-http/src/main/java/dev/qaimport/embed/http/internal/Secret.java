package dev.qaimport.embed.http.internal;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A credential (an API key) that never shows itself: {@link #toString()} is {@code ****}, and
 * {@link #redact(String)} scrubs it, and the fragments providers echo back, out of any text.
 */
public final class Secret {
    /** What a secret looks like wherever it would have appeared. */
    public static final String MASK = "****";

    // Key-shaped words ("sk-proj-abc…", "key_…") and masked echoes ("sk-****…wxyz"): providers
    // echo a key's prefix and last characters in 401 messages, which is enough to identify it.
    private static final Pattern KEY_LIKE = Pattern.compile("(?i)(?<![\\w-])(?:sk|pk|rk|key)[-_](?=[\\w*.\\-]*[\\d*])[\\w*.\\-]{8,}");
    private static final Pattern MASKED = Pattern.compile("[^\\s\"',;()\\[\\]{}]*\\*{3,}[^\\s\"',;()\\[\\]{}]*");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");
    private static final Pattern WORD = Pattern.compile("[^\\s\"',;()\\[\\]{}<>]+");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps {@code value}.
     *
     * @throws IllegalArgumentException if it is blank (the message never repeats it)
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "apiKey");
        if (value.isBlank()) {
            throw new IllegalArgumentException("apiKey is blank");
        }
        return new Secret(value.strip());
    }

    /** The credential itself, for the one place that puts it in a request header. */
    public String reveal() {
        return value;
    }

    /** {@code text} without this secret, without recognisable fragments of it and without other key-shaped words. */
    public String redact(String text) {
        return redact(text, this);
    }

    /** {@code text} without {@code secret} (may be null) and without anything key-shaped. */
    public static String redact(String text, Secret secret) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (secret != null) {
            out = out.replace(secret.value, MASK);
            out = dropFragments(out, secret.value);
        }
        out = BEARER.matcher(out).replaceAll("$1" + MASK);
        out = KEY_LIKE.matcher(out).replaceAll(MASK);
        out = MASKED.matcher(out).replaceAll(MASK);
        return out;
    }

    private static String dropFragments(String text, String key) {
        if (key.length() < 12) {
            return text;
        }
        String head = key.substring(0, Math.min(10, key.length() / 2));
        String tail = key.substring(key.length() - 6);
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String word = m.group();
            boolean leaks = word.contains(tail) || (key.length() >= 20 && word.contains(head));
            m.appendReplacement(out, Matcher.quoteReplacement(leaks ? MASK : word));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
