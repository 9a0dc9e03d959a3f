package dev.qaimport.examples.cli;

import java.util.Locale;

/** Parses sizes such as {@code 500m} or {@code 2g}. */
final class Sizes {
    private Sizes() {
    }

    static long parse(String value, String option) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        long factor = 1;
        if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
            factor = v.endsWith("k") ? 1L << 10 : v.endsWith("m") ? 1L << 20 : 1L << 30;
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException(option + " must be a positive size such as 500m or 2g, not '" + value + "'");
        }
    }
}
