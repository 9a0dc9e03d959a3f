package dev.qaimport.parse.internal;

import dev.qaimport.Field;
import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which column of a header holds which {@link Field}: explicit names from the options first, then
 * aliases. Resolved once per file, so records are read by index.
 *
 * <p>An explicit name matches a column whose name is equal to it (after stripping a BOM and
 * surrounding spaces), then one whose name is equal ignoring case and punctuation at the ends,
 * then {@code #N}, the N-th column counted from 1 (for files whose headers repeat or are empty).
 */
final class ColumnMapping {
    private static final int SHOWN_ALIASES = 14;

    private final int[] index = new int[Field.values().length];

    private ColumnMapping() {
        java.util.Arrays.fill(index, -1);
    }

    /** The column of {@code field}, or -1. */
    int index(Field field) {
        return index[field.ordinal()];
    }

    /** The field read from column {@code column}, or {@code null}. */
    Field fieldOf(int column) {
        for (Field f : Field.values()) {
            if (index[f.ordinal()] == column) {
                return f;
            }
        }
        return null;
    }

    /** What a missing required field needs, for the error; {@code null} when both are there. */
    List<Field> missing() {
        List<Field> missing = new ArrayList<>(2);
        if (index(Field.QUESTION) < 0) {
            missing.add(Field.QUESTION);
        }
        if (index(Field.ANSWER) < 0) {
            missing.add(Field.ANSWER);
        }
        return missing;
    }

    /**
     * Maps {@code header} (the raw names, as in the file) using {@code explicit} names first.
     *
     * @param where "line 1" or similar, for messages
     * @throws ImportException {@code MISSING_COLUMNS} when an explicit name matches no column or a
     *                         required field is ambiguous (its name appears twice)
     */
    static ColumnMapping resolve(List<String> header, Map<Field, String> explicit, String where) {
        ColumnMapping m = new ColumnMapping();
        boolean[] taken = new boolean[header.size()];
        for (Map.Entry<Field, String> e : explicit.entrySet()) {
            int i = explicitIndex(header, e.getKey(), e.getValue(), where);
            m.index[e.getKey().ordinal()] = i;
            taken[i] = true;
        }
        String[] normalized = new String[header.size()];
        for (int i = 0; i < header.size(); i++) {
            normalized[i] = Aliases.normalize(header.get(i));
        }
        for (Field f : Field.values()) {
            if (explicit.containsKey(f)) {
                continue;
            }
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            int twin = -1;
            for (int i = 0; i < header.size(); i++) {
                if (taken[i]) {
                    continue;
                }
                Aliases.Match match = Aliases.matchNormalized(normalized[i]);
                if (match == null || match.field() != f) {
                    continue;
                }
                if (match.rank() < bestRank) {
                    best = i;
                    bestRank = match.rank();
                    twin = -1;
                } else if (match.rank() == bestRank && twin < 0) {
                    twin = i;
                }
            }
            if (best >= 0 && twin >= 0 && (f == Field.QUESTION || f == Field.ANSWER)) {
                throw new ImportException(ErrorCodes.MISSING_COLUMNS, where + ": the " + f.key() + " column is ambiguous: columns "
                        + (best + 1) + " (" + Text.quote(header.get(best)) + ") and " + (twin + 1) + " (" + Text.quote(header.get(twin))
                        + ") both name it. Rename one, or choose one with --map " + f.key() + "=#" + (best + 1)
                        + " (ImportOptions.Builder.column(Field." + f.name() + ", \"#" + (best + 1) + "\"))");
            }
            if (best >= 0) {
                m.index[f.ordinal()] = best;
                taken[best] = true;
            }
        }
        return m;
    }

    private static int explicitIndex(List<String> header, Field field, String name, String where) {
        String wanted = name.strip();
        int found = find(header, wanted, true);
        if (found == -2) {
            throw ambiguousExplicit(header, field, wanted, where);
        }
        if (found < 0) {
            found = find(header, wanted, false);
            if (found == -2) {
                throw ambiguousExplicit(header, field, wanted, where);
            }
        }
        if (found < 0 && wanted.length() > 1 && wanted.charAt(0) == '#') {
            try {
                int n = Integer.parseInt(wanted.substring(1));
                if (n >= 1 && n <= header.size()) {
                    found = n - 1;
                }
            } catch (NumberFormatException e) {
                // Not a column number: falls through to "not found".
            }
        }
        if (found < 0) {
            throw new ImportException(ErrorCodes.MISSING_COLUMNS, where + ": no column " + Text.quote(wanted) + " for " + field.key()
                    + " (given with --map / ImportOptions.column). Columns found: " + Text.quoteAll(header, 50)
                    + ". Name one of them, or #N for the N-th column");
        }
        return found;
    }

    private static ImportException ambiguousExplicit(List<String> header, Field field, String wanted, String where) {
        return new ImportException(ErrorCodes.MISSING_COLUMNS, where + ": the column " + Text.quote(wanted) + " given for "
                + field.key() + " appears more than once in the header " + Text.quoteAll(header, 50)
                + "; choose one by position with --map " + field.key() + "=#N (N counted from 1)");
    }

    /** The index of the one column named {@code wanted}; -1 if none, -2 if several. */
    private static int find(List<String> header, String wanted, boolean exact) {
        String norm = exact ? null : Aliases.normalize(wanted);
        int found = -1;
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            boolean eq = exact ? clean(h).equals(wanted) : (clean(h).equalsIgnoreCase(wanted) || (!norm.isEmpty() && Aliases.normalize(h).equals(norm)));
            if (eq) {
                if (found >= 0) {
                    return -2;
                }
                found = i;
            }
        }
        return found;
    }

    private static String clean(String h) {
        String s = h;
        if (!s.isEmpty() && s.charAt(0) == '\ufeff') {
            s = s.substring(1);
        }
        return s.strip();
    }

    /**
     * The error for a header lacking a required field: the columns found, the {@code --map} that
     * would most plausibly fix it, and the names recognised without one.
     *
     * @param samples a few records after the header (may be empty), to guess from their content
     * @param kind    "column" or "key"
     */
    static ImportException missing(List<String> header, ColumnMapping m, List<List<String>> samples, String where, String kind) {
        return missing(header, m, m.missing(), samples, where, kind);
    }

    /**
     * The error for a JSON record lacking a key for a required field, with the keys found in it
     * and a suggested {@code --map}.
     */
    static ImportException missingKeys(List<String> keys, List<String> values, List<Field> missing, Map<Field, String> explicit, String where) {
        ColumnMapping m = new ColumnMapping();
        for (Field f : Field.values()) {
            String name = explicit.get(f);
            int i = name == null ? -1 : keys.indexOf(name);
            if (i >= 0) {
                m.index[f.ordinal()] = i;
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            Aliases.Match a = Aliases.match(keys.get(i));
            if (a != null && m.index[a.field().ordinal()] < 0 && !explicit.containsKey(a.field())) {
                m.index[a.field().ordinal()] = i;
            }
        }
        return missing(keys, m, missing, List.of(values), where, "key");
    }

    private static ImportException missing(List<String> header, ColumnMapping m, List<Field> missing, List<List<String>> samples,
            String where, String kind) {
        int q = m.index(Field.QUESTION);
        int a = m.index(Field.ANSWER);
        boolean[] taken = new boolean[header.size()];
        for (Field f : Field.values()) {
            if (m.index(f) >= 0) {
                taken[m.index(f)] = true;
            }
        }
        if (q < 0) {
            q = guessByName(header, Field.QUESTION, taken);
        }
        if (a < 0) {
            a = guessByName(header, Field.ANSWER, taken);
        }
        // A header whose names say nothing (Column1, Column2) gets the first row shown.
        boolean namesNothing = q < 0 || a < 0;
        if (q < 0) {
            q = guessQuestionByContent(header, samples, taken);
        }
        if (a < 0) {
            a = guessAnswerByContent(header, samples, taken);
        }
        StringBuilder b = new StringBuilder(where).append(": no ").append(kind).append(" for ");
        for (int i = 0; i < missing.size(); i++) {
            b.append(i == 0 ? "" : " or ").append(missing.get(i).key());
        }
        b.append(". ").append(Character.toUpperCase(kind.charAt(0))).append(kind.substring(1)).append("s found: ")
                .append(header.isEmpty() ? "none" : Text.quoteAll(header, 50)).append('.');
        if (namesNothing && kind.equals("column") && !samples.isEmpty() && !samples.get(0).isEmpty()) {
            firstRow(b, samples.get(0));
        }
        if (q >= 0 && a >= 0) {
            b.append(" To import it, map them: --map ").append(mapArgument(header, q, a))
                    .append(" (ImportOptions.Builder.column(Field.QUESTION, ").append(javaString(header.get(q)))
                    .append(").column(Field.ANSWER, ").append(javaString(header.get(a))).append(")).");
        } else {
            b.append(" Map them with --map question=NAME,answer=NAME (ImportOptions.Builder.column).");
        }
        for (Field f : missing) {
            b.append(" Recognised names for ").append(f.key()).append(": ");
            List<String> names = Aliases.names(f);
            for (int i = 0; i < Math.min(SHOWN_ALIASES, names.size()); i++) {
                b.append(i == 0 ? "" : ", ").append(names.get(i));
            }
            b.append(" … (see docs/PARSING.md).");
        }
        return new ImportException(ErrorCodes.MISSING_COLUMNS, b.toString());
    }

    /**
     * Shows the first record's values, for headers that name nothing ({@code Column1,Column2}), and
     * says so when that record itself names the question and answer: the file then has a title
     * line above its header, or a second header line.
     */
    private static void firstRow(StringBuilder b, List<String> row) {
        b.append(" The first row after it holds: ").append(Text.quoteAll(row, 10)).append('.');
        int q = -1;
        int a = -1;
        for (int i = 0; i < row.size(); i++) {
            Aliases.Match m = Aliases.match(row.get(i));
            if (m != null && m.field() == Field.QUESTION && q < 0) {
                q = i;
            } else if (m != null && m.field() == Field.ANSWER && a < 0) {
                a = i;
            }
        }
        if (q >= 0 && a >= 0) {
            b.append(" That row names the question (").append(Text.quote(row.get(q))).append(") and the answer (")
                    .append(Text.quote(row.get(a))).append("): the file seems to have a title line above its header, or two header lines. "
                    + "Delete the line above that row, or map by position with --map question=#").append(q + 1).append(",answer=#")
                    .append(a + 1).append(" and expect that row to be imported too.");
        }
    }

    private static String mapArgument(List<String> header, int q, int a) {
        String qn = mapName(header, q);
        String an = mapName(header, a);
        String arg = "question=" + qn + ",answer=" + an;
        boolean plain = arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '=' || c == ',' || c == '_' || c == '-' || c == '.' || c == '#');
        return plain ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    private static String mapName(List<String> header, int i) {
        String n = clean(header.get(i));
        // A name the --map syntax cannot carry, or one that repeats, is given by position.
        if (n.isEmpty() || n.indexOf(',') >= 0 || n.indexOf('=') >= 0 || find(header, n, true) == -2) {
            return "#" + (i + 1);
        }
        return n;
    }

    private static String javaString(String s) {
        return "\"" + clean(s).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static int guessByName(List<String> header, Field f, boolean[] taken) {
        for (int i = 0; i < header.size(); i++) {
            if (!taken[i] && Aliases.guess(header.get(i)) == f) {
                taken[i] = true;
                return i;
            }
        }
        return -1;
    }

    private static int guessQuestionByContent(List<String> header, List<List<String>> samples, boolean[] taken) {
        int best = -1;
        int bestMarks = 0;
        for (int i = 0; i < header.size(); i++) {
            if (taken[i] || Aliases.idLike(header.get(i)) || codeLike(samples, i)) {
                continue;
            }
            int marks = 0;
            for (List<String> r : samples) {
                String v = i < r.size() ? r.get(i).strip() : "";
                if (v.endsWith("?") || v.endsWith("？") || v.endsWith("؟")) {
                    marks++;
                }
            }
            if (best < 0 || marks > bestMarks) {
                best = i;
                bestMarks = marks;
            }
        }
        if (best >= 0) {
            taken[best] = true;
        }
        return best;
    }

    private static int guessAnswerByContent(List<String> header, List<List<String>> samples, boolean[] taken) {
        int best = -1;
        long bestLength = -1;
        for (int i = 0; i < header.size(); i++) {
            if (taken[i] || Aliases.idLike(header.get(i)) || codeLike(samples, i)) {
                continue;
            }
            long length = 0;
            for (List<String> r : samples) {
                length += i < r.size() ? r.get(i).length() : 0;
            }
            if (length > bestLength) {
                best = i;
                bestLength = length;
            }
        }
        if (best >= 0) {
            taken[best] = true;
        }
        return best;
    }

    /**
     * Whether every sampled value of column {@code i} is a short code such as {@code faq_001} or
     * {@code 12}: one word of ASCII letters, digits, {@code _ - .} with a digit in at least one.
     */
    private static boolean codeLike(List<List<String>> samples, int i) {
        boolean digit = false;
        for (List<String> r : samples) {
            String v = i < r.size() ? r.get(i).strip() : "";
            if (v.length() > 24) {
                return false;
            }
            for (int k = 0; k < v.length(); k++) {
                char c = v.charAt(k);
                if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.'))) {
                    return false;
                }
                digit |= Character.isDigit(c);
            }
        }
        return digit;
    }
}
