package dev.qaimport.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 based keys, shortened to 128 bits of lowercase hex. */
public final class Hashes {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    });

    private Hashes() {
    }

    /** 32 hex characters of SHA-256 over the UTF-8 bytes of the parts, separated by NUL. */
    public static String key(String... parts) {
        MessageDigest md = SHA256.get();
        md.reset();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                md.update((byte) 0);
            }
            md.update(parts[i].getBytes(StandardCharsets.UTF_8));
        }
        byte[] digest = md.digest();
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(out);
    }
}
