package dev.qaimport.embed.http.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * A provider's JSON request and response format: OpenAI's {@code /embeddings} (also Azure OpenAI
 * and OpenAI-compatible servers) or Ollama's {@code /api/embed}. Responses are read with Jackson's
 * streaming parser, so a large float response never becomes a tree. Immutable.
 */
public final class Wire {
    private static final JsonFactory JSON = new JsonFactory();

    private final boolean ollama;
    private final String model;
    private final Integer dimensions;
    private final boolean base64;

    private Wire(boolean ollama, String model, Integer dimensions, boolean base64) {
        this.ollama = ollama;
        this.model = model;
        this.dimensions = dimensions;
        this.base64 = base64;
    }

    /** OpenAI's format; {@code model} may be null (Azure names the model by its deployment). */
    public static Wire openAi(String model, Integer dimensions, boolean base64) {
        return new Wire(false, model, dimensions, base64);
    }

    /** Ollama's {@code /api/embed} format. */
    public static Wire ollama(String model, Integer dimensions) {
        return new Wire(true, model, dimensions, false);
    }

    /** The JSON request body for {@code inputs}. */
    public byte[] requestBody(List<String> inputs) {
        int size = 64;
        for (String input : inputs) {
            size += input.length() + 4;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            if (model != null) {
                g.writeStringField("model", model);
            }
            g.writeArrayFieldStart("input");
            for (String input : inputs) {
                g.writeString(input);
            }
            g.writeEndArray();
            if (dimensions != null) {
                g.writeNumberField("dimensions", dimensions);
            }
            if (base64) {
                // Only sent for base64: some compatible servers reject the field, and float is the API's default.
                g.writeStringField("encoding_format", "base64");
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The vectors in a success response, in input order.
     *
     * @throws MalformedResponseException if the body is not JSON, has the wrong shape, or does
     *                                    not hold exactly one vector per input
     */
    public List<float[]> parseResponse(byte[] body, int expected) throws MalformedResponseException {
        return parse(body, expected).vectors();
    }

    /**
     * A success response: its vectors and the tokens the provider says it counted.
     *
     * @param vectors one per input, in input order
     * @param tokens  OpenAI's {@code usage.prompt_tokens} (else {@code total_tokens}) or Ollama's
     *                {@code prompt_eval_count}; -1 when the response does not say
     */
    public record Response(List<float[]> vectors, long tokens) {
    }

    /** Like {@link #parseResponse}, also reading the usage the provider reports. */
    public Response parse(byte[] body, int expected) throws MalformedResponseException {
        float[][] vectors = new float[expected][];
        long[] tokens = {-1};
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw MalformedResponseException.garbled("the body is not a JSON object");
            }
            int count = ollama ? readOllama(p, vectors, body, tokens) : readOpenAi(p, vectors, body, tokens);
            if (p.nextToken() != null) {
                throw MalformedResponseException.garbled("unexpected content after the JSON object");
            }
            if (count != expected) {
                throw MalformedResponseException.shape(count + " embeddings for " + expected + " inputs");
            }
        } catch (JsonProcessingException e) {
            throw MalformedResponseException.garbled("not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw MalformedResponseException.garbled("unreadable body (" + e.getMessage() + ")");
        }
        return new Response(Arrays.asList(vectors), tokens[0]);
    }

    private static int readOpenAi(JsonParser p, float[][] vectors, byte[] body, long[] tokens) throws IOException, MalformedResponseException {
        int count = -1;
        String error = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("data".equals(field)) {
                if (value != JsonToken.START_ARRAY) {
                    throw MalformedResponseException.shape("\"data\" is not an array");
                }
                count = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    readItem(p, vectors, count, body);
                    count++;
                }
            } else if ("error".equals(field)) {
                error = errorText(p);
            } else if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
                tokens[0] = readUsage(p);
            } else {
                p.skipChildren();
            }
        }
        if (count < 0) {
            throw MalformedResponseException.shape("no \"data\" array" + (error == null ? "" : "; the provider said: " + error));
        }
        return count;
    }

    private static void readItem(JsonParser p, float[][] vectors, int position, byte[] body) throws IOException, MalformedResponseException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw MalformedResponseException.shape("an item of \"data\" is not an object");
        }
        int index = -1;
        float[] vector = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("index".equals(field)) {
                if (value != JsonToken.VALUE_NUMBER_INT) {
                    throw MalformedResponseException.shape("an \"index\" is not an integer");
                }
                index = p.getIntValue();
            } else if ("embedding".equals(field)) {
                vector = readVector(p, body);
            } else {
                p.skipChildren();
            }
        }
        if (index < 0) {
            // Some compatible servers leave "index" out; their items are in input order.
            index = position;
        }
        if (vector == null) {
            throw MalformedResponseException.shape("item " + index + " has no \"embedding\"");
        }
        if (index >= vectors.length) {
            throw MalformedResponseException.shape("index " + index + " is out of range for " + vectors.length + " inputs");
        }
        if (vectors[index] != null) {
            throw MalformedResponseException.shape("index " + index + " appears twice");
        }
        vectors[index] = vector;
    }

    /** {@code prompt_tokens}, else {@code total_tokens}, of a usage object; -1 when neither is a non-negative integer. */
    private static long readUsage(JsonParser p) throws IOException {
        long prompt = -1;
        long total = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NUMBER_INT && ("prompt_tokens".equals(field) || "total_tokens".equals(field))) {
                long n = Math.max(-1, p.getLongValue());
                if ("prompt_tokens".equals(field)) {
                    prompt = n;
                } else {
                    total = n;
                }
            } else {
                p.skipChildren();
            }
        }
        return prompt >= 0 ? prompt : total;
    }

    private static int readOllama(JsonParser p, float[][] vectors, byte[] body, long[] tokens) throws IOException, MalformedResponseException {
        int count = -1;
        String error = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("embeddings".equals(field)) {
                if (value != JsonToken.START_ARRAY) {
                    throw MalformedResponseException.shape("\"embeddings\" is not an array");
                }
                count = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    float[] vector = readVector(p, body);
                    if (count < vectors.length) {
                        vectors[count] = vector;
                    }
                    count++;
                }
            } else if ("error".equals(field)) {
                error = errorText(p);
            } else if ("prompt_eval_count".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                tokens[0] = Math.max(-1, p.getLongValue());
            } else {
                p.skipChildren();
            }
        }
        if (count < 0) {
            throw MalformedResponseException.shape("no \"embeddings\" array" + (error == null ? "" : "; the provider said: " + error));
        }
        return count;
    }

    /**
     * One embedding: a JSON array of numbers, or a base64 string of little-endian float32 values.
     * A base64 string without escapes (what every provider sends) is decoded straight from the
     * response body; the parser then skips it without ever turning it into characters.
     */
    private static float[] readVector(JsonParser p, byte[] body) throws IOException, MalformedResponseException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            try {
                long quote = p.currentTokenLocation().getByteOffset();
                if (quote >= 0 && quote < body.length && body[(int) quote] == '"') {
                    int from = (int) quote + 1;
                    int end = from;
                    while (end < body.length && body[end] != '"' && body[end] != '\\') {
                        end++;
                    }
                    if (end < body.length && body[end] == '"') {
                        return Base64Floats.decode(body, from, end - from);
                    }
                }
                // Escapes in the string (a server that writes "\/"): read it through the parser.
                return Base64Floats.decode(p.getText());
            } catch (IllegalArgumentException e) {
                throw MalformedResponseException.shape("an embedding is neither a float array nor valid base64 (" + e.getMessage() + ")");
            }
        }
        if (token != JsonToken.START_ARRAY) {
            throw MalformedResponseException.shape("an embedding is neither a float array nor a base64 string");
        }
        float[] vector = new float[256];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                throw MalformedResponseException.shape("an embedding holds a non-number (" + t + ")");
            }
            if (n == vector.length) {
                vector = Arrays.copyOf(vector, n * 2);
            }
            vector[n++] = p.getFloatValue();
        }
        return Arrays.copyOf(vector, n);
    }

    private static String errorText(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        String message = null;
        if (p.currentToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("message".equals(field) && p.currentToken() == JsonToken.VALUE_STRING) {
                    message = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        } else {
            p.skipChildren();
        }
        return message;
    }
}
