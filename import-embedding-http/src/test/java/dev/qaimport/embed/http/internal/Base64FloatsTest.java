package dev.qaimport.embed.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Base64FloatsTest {
    private static String encode(float[] values, boolean padded) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        Base64.Encoder encoder = padded ? Base64.getEncoder() : Base64.getEncoder().withoutPadding();
        return encoder.encodeToString(bytes.array());
    }

    /** Decoded where it lies in a larger buffer, as the response reader does, and through the String path too. */
    private static float[] decode(String s) {
        byte[] padded = ("xx" + s + "yy").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        float[] fromBytes = Base64Floats.decode(padded, 2, s.length());
        assertThat(Base64Floats.decode(s)).containsExactly(fromBytes);
        return fromBytes;
    }

    @Test
    void decodesLittleEndianFloatsOfEveryLengthWithAndWithoutPadding() {
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 0; n <= 40; n++) {
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = Float.intBitsToFloat(random.nextInt());
            }
            for (boolean padded : new boolean[] {true, false}) {
                float[] decoded = decode(encode(values, padded));
                assertThat(decoded).hasSize(n);
                for (int i = 0; i < n; i++) {
                    // Bit for bit, NaN payloads included.
                    assertThat(Float.floatToRawIntBits(decoded[i])).as("n=%d i=%d padded=%s", n, i, padded)
                            .isEqualTo(Float.floatToRawIntBits(values[i]));
                }
            }
        }
    }

    @Test
    void decodesTheVectorOfARealSizedEmbedding() {
        float[] values = new float[1536];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i) / 10;
        }
        assertThat(decode(encode(values, true))).containsExactly(values);
    }

    @Test
    void refusesCharactersOutsideTheAlphabet() {
        String valid = encode(new float[] {1f, 2f}, true);
        assertThatThrownBy(() -> decode(valid.substring(0, 3) + "*" + valid.substring(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> Base64Floats.decode(valid.substring(0, 3) + "é" + valid.substring(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("character 3 is not ASCII");
        assertThatThrownBy(() -> decode(valid.replace('A', '-')))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBytesThatAreNotWholeFloats() {
        String sixBytes = Base64.getEncoder().encodeToString(new byte[6]);
        assertThatThrownBy(() -> decode(sixBytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 bytes, not a multiple of 4");
        assertThatThrownBy(() -> decode("AAAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decode("AAA==")).isInstanceOf(IllegalArgumentException.class);
    }
}
