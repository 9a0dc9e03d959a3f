package dev.qaimport.embed.http.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The packer that cuts a list of inputs into consecutive requests within the provider's limits on inputs
 * and estimated tokens per request, and within what the rate limit can take at the moment. An input that alone exceeds the token limit travels alone, so
 * that a rejection names it.
 */
public final class RequestPacker {
    private RequestPacker() {
    }

    /**
     * The end offsets (exclusive) of consecutive requests over {@code tokens}, one entry per input.
     */
    public static List<Integer> pack(int[] tokens, int maxInputs, long maxTokens) {
        List<Integer> ends = new ArrayList<>();
        for (int from = 0; from < tokens.length; from = ends.get(ends.size() - 1)) {
            ends.add(end(tokens, from, maxInputs, maxTokens, Double.POSITIVE_INFINITY, 1));
        }
        return ends;
    }

    /**
     * The end (exclusive) of the next request from {@code from}: at most {@code maxInputs} inputs
     * and {@code maxTokens} estimated tokens, and at most {@code budget} once the estimates are
     * scaled by {@code ratio}; always at least one input.
     */
    public static int end(int[] tokens, int from, int maxInputs, long maxTokens, double budget, double ratio) {
        int end = from;
        long sum = 0;
        while (end < tokens.length && end - from < maxInputs) {
            long next = sum + tokens[end];
            if (end > from && (next > maxTokens || next * ratio > budget)) {
                break;
            }
            sum = next;
            end++;
        }
        return end;
    }
}
