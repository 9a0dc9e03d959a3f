package dev.qaimport.parse.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the payload's bytes into characters, strictly: a byte sequence that is not valid in the
 * chosen encoding is never replaced but reported as an {@link ImportException} with code
 * {@link ErrorCodes#ENCODING} naming its line and byte offset.
 *
 * <p>The encoding is chosen once, at the start: a byte-order mark (UTF-8, UTF-16 LE/BE) wins and
 * is skipped; otherwise the caller's encoding; otherwise UTF-8, or, when detection is on (the
 * default) and the first {@value #SNIFF_BYTES} bytes are not valid UTF-8, the legacy encoding
 * {@link CharsetSniffer} finds in them (Windows-1252 when it finds none it trusts).
 *
 * <p>Characters decoded before a bad sequence are delivered first; the error is thrown by the
 * following call, so a reader downstream sees every record that precedes it.
 */
final class TextDecoder extends Reader {
    /** How many leading bytes detection looks at. */
    static final int SNIFF_BYTES = 64 * 1024;

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Logger LOG = LoggerFactory.getLogger(TextDecoder.class);

    private final InputStream in;
    private final Charset charset;
    /** Whether the encoding came from detection (Windows-1252 chosen, or UTF-8 kept). */
    private final boolean detected;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(SNIFF_BYTES);
    /** Absolute offset of {@code bytes}' index 0 in the payload. */
    private long base;
    private boolean eof;
    private boolean flushed;
    private ImportException pending;
    /** Line of the next character. */
    private long line = 1;
    private boolean lastWasCr;
    private int leftover = -1;
    private CharsetSniffer.Detection detection;
    /** Why detection kept UTF-8 for a sample that is not valid UTF-8, or {@code null}. */
    private Utf8Evidence keptUtf8;

    TextDecoder(InputStream in, Charset explicit, boolean detect) {
        this.in = in;
        bytes.flip();
        fillAtLeast(detect && explicit == null ? SNIFF_BYTES : 4);
        Charset bom = bom();
        if (bom != null) {
            charset = bom;
            detected = false;
        } else if (explicit != null) {
            charset = explicit;
            detected = false;
        } else if (detect && !validUtf8Prefix()) {
            Utf8Evidence evidence = Utf8Evidence.of(bytes, eof);
            if (evidence.mostlyUtf8()) {
                // UTF-8 with faults: its bad bytes are errors, not a reason to garble the rest.
                keptUtf8 = evidence;
                charset = StandardCharsets.UTF_8;
            } else {
                detection = CharsetSniffer.detect(bytes, eof);
                charset = detection.charset();
                LOG.debug("the file is not UTF-8; reading it as {}", detection.describe());
            }
            detected = true;
        } else {
            charset = StandardCharsets.UTF_8;
            detected = detect;
        }
        decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** What detection chose when the file was not UTF-8, or {@code null} when it did not run or kept UTF-8. */
    CharsetSniffer.Detection detection() {
        return detection;
    }

    /** The encoding in use. */
    Charset charset() {
        return charset;
    }

    /** Line of the next character to be delivered (1-based; CR, LF and CRLF end a line). */
    long line() {
        return line;
    }

    private Charset bom() {
        int n = bytes.remaining();
        byte[] a = bytes.array();
        int p = bytes.position();
        if (n >= 3 && (a[p] & 0xff) == 0xef && (a[p + 1] & 0xff) == 0xbb && (a[p + 2] & 0xff) == 0xbf) {
            bytes.position(p + 3);
            return StandardCharsets.UTF_8;
        }
        if (n >= 2 && (a[p] & 0xff) == 0xfe && (a[p + 1] & 0xff) == 0xff) {
            bytes.position(p + 2);
            return StandardCharsets.UTF_16BE;
        }
        if (n >= 2 && (a[p] & 0xff) == 0xff && (a[p + 1] & 0xff) == 0xfe) {
            bytes.position(p + 2);
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    private boolean validUtf8Prefix() {
        CharsetDecoder probe = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer view = bytes.duplicate();
        CharBuffer sink = CharBuffer.allocate(4096);
        while (true) {
            // A sequence cut by the end of the prefix is not an error unless the file ends there.
            CoderResult r = probe.decode(view, sink, eof);
            if (r.isError()) {
                return false;
            }
            if (r.isUnderflow()) {
                return true;
            }
            sink.clear();
        }
    }

    private void fillAtLeast(int want) {
        while (!eof && bytes.remaining() < want) {
            fill();
        }
    }

    /** Reads more bytes after the unread ones; {@code bytes} stays in read mode. */
    private void fill() {
        base += bytes.position();
        bytes.compact();
        try {
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
        } catch (IOException e) {
            throw new ImportException(ErrorCodes.PAYLOAD, "reading the file failed at byte " + Text.count(base + bytes.position())
                    + " (line " + line + "): " + e.getMessage(), e);
        } finally {
            bytes.flip();
        }
    }

    @Override
    public int read(char[] cbuf, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (leftover >= 0) {
            cbuf[off] = (char) leftover;
            leftover = -1;
            count(cbuf, off, 1);
            return 1;
        }
        if (len == 1) {
            // A supplementary character needs two chars: decode into a pair and keep the second.
            char[] two = new char[2];
            int n = decode(two, 0, 2);
            if (n <= 0) {
                return n;
            }
            cbuf[off] = two[0];
            count(two, 0, 1);
            if (n == 2) {
                leftover = two[1];
            }
            return 1;
        }
        int n = decode(cbuf, off, len);
        if (n > 0) {
            count(cbuf, off, n);
        }
        return n;
    }

    private int decode(char[] cbuf, int off, int len) {
        if (pending != null) {
            ImportException e = pending;
            pending = null;
            throw e;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (true) {
            if (flushed) {
                return -1;
            }
            CoderResult r = decoder.decode(bytes, out, eof);
            int produced = out.position() - off;
            if (r.isError()) {
                ImportException e = error(r, cbuf, off, produced);
                if (produced > 0) {
                    pending = e;
                    return produced;
                }
                throw e;
            }
            if (produced > 0) {
                return produced;
            }
            if (r.isOverflow()) {
                // Cannot happen with len >= 2; guards against a caller passing a tiny buffer.
                return 0;
            }
            if (eof) {
                CoderResult f = decoder.flush(out);
                flushed = true;
                if (f.isError()) {
                    throw error(f, cbuf, off, 0);
                }
                produced = out.position() - off;
                return produced > 0 ? produced : -1;
            }
            fill();
        }
    }

    private ImportException error(CoderResult r, char[] cbuf, int off, int produced) {
        long lineOfError = lineAfter(cbuf, off, produced);
        long offset = base + bytes.position();
        StringBuilder hex = new StringBuilder();
        int n = Math.min(r.length(), bytes.remaining());
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                hex.append(' ');
            }
            hex.append(String.format(Locale.ROOT, "0x%02X", bytes.get(bytes.position() + i) & 0xff));
        }
        String name = charset.name();
        StringBuilder m = new StringBuilder("line ").append(lineOfError).append(", byte ").append(Text.count(offset)).append(": ");
        if (r.isUnmappable()) {
            m.append("the bytes ").append(hex).append(" have no character in ").append(name)
                    .append("; if the file is Latin-1, import it with --encoding ISO-8859-1 (ImportOptions.encoding)");
        } else {
            m.append("the bytes ").append(hex).append(" are not valid ").append(name).append(". ");
            CharsetSniffer.Detection guess = charset.equals(StandardCharsets.UTF_8) && !detected ? CharsetSniffer.detect(bytes, eof) : null;
            if (guess != null && !guess.confidence().equals("fallback")) {
                m.append("The bytes look like ").append(guess.describe()).append(": import it with --encoding ").append(guess.charset().name())
                        .append(" (ImportOptions.encoding), or let detection choose by leaving out --strict-encoding "
                                + "(ImportOptions.detectEncoding)");
            } else if (keptUtf8 != null && keptUtf8.onlyCutAtTheEnd()) {
                m.append("The file ends inside a UTF-8 sequence, as if it was cut off; the rest is UTF-8, so no other encoding was "
                        + "guessed");
            } else if (keptUtf8 != null) {
                m.append("Detection kept UTF-8: the first ").append(SNIFF_BYTES / 1024).append(" KiB hold ")
                        .append(Text.count(keptUtf8.validSequences())).append(" UTF-8 characters beyond ASCII and ")
                        .append(Text.count(keptUtf8.invalidBytes())).append(keptUtf8.invalidBytes() == 1 ? " byte that is not" : " bytes that are not")
                        .append(", so the file is UTF-8 with faults (perhaps pasted together from files in different encodings). "
                                + "Correct those bytes, or give the file's encoding with --encoding (ImportOptions.encoding)");
            } else if (charset.equals(StandardCharsets.UTF_8)) {
                m.append("The file is probably in a legacy encoding; if it was saved by Excel or another Windows program, "
                        + "import it with --encoding windows-1252 (ImportOptions.encoding)");
                if (detected) {
                    m.append(" (detection kept UTF-8 because the first ").append(SNIFF_BYTES / 1024).append(" KiB were valid UTF-8)");
                } else {
                    m.append(", or let detection choose by leaving out --strict-encoding (ImportOptions.detectEncoding)");
                }
            } else if (detection != null) {
                m.append("Detection chose ").append(detection.describe()).append(" from the first ").append(SNIFF_BYTES / 1024)
                        .append(" KiB; give the file's encoding with --encoding (ImportOptions.encoding)");
            } else {
                m.append("Check the encoding given with --encoding (ImportOptions.encoding)");
            }
        }
        return new ImportException(ErrorCodes.ENCODING, m.toString());
    }

    /** The line after the first {@code n} chars of {@code cbuf}, without counting them for good. */
    private long lineAfter(char[] cbuf, int off, int n) {
        long l = line;
        boolean cr = lastWasCr;
        for (int i = off; i < off + n; i++) {
            char c = cbuf[i];
            if (c == '\n') {
                if (!cr) {
                    l++;
                }
                cr = false;
            } else if (c == '\r') {
                l++;
                cr = true;
            } else {
                cr = false;
            }
        }
        return l;
    }

    private void count(char[] cbuf, int off, int n) {
        long l = line;
        boolean cr = lastWasCr;
        for (int i = off, end = off + n; i < end; i++) {
            char c = cbuf[i];
            if (c <= '\r') {
                if (c == '\n') {
                    if (!cr) {
                        l++;
                    }
                    cr = false;
                } else if (c == '\r') {
                    l++;
                    cr = true;
                } else {
                    cr = false;
                }
            } else {
                cr = false;
            }
        }
        line = l;
        lastWasCr = cr;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Closing a payload we have finished with cannot lose data; nothing useful to report.
        }
    }
}
