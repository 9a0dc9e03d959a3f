package dev.qaimport.parse.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.SourceType;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * Looks at the first bytes of a payload, before any reader decodes it, to catch a file whose
 * content is not the format it was named or declared as: a ZIP archive (an Excel {@code .xlsx}
 * workbook is one) or an HTML page given as CSV or JSON, or a ZIP archive given as HTML. Only
 * {@value #PEEK_BYTES} bytes are looked at, through the mark of a {@link BufferedInputStream}, so
 * the payload is never buffered whole and is read once.
 */
final class FormatSniffer {
    /** How many leading bytes are looked at. */
    static final int PEEK_BYTES = 1024;

    /** What the start of a payload looks like. */
    enum Kind {
        /** {@code PK\3\4}: a ZIP archive, such as an Excel workbook. */
        ZIP,
        /** {@code <!doctype html} or {@code <html} (after a BOM, white space and comments). */
        HTML,
        /** Anything else: the declared format's reader decides. */
        OTHER
    }

    private final InputStream in;
    private final Kind kind;
    private final Charset metaCharset;
    private final boolean jsonLd;

    private FormatSniffer(InputStream in, Kind kind, Charset metaCharset, boolean jsonLd) {
        this.in = in;
        this.kind = kind;
        this.metaCharset = metaCharset;
        this.jsonLd = jsonLd;
    }

    /** Peeks at the start of {@code raw}; read the payload through {@link #stream()} afterwards. */
    static FormatSniffer peek(InputStream raw) {
        BufferedInputStream in = new BufferedInputStream(raw, 8192);
        byte[] head = new byte[PEEK_BYTES];
        int n = 0;
        in.mark(PEEK_BYTES);
        try {
            int r;
            while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) {
                n += r;
            }
            in.reset();
        } catch (IOException e) {
            throw AbstractRecordReader.readFailed(e);
        }
        Kind kind = classify(head, n);
        return new FormatSniffer(in, kind, metaCharset(head, n), jsonLd(ascii(head, n)));
    }

    /** The payload, from its first byte. */
    InputStream stream() {
        return in;
    }

    Kind kind() {
        return kind;
    }

    /**
     * Whether the start is that of a schema.org JSON-LD document: an object whose first key is
     * {@code "@context"}, with {@code schema.org} in the first bytes.
     */
    boolean jsonLd() {
        return jsonLd;
    }

    private static boolean jsonLd(String text) {
        String t = text.strip();
        if (!t.startsWith("{")) {
            return false;
        }
        return t.substring(1).stripLeading().startsWith("\"@context\"") && t.contains("schema.org");
    }

    /**
     * The encoding a {@code <meta charset>} in the first bytes names (Latin-1 and ASCII read as
     * Windows-1252, as browsers do), or {@code null}.
     */
    Charset metaCharset() {
        return metaCharset;
    }

    /**
     * Fails with {@code UNSUPPORTED_FORMAT} when the content is clearly not {@code type}: a ZIP
     * archive read as anything but a workbook, or an HTML page read as CSV, TSV, JSON or JSON Lines.
     */
    void check(SourceType type) {
        check(kind, type);
    }

    /** As {@link #check(SourceType)}, for content whose start {@link #classify} found to be {@code kind}. */
    static void check(Kind kind, SourceType type) {
        // By name: a workbook format, where there is one, is the only one a ZIP archive may be.
        if (kind == Kind.ZIP && !"XLSX".equals(type.name())) {
            throw new ImportException(ErrorCodes.UNSUPPORTED_FORMAT, "line 1: the file is a ZIP archive (starts with PK\\3\\4; an Excel .xlsx "
                    + "workbook is one), not " + describe(type) + "; import the workbook as .xlsx, or export the sheet as CSV");
        }
        if (kind == Kind.HTML && type != SourceType.HTML) {
            throw new ImportException(ErrorCodes.UNSUPPORTED_FORMAT, "line 1: the file is an HTML page (it starts with <!DOCTYPE html> or "
                    + "<html>), not " + describe(type) + "; name it .html or pass --format html (ImportOptions.Builder.sourceType(HTML))");
        }
    }

    private static String describe(SourceType type) {
        return type == SourceType.HTML ? "an HTML page" : type.name() + " as its name or the format given says";
    }

    static Kind classify(byte[] head, int n) {
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Kind.ZIP;
        }
        String text = ascii(head, n).toLowerCase(Locale.ROOT);
        int i = 0;
        while (true) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i + 4);
                if (end < 0) {
                    return Kind.OTHER;
                }
                i = end + 3;
            } else if (text.startsWith("<?xml", i)) {
                int end = text.indexOf("?>", i);
                if (end < 0) {
                    return Kind.OTHER;
                }
                i = end + 2;
            } else {
                break;
            }
        }
        if (text.startsWith("<!doctype html", i) || text.startsWith("<html", i)
                && (i + 5 == text.length() || !Character.isLetterOrDigit(text.charAt(i + 5)))) {
            return Kind.HTML;
        }
        return Kind.OTHER;
    }

    /**
     * The bytes as ASCII, with a UTF-8 BOM skipped and UTF-16 reduced to its low bytes, so that
     * markup is recognised in either; other bytes become {@code ?}.
     */
    private static String ascii(byte[] head, int n) {
        int start = 0;
        int step = 1;
        int offset = 0;
        if (n >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            start = 3;
        } else if (n >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
            start = 2;
            step = 2;
            offset = 1;
        } else if (n >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
            start = 2;
            step = 2;
        }
        StringBuilder b = new StringBuilder(n);
        for (int i = start + offset; i < n; i += step) {
            int c = head[i] & 0xff;
            b.append(c < 0x80 ? (char) c : '?');
        }
        return b.toString();
    }

    /** {@code <meta charset="x">} or {@code <meta http-equiv… content="…; charset=x">} in the first bytes. */
    private static Charset metaCharset(byte[] head, int n) {
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int meta = text.indexOf("<meta");
        while (meta >= 0) {
            int end = text.indexOf('>', meta);
            if (end < 0) {
                return null;
            }
            String tag = text.substring(meta, end);
            int at = tag.indexOf("charset=");
            if (at >= 0) {
                int s = at + "charset=".length();
                while (s < tag.length() && (tag.charAt(s) == '"' || tag.charAt(s) == '\'' || tag.charAt(s) == ' ')) {
                    s++;
                }
                int e = s;
                while (e < tag.length() && (Character.isLetterOrDigit(tag.charAt(e)) || "-_.:".indexOf(tag.charAt(e)) >= 0)) {
                    e++;
                }
                try {
                    Charset named = e > s ? Charset.forName(tag.substring(s, e)) : null;
                    // As browsers do (WHATWG Encoding): a page that says Latin-1 or ASCII is Windows-1252.
                    return StandardCharsets.ISO_8859_1.equals(named) || StandardCharsets.US_ASCII.equals(named) ? TextDecoder.WINDOWS_1252 : named;
                } catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
                    return null;
                }
            }
            meta = text.indexOf("<meta", end);
        }
        return null;
    }
}
