package dev.qaimport.parse.internal;

import dev.qaimport.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link JsonExtractor} read from one record object: the value, alias rank, presence and
 * error of each field, the schema.org JSON-LD members, and (for the first records only) the keys
 * and sample values. Reusable with {@link #reset}, so a file of a million records fills one
 * holder a million times.
 */
final class JsonRecord {
    private static final int Q = Field.QUESTION.ordinal();
    private static final int A = Field.ANSWER.ordinal();

    long line;
    final String[] values = new String[4];
    final int[] ranks = new int[4];
    final boolean[] seen = new boolean[4];
    final String[] errorCode = new String[4];
    final String[] errorMessage = new String[4];
    List<String> tags;
    String ldName;
    String ldAnswer;
    boolean ldNameCut;
    boolean ldAnswerCut;
    boolean ldAnswerSeen;
    boolean ldQuestionType;
    /** A question or answer key other than a generic word (title, content) was seen. */
    boolean strong;
    boolean weakQuestion;
    boolean weakAnswer;
    /** Top-level keys and scalar values, kept for the first records only (columns, suggestions). */
    List<String> keys;
    List<String> samples;
    /** Chat or instruction members ({@link JsonShapes}), or {@code null}. */
    JsonShapes.Values shape;

    JsonRecord(long line, boolean keepKeys) {
        reset(line, keepKeys);
    }

    void reset(long line, boolean keepKeys) {
        this.line = line;
        Arrays.fill(values, null);
        Arrays.fill(ranks, Integer.MAX_VALUE);
        Arrays.fill(seen, false);
        Arrays.fill(errorCode, null);
        Arrays.fill(errorMessage, null);
        tags = null;
        ldName = null;
        ldAnswer = null;
        ldNameCut = false;
        ldAnswerCut = false;
        ldAnswerSeen = false;
        ldQuestionType = false;
        strong = false;
        weakQuestion = false;
        weakAnswer = false;
        keys = keepKeys ? new ArrayList<>() : null;
        samples = keepKeys ? new ArrayList<>() : null;
        shape = null;
    }

    /** A copy that stays as it is when this holder is reused; the key lists are shared. */
    JsonRecord copy() {
        JsonRecord c = new JsonRecord(line, false);
        System.arraycopy(values, 0, c.values, 0, values.length);
        System.arraycopy(ranks, 0, c.ranks, 0, ranks.length);
        System.arraycopy(seen, 0, c.seen, 0, seen.length);
        System.arraycopy(errorCode, 0, c.errorCode, 0, errorCode.length);
        System.arraycopy(errorMessage, 0, c.errorMessage, 0, errorMessage.length);
        c.tags = tags;
        c.ldName = ldName;
        c.ldAnswer = ldAnswer;
        c.ldNameCut = ldNameCut;
        c.ldAnswerCut = ldAnswerCut;
        c.ldAnswerSeen = ldAnswerSeen;
        c.ldQuestionType = ldQuestionType;
        c.strong = strong;
        c.weakQuestion = weakQuestion;
        c.weakAnswer = weakAnswer;
        c.keys = keys;
        c.samples = samples;
        c.shape = shape;
        return c;
    }

    /**
     * Whether the object looks like a record: it has a question or answer key, or generic
     * keys for both ({@code title} and {@code content}); a lone {@code title} is not enough,
     * as wrappers have titles too.
     */
    boolean matched() {
        return strong || (weakQuestion && weakAnswer);
    }

    boolean hasQuestion() {
        return seen[Q] || jsonLdQuestion() || (shape != null && (shape.chat || shape.instruction != null));
    }

    boolean hasAnswer() {
        return seen[A] || ldAnswerSeen || (shape != null && (shape.chat || shape.output != null));
    }

    /** Whether {@code name} is the question, as in a schema.org {@code Question}. */
    boolean jsonLdQuestion() {
        return ldName != null && (ldAnswerSeen || ldQuestionType);
    }
}
