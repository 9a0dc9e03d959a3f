package dev.qaimport.jdbc.internal;

import dev.qaimport.spi.StoreException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Vectors as compact binary: float32 values, little-endian, 4 bytes each (a 1536-dimension vector
 * takes 6 KiB instead of ~30 KiB as JSON text). Little-endian matches numpy's default and
 * pgvector's and most tools' in-memory layout, so the column can be read outside Java.
 */
final class Vectors {
    private Vectors() {
    }

    static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    /**
     * @throws IllegalArgumentException if the length is not a multiple of 4
     */
    static float[] decode(byte[] bytes) {
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("stored vector has " + bytes.length + " bytes, not a multiple of 4");
        }
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    /** {@link #decode} of a stored vector, whose corruption is the store's failure, naming its key. */
    static float[] stored(byte[] bytes, String key) {
        try {
            return decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new StoreException(StoreException.Kind.FATAL, "vector " + key + " is corrupt: " + e.getMessage(), e);
        }
    }
}
