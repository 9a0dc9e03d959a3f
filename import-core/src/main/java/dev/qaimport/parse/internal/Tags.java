package dev.qaimport.parse.internal;

import java.util.ArrayList;
import java.util.List;

/** Splits a tags cell such as {@code "billing; invoices | pdf"} into its tags. */
final class Tags {
    private Tags() {
    }

    /** The tags of {@code raw}, split on {@code ;}, {@code ,} and {@code |}, trimmed, empties dropped. */
    static List<String> split(String raw) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        List<String> tags = null;
        int start = 0;
        int n = raw.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? raw.charAt(i) : ';';
            if (c == ';' || c == ',' || c == '|') {
                int s = start;
                int e = i;
                while (s < e && Character.isWhitespace(raw.charAt(s))) {
                    s++;
                }
                while (e > s && Character.isWhitespace(raw.charAt(e - 1))) {
                    e--;
                }
                if (e > s) {
                    if (tags == null) {
                        tags = new ArrayList<>(4);
                    }
                    tags.add(raw.substring(s, e));
                }
                start = i + 1;
            }
        }
        return tags == null ? List.of() : tags;
    }
}
