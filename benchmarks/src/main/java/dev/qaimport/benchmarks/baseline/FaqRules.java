package dev.qaimport.benchmarks.baseline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Safelist;

/**
 * The sanitizing and validation every validating baseline applies, the same as the library's:
 * questions become plain text and answers keep jsoup's basic safelist (both through
 * {@code Jsoup.clean}), whitespace is collapsed and control characters removed; question and
 * answer are required; question ≤ 1,000, answer ≤ 20,000, category ≤ 200 characters, at most
 * 20 tags of at most 50 characters. The first broken rule is reported. Not thread-safe (it owns
 * a {@link MessageDigest}); use one per thread.
 */
public final class FaqRules {
    static final int MAX_QUESTION = 1_000;
    static final int MAX_ANSWER = 20_000;
    static final int MAX_CATEGORY = 200;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 50;

    private static final Safelist PLAIN = Safelist.none();
    private static final Safelist BASIC = Safelist.basic();
    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    private final MessageDigest sha256;

    /** Rules with their own digest. */
    public FaqRules() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    /** Sanitizes and validates {@code raw}. */
    public Checked check(FaqRow raw) {
        String question = plain(raw.question());
        if (question.isEmpty()) {
            return new RowProblem(raw.row(), raw.line(), "question", "question is required");
        }
        String answer = collapse(Jsoup.clean(raw.answer(), "", BASIC, COMPACT));
        if (answer.isEmpty()) {
            return new RowProblem(raw.row(), raw.line(), "answer", "answer is required");
        }
        if (question.length() > MAX_QUESTION) {
            return new RowProblem(raw.row(), raw.line(), "question", "question is longer than " + MAX_QUESTION + " characters: " + question.length());
        }
        if (answer.length() > MAX_ANSWER) {
            return new RowProblem(raw.row(), raw.line(), "answer", "answer is longer than " + MAX_ANSWER + " characters: " + answer.length());
        }
        String category = label(raw.category());
        if (category.length() > MAX_CATEGORY) {
            return new RowProblem(raw.row(), raw.line(), "category", "category is longer than " + MAX_CATEGORY + " characters: " + category.length());
        }
        List<String> tags = tags(raw.tags());
        if (tags.size() > MAX_TAGS) {
            return new RowProblem(raw.row(), raw.line(), "tags", "more than " + MAX_TAGS + " tags: " + tags.size());
        }
        for (String tag : tags) {
            if (tag.length() > MAX_TAG) {
                return new RowProblem(raw.row(), raw.line(), "tags", "tag is longer than " + MAX_TAG + " characters: " + tag.length());
            }
        }
        return new CleanPair(raw.row(), question, answer, category.isEmpty() ? null : category,
                tags.isEmpty() ? null : String.join(";", tags), key(question));
    }

    /** The duplicate key of a sanitized question. */
    public String key(String question) {
        String folded = collapse(Normalizer.normalize(question, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
        return HexFormat.of().formatHex(sha256.digest(folded.getBytes(StandardCharsets.UTF_8)));
    }

    private static String plain(String raw) {
        return collapse(Parser.unescapeEntities(Jsoup.clean(raw, "", PLAIN, COMPACT), false));
    }

    /** Short labels rarely hold markup; they only go through jsoup when they might. */
    private static String label(String raw) {
        return raw.indexOf('<') >= 0 || raw.indexOf('&') >= 0 ? plain(raw) : collapse(raw);
    }

    private static List<String> tags(String raw) {
        List<String> tags = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= raw.length(); i++) {
            if (i == raw.length() || raw.charAt(i) == ';' || raw.charAt(i) == ',' || raw.charAt(i) == '|') {
                String tag = label(raw.substring(start, i));
                if (!tag.isEmpty()) {
                    tags.add(tag);
                }
                start = i + 1;
            }
        }
        return tags;
    }

    /** Collapses runs of whitespace to one space, drops control characters, trims. */
    static String collapse(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                space = out.length() > 0;
            } else if (!Character.isISOControl(c)) {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
