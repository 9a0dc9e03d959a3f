package dev.qaimport.embed.http.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The packer that cuts a list of inputs into consecutive requests within the provider's limits on inputs
 * and estimated tokens per request. An input that alone exceeds the token limit travels alone, so
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
        int count = 0;
        long sum = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (count > 0 && (count == maxInputs || sum + tokens[i] > maxTokens)) {
                ends.add(i);
                count = 0;
                sum = 0;
            }
            count++;
            sum += tokens[i];
        }
        if (count > 0) {
            ends.add(tokens.length);
        }
        return ends;
    }
}
