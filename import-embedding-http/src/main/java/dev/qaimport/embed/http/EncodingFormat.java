package dev.qaimport.embed.http;

/** How an OpenAI-compatible provider sends vectors back. */
public enum EncodingFormat {
    /**
     * Little-endian float32 as base64 (the default): about a quarter of the bytes of JSON floats
     * and much cheaper to parse, with exactly the same values.
     */
    BASE64,
    /**
     * JSON arrays of numbers, for servers that do not support {@code encoding_format}; the field
     * is then left out of the request.
     */
    FLOAT
}
