package dev.qaimport.batch.internal;

import dev.qaimport.model.ParsedQA;
import dev.qaimport.parse.internal.ParsedRow;

/** Rough in-memory sizes of rows, used to bound the data in flight. */
final class Sizes {
    private Sizes() {
    }

    static long chars(ParsedRow row) {
        ParsedQA qa = row.qa();
        if (qa == null) {
            return 64;
        }
        long n = 64 + len(qa.question()) + len(qa.answer()) + len(qa.category());
        for (String t : qa.tags()) {
            n += len(t);
        }
        return n;
    }

    private static long len(String s) {
        return s == null ? 0 : s.length();
    }
}
