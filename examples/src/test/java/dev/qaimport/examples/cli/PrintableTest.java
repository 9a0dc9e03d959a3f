package dev.qaimport.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Text from files reaches the terminal with its control characters shown, not acted on. */
class PrintableTest {
    @Test
    void escapesC0DelAndC1ControlCharacters() {
        assertThat(Printable.line("a\tb\nc\rd")).isEqualTo("a\\tb\\nc\\rd");
        assertThat(Printable.line("\u001b[2J\u0007\u007f")).isEqualTo("\\u001b[2J\\u0007\\u007f");
        assertThat(Printable.line("\u0080x\u009b31m\u009f")).isEqualTo("\\u0080x\\u009b31m\\u009f");
    }

    @Test
    void leavesOtherTextAsItIs() {
        String text = "Können Sie 配送 😀 \u00a0ändern? \u00a0é";
        assertThat(Printable.line(text)).isSameAs(text);
        assertThat(Printable.line(null)).isEqualTo("null");
    }

    @Test
    void jsonOutputEscapesC1ControlsAndStillParsesToTheSameText() throws Exception {
        String value = "csi\u009b31m del\u007f esc\u001b ok é";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var g = Reports.JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("q", value);
            g.writeEndObject();
        }
        String json = out.toString(StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("\u009b", "\u007f", "\u001b").contains("\\u009B", "\\u007F", "é");
        assertThat(new ObjectMapper().readTree(json).get("q").asText()).isEqualTo(value);
    }
}
