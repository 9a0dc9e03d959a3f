package dev.qaimport.parse;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An input made on the fly from repeated pieces, so a huge payload never exists in memory or on disk. */
final class GeneratedInput extends InputStream {
    private final List<byte[]> units = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private int part;
    private long repeat;
    private int pos;

    /** Appends {@code text} repeated {@code n} times. */
    GeneratedInput then(String text, long n) {
        units.add(text.getBytes(StandardCharsets.UTF_8));
        times.add(n);
        return this;
    }

    GeneratedInput then(String text) {
        return then(text, 1);
    }

    /** The total size in bytes. */
    long size() {
        long n = 0;
        for (int i = 0; i < units.size(); i++) {
            n += units.get(i).length * times.get(i);
        }
        return n;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int n = 0;
        while (n < len && part < units.size()) {
            byte[] unit = units.get(part);
            if (repeat >= times.get(part) || unit.length == 0) {
                part++;
                repeat = 0;
                pos = 0;
                continue;
            }
            int k = Math.min(len - n, unit.length - pos);
            System.arraycopy(unit, pos, b, off + n, k);
            n += k;
            pos += k;
            if (pos == unit.length) {
                pos = 0;
                repeat++;
            }
        }
        return n == 0 && len > 0 ? -1 : n;
    }
}
