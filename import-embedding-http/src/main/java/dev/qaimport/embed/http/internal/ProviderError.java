package dev.qaimport.embed.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a provider's error response says, in the shapes providers use: OpenAI and Azure
 * ({@code {"error":{"message","type","code"}}}), Ollama and text-embeddings-inference
 * ({@code {"error":"…"}}), vLLM ({@code {"message","type"}}), or plain text and HTML.
 *
 * @param message a short, whitespace-collapsed excerpt of the provider's message (not yet redacted)
 * @param code    the provider's error code or type, lower-cased, or empty
 */
public record ProviderError(String message, String code) {
    /** Longest excerpt of a provider message carried into an exception. */
    public static final int MAX_EXCERPT = 300;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    /** Reads {@code body}; never fails. */
    public static ProviderError parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new ProviderError("", "");
        }
        String text = new String(body, 0, Math.min(body.length, 64 * 1024), StandardCharsets.UTF_8);
        try {
            JsonNode root = JSON.readTree(text);
            if (root != null && root.isObject()) {
                JsonNode error = root.get("error");
                String message;
                String code;
                if (error != null && error.isObject()) {
                    message = firstText(error, "message", "msg", "detail");
                    code = firstText(error, "code", "type");
                    if (code.isEmpty()) {
                        code = firstText(root, "code", "type");
                    }
                } else if (error != null && error.isTextual()) {
                    message = error.asText();
                    code = firstText(root, "error_type", "code", "type");
                } else {
                    message = firstText(root, "message", "detail", "msg");
                    code = firstText(root, "code", "type", "error_type");
                }
                if (!message.isEmpty() || !code.isEmpty()) {
                    return new ProviderError(excerpt(message), code.toLowerCase(Locale.ROOT));
                }
            }
        } catch (Exception notJson) {
            // Plain text or HTML: use the text itself.
        }
        return new ProviderError(excerpt(TAGS.matcher(text).replaceAll(" ")), "");
    }

    /** {@code text} collapsed to one line and cut to {@link #MAX_EXCERPT} characters. */
    public static String excerpt(String text) {
        String oneLine = SPACE.matcher(text).replaceAll(" ").strip();
        if (oneLine.length() <= MAX_EXCERPT) {
            return oneLine;
        }
        return oneLine.substring(0, MAX_EXCERPT - 1) + "…";
    }

    private static String firstText(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isValueNode() && !value.isNull()) {
                return value.asText();
            }
        }
        return "";
    }

    /** Message and code together, lower-cased, for matching. */
    String haystack() {
        return (message + " " + code).toLowerCase(Locale.ROOT);
    }
}
