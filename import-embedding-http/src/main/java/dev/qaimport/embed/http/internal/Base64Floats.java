package dev.qaimport.embed.http.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decodes the base64 text of an embedding (little-endian float32 values, the standard alphabet,
 * padding optional) into a {@code float[]}, reading the text where it lies in the response body.
 * A 1536-dimension vector is 8,192 characters, and a busy embedding stage decodes thousands of
 * them a second.
 */
final class Base64Floats {
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private Base64Floats() {
    }

    /**
     * The floats encoded in the ASCII bytes {@code text[offset, offset + length)}.
     *
     * @throws IllegalArgumentException if it is not base64, or its bytes are not a whole number of floats
     */
    static float[] decode(byte[] text, int offset, int length) {
        ByteBuffer bytes = DECODER.decode(ByteBuffer.wrap(text, offset, length));
        if (bytes.remaining() % Float.BYTES != 0) {
            throw new IllegalArgumentException("a base64 embedding has " + bytes.remaining() + " bytes, not a multiple of 4");
        }
        float[] out = new float[bytes.remaining() / Float.BYTES];
        bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** As {@link #decode(byte[], int, int)}, for text the JSON parser has unescaped. */
    static float[] decode(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                throw new IllegalArgumentException("not valid base64: character " + i + " is not ASCII");
            }
        }
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        return decode(ascii, 0, ascii.length);
    }
}
