package dev.qaimport.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random input generators for {@link Property}, biased towards the characters that break parsers and sanitizers. */
public final class Gen {
    private static final String[] NASTY = {",", ";", "\t", "|", "\"", "'", "\\", "\n", "\r\n", "\r", " ", "  ", "<", ">", "&",
        "&amp;", "&lt;", "&#x3C;", "{", "}", "[", "]", ":", "=", "+", "-", "@", "\u0000", "\u001b", "\u00a0", "\u200b", "\u200d",
        "\u202e", "\u2028", "\ufeff", "😀", "👩‍👩‍👧", "é", "e\u0301", "ß", "İ", "日本語", "한국어", "עברית", "العربية", "null", "true", "1e9"};
    private static final String[] TAGS = {"<b>", "</b>", "<p>", "</p>", "<script>", "</script>", "<a href=\"javascript:x()\">", "</a>",
        "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<br>", "<ul><li>", "</li></ul>", "<!--", "-->", "<![CDATA[",
        "<style>", "</style>", "<iframe src=//x>", "<", ">", "<a href=\"https://example.com\">"};

    private Gen() {
    }

    /** A string of up to {@code maxLength} pieces: letters, nasty characters and markup. */
    public static String text(Random r, int maxLength) {
        int pieces = r.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            int kind = r.nextInt(10);
            if (kind < 5) {
                sb.append((char) ('a' + r.nextInt(26)));
            } else if (kind < 8) {
                sb.append(NASTY[r.nextInt(NASTY.length)]);
            } else if (kind < 9) {
                sb.append(TAGS[r.nextInt(TAGS.length)]);
            } else {
                sb.appendCodePoint(randomCodePoint(r));
            }
        }
        return sb.toString();
    }

    /** Random bytes, sometimes starting with a byte-order mark or looking like CSV/JSON. */
    public static byte[] bytes(Random r, int maxLength) {
        int n = r.nextInt(maxLength + 1);
        byte[] b = new byte[n];
        r.nextBytes(b);
        if (n > 3 && r.nextInt(4) == 0) {
            b[0] = (byte) 0xEF;
            b[1] = (byte) 0xBB;
            b[2] = (byte) 0xBF;
        }
        if (n > 0 && r.nextInt(3) == 0) {
            String s = text(r, 40);
            byte[] t = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            System.arraycopy(t, 0, b, 0, Math.min(t.length, n));
        }
        return b;
    }

    /** A list of {@code 0..maxSize} values from {@code element}. */
    public static <T> List<T> list(Random r, int maxSize, java.util.function.Function<Random, T> element) {
        int n = r.nextInt(maxSize + 1);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.apply(r));
        }
        return out;
    }

    /** Any valid code point (no lone surrogates), weighted towards the BMP. */
    public static int randomCodePoint(Random r) {
        while (true) {
            int cp = r.nextInt(4) == 0 ? r.nextInt(0x10FFFF + 1) : r.nextInt(0xFFFF + 1);
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                return cp;
            }
        }
    }

    /** A printable rendering of an input for failure messages. */
    static String show(Object input) {
        if (input instanceof byte[]) {
            byte[] b = (byte[]) input;
            StringBuilder sb = new StringBuilder("bytes[" + b.length + "] ");
            for (int i = 0; i < Math.min(b.length, 200); i++) {
                sb.append(String.format("%02x", b[i]));
            }
            return sb.toString();
        }
        String s = String.valueOf(input);
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(2000).forEach(cp -> {
            if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 || cp == 0x202e || cp == 0xfeff) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
