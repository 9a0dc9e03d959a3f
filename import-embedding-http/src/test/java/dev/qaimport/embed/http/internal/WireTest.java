package dev.qaimport.embed.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireTest {
    private final Wire wire = Wire.openAi("m", null, true);

    private static String base64(float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** A vector whose base64 text contains '/', so that a server may escape it. */
    private static float[] withSlash() {
        for (int i = 0; ; i++) {
            float[] v = {i * 0.37f, -i, 1f / (i + 1)};
            if (base64(v).contains("/")) {
                return v;
            }
        }
    }

    private List<float[]> parse(String json, int expected) throws MalformedResponseException {
        return wire.parseResponse(json.getBytes(StandardCharsets.UTF_8), expected);
    }

    @Test
    void decodesBase64EmbeddingsInTheOrderOfTheirIndex() throws Exception {
        String json = "{\"object\":\"list\",\"data\":[{\"index\":1,\"embedding\":\"" + base64(3f, 4f) + "\"},"
                + "{\"index\":0,\"embedding\":\"" + base64(1f, 2f) + "\"}],\"model\":\"m\"}";
        assertThat(parse(json, 2)).containsExactly(new float[] {1f, 2f}, new float[] {3f, 4f});
    }

    @Test
    void decodesABase64StringWhoseSlashesTheServerEscaped() throws Exception {
        float[] v = withSlash();
        String escaped = base64(v).replace("/", "\\/");
        assertThat(parse("{\"data\":[{\"index\":0,\"embedding\":\"" + escaped + "\"}]}", 1)).containsExactly(v);
    }

    @Test
    void findsTheStringWhateverWhitespaceSurroundsIt() throws Exception {
        float[] v = withSlash();
        String json = "{ \"data\" :\n [ {\n\t\"embedding\" :   \"" + base64(v) + "\" , \"index\" : 0 } ] }";
        assertThat(parse(json, 1)).containsExactly(v);
    }

    @Test
    void decodesFloatArraysToo() throws Exception {
        assertThat(parse("{\"data\":[{\"index\":0,\"embedding\":[0.5,-1,2e-3]}]}", 1)).containsExactly(new float[] {0.5f, -1f, 0.002f});
    }

    @Test
    void aBase64StringThatIsNotBase64IsAMalformedResponse() {
        assertThatThrownBy(() -> parse("{\"data\":[{\"index\":0,\"embedding\":\"not base64!\"}]}", 1))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("neither a float array nor valid base64");
        assertThatThrownBy(() -> parse("{\"data\":[{\"index\":0,\"embedding\":\"" + base64(1f).substring(0, 4) + "\"}]}", 1))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("not a multiple of 4");
    }

    @Test
    void readsTheTokensTheProviderCountedWhenItSaysSo() throws Exception {
        String openAi = "{\"data\":[{\"index\":0,\"embedding\":[1,2]}],\"usage\":{\"prompt_tokens\":17,\"total_tokens\":17}}";
        assertThat(wire.parse(openAi.getBytes(StandardCharsets.UTF_8), 1).tokens()).isEqualTo(17);
        String totalOnly = "{\"usage\":{\"total_tokens\":9,\"extra\":{\"a\":1}},\"data\":[{\"embedding\":[1,2]}]}";
        assertThat(wire.parse(totalOnly.getBytes(StandardCharsets.UTF_8), 1).tokens()).isEqualTo(9);
        String none = "{\"data\":[{\"embedding\":[1,2]}],\"usage\":{\"prompt_tokens\":\"many\"}}";
        assertThat(wire.parse(none.getBytes(StandardCharsets.UTF_8), 1).tokens()).isEqualTo(-1);
        String ollama = "{\"model\":\"m\",\"embeddings\":[[1,2]],\"prompt_eval_count\":5}";
        assertThat(Wire.ollama("m", null).parse(ollama.getBytes(StandardCharsets.UTF_8), 1).tokens()).isEqualTo(5);
    }
}
