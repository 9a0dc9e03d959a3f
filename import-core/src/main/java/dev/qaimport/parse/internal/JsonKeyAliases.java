package dev.qaimport.parse.internal;

import dev.qaimport.Field;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches the keys of one file's records to fields, by alias or by an alias with a language
 * suffix ({@code q_en}), remembering the match of each key.
 *
 * <p>The language of suffixed keys is the one chosen, else the only one the first record holds;
 * until the first record has been checked a suffixed key of any language matches, so that the
 * check can see them all. For one reader, one thread.
 */
final class JsonKeyAliases {
    /** The rank of a key with a language suffix: behind every plain strong alias, ahead of the weak ones. */
    static final int SUFFIXED = Aliases.WEAK - 1;
    private static final int MAX_CACHED_KEYS = 4096;
    private static final Aliases.Match NO_MATCH = new Aliases.Match(null, Integer.MAX_VALUE);

    // Normalizing a key costs far more than a look-up, and every record repeats the same keys.
    private final Map<String, Aliases.Match> cache = new HashMap<>();
    /** The language suffix read, once chosen or found in the first record; {@code null} before. */
    private String language;
    private final Set<String> firstLanguages = new LinkedHashSet<>();

    /** @param language the language chosen, or {@code null} to take the one the file holds */
    JsonKeyAliases(String language) {
        this.language = language;
    }

    /** The field and rank of {@code key}, or {@code null} when it names none. */
    Aliases.Match match(String key) {
        Aliases.Match m = cache.get(key);
        if (m == null) {
            m = Aliases.match(key);
            if (m == null) {
                Languages.Suffixed s = Languages.match(key);
                if (s != null && (language == null || language.equals(s.language()))) {
                    m = new Aliases.Match(s.field(), SUFFIXED);
                } else {
                    m = NO_MATCH;
                }
            }
            // Bounded: a file with millions of distinct keys (a map keyed by slug) must not grow it.
            if (cache.size() < MAX_CACHED_KEYS) {
                cache.put(key, m);
            }
        }
        return m == NO_MATCH ? null : m;
    }

    /** Notes the language of {@code key}, a suffixed key of the first record. */
    void firstRecordKey(String key) {
        firstLanguages.add(Languages.match(key).language());
    }

    /**
     * Settles the language from the first record, whose keys are {@code keys}: fails with
     * {@code MISSING_COLUMNS} if they hold several languages and none was chosen, or not the one
     * chosen; else keeps to the one they hold. {@code where} names the record in the message.
     */
    void settle(List<String> keys, Map<Field, String> columns, String where) {
        // Called for its check only: the keys are matched here, not through a mapping.
        Languages.choose(keys, columns, language, where, "key");
        if (language == null && firstLanguages.size() == 1) {
            language = firstLanguages.iterator().next();
            // Matches cached so far took a suffix of any language.
            cache.clear();
        }
    }
}
