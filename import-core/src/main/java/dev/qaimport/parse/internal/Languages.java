package dev.qaimport.parse.internal;

import dev.qaimport.Field;
import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Columns and keys that carry a language suffix: {@code question_th}/{@code answer_th},
 * {@code q_en}/{@code a_en}, {@code Frage-DE}, {@code answer_pt-BR}. The name without its suffix
 * must be an alias of a field, and the suffix two or three letters, optionally followed by a
 * region. Immutable.
 *
 * <p>Such names are used only for fields that no plain alias names. A file holding one language
 * is read without being told; one holding several needs a choice ({@code --language},
 * {@code ImportOptions.Builder.language}), and without it the error lists the languages found.
 */
final class Languages {
    /** A suffixed name: the field its stem names and the language, lower case, region after a {@code -}. */
    record Suffixed(Field field, String language) {
    }

    /** Short words that end column names without being languages. */
    private static final Set<String> NOT_LANGUAGES = Set.of("id", "no", "nr", "uid", "key", "url", "ref", "num", "alt", "raw", "old",
            "new", "src", "md", "txt", "len", "cnt", "sum", "max", "min", "avg", "ok", "v", "x");

    private Languages() {
    }

    /** The field and language of {@code name}, or {@code null} when it is not an alias with a language suffix. */
    static Suffixed match(String name) {
        String n = Aliases.normalize(name);
        String[] words = n.split(" ");
        if (words.length < 2) {
            return null;
        }
        // stem + language, or stem + language + region
        for (int suffixWords = 1; suffixWords <= 2 && suffixWords < words.length; suffixWords++) {
            int stemEnd = words.length - suffixWords;
            String lang = words[stemEnd];
            if (!isLanguage(lang)) {
                continue;
            }
            if (suffixWords == 2 && !isRegion(words[stemEnd + 1])) {
                continue;
            }
            Aliases.Match m = Aliases.matchNormalized(String.join(" ", List.of(words).subList(0, stemEnd)));
            if (m != null) {
                return new Suffixed(m.field(), suffixWords == 1 ? lang : lang + "-" + words[stemEnd + 1]);
            }
        }
        return null;
    }

    private static boolean isLanguage(String w) {
        return (w.length() == 2 || w.length() == 3) && w.chars().allMatch(c -> c >= 'a' && c <= 'z') && !NOT_LANGUAGES.contains(w);
    }

    private static boolean isRegion(String w) {
        return (w.length() == 2 && w.chars().allMatch(c -> c >= 'a' && c <= 'z')) || (w.length() == 3 && w.chars().allMatch(Character::isDigit))
                || (w.length() == 4 && w.chars().allMatch(c -> c >= 'a' && c <= 'z'));
    }

    /**
     * The explicit mapping, extended with the suffixed names of one language for the fields that
     * neither {@code explicit} nor a plain alias names.
     *
     * @param names    the header, or the first record's keys
     * @param language the language chosen, or {@code null}
     * @param where    for messages, e.g. {@code line 1}
     * @throws ImportException {@code MISSING_COLUMNS} when several languages are present and none is
     *                         chosen, or the chosen one is not there
     */
    static Map<Field, String> choose(List<String> names, Map<Field, String> explicit, String language, String where, String kind) {
        boolean[] plain = new boolean[Field.values().length];
        Map<String, Map<Field, String>> byLanguage = new LinkedHashMap<>();
        for (String name : names) {
            Aliases.Match m = Aliases.match(name);
            if (m != null) {
                plain[m.field().ordinal()] = true;
                continue;
            }
            Suffixed s = match(name);
            if (s != null) {
                byLanguage.computeIfAbsent(s.language(), k -> new EnumMap<>(Field.class)).putIfAbsent(s.field(), name);
            }
        }
        boolean needed = false;
        for (Field f : new Field[] {Field.QUESTION, Field.ANSWER}) {
            needed |= !explicit.containsKey(f) && !plain[f.ordinal()];
        }
        if (!needed || byLanguage.isEmpty()) {
            return explicit;
        }
        List<String> complete = new ArrayList<>();
        byLanguage.forEach((lang, fields) -> {
            if ((fields.containsKey(Field.QUESTION) || explicit.containsKey(Field.QUESTION) || plain[Field.QUESTION.ordinal()])
                    && (fields.containsKey(Field.ANSWER) || explicit.containsKey(Field.ANSWER) || plain[Field.ANSWER.ordinal()])) {
                complete.add(lang);
            }
        });
        if (complete.isEmpty()) {
            return explicit;
        }
        String chosen;
        if (language != null) {
            if (!complete.contains(language)) {
                throw new ImportException(ErrorCodes.MISSING_COLUMNS, where + ": no question and answer " + kind + "s for the language "
                        + Text.quote(language) + "; the file has " + describe(complete, byLanguage) + ". Choose one of them with --language "
                        + complete.get(0) + " (ImportOptions.Builder.language)");
            }
            chosen = language;
        } else if (complete.size() == 1) {
            chosen = complete.get(0);
        } else {
            Map<Field, String> firstLang = byLanguage.get(complete.get(0));
            throw new ImportException(ErrorCodes.MISSING_COLUMNS, where + ": the file has questions and answers in " + complete.size()
                    + " languages: " + describe(complete, byLanguage) + ". Choose one with --language " + complete.get(0)
                    + " (ImportOptions.Builder.language(\"" + complete.get(0) + "\")), or map the " + kind + "s with --map question="
                    + firstLang.getOrDefault(Field.QUESTION, "…") + ",answer=" + firstLang.getOrDefault(Field.ANSWER, "…"));
        }
        Map<Field, String> result = new EnumMap<>(Field.class);
        result.putAll(explicit);
        byLanguage.get(chosen).forEach((f, name) -> {
            if (!explicit.containsKey(f) && !plain[f.ordinal()]) {
                result.put(f, name);
            }
        });
        return result;
    }

    private static String describe(List<String> languages, Map<String, Map<Field, String>> byLanguage) {
        List<String> parts = new ArrayList<>();
        for (String lang : languages) {
            parts.add(Text.quote(lang) + " (" + String.join(", ", byLanguage.get(lang).values()) + ")");
        }
        return String.join(", ", parts);
    }
}
