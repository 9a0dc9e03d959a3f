package dev.qaimport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodecsTest {
    @Test
    void tagsRoundTripThroughJsonWhateverTheyContain() {
        List<String> tags = List.of("plain", "with \"quotes\"", "back\\slash", "new\nline\ttab", "\u0001control",
                "emoji 👩‍👩‍👧‍👦", "中文", "", "/slash");
        String json = Tags.encode(tags);
        assertThat(json).startsWith("[\"plain\",\"with \\\"quotes\\\"\"").contains("\\u0001");
        assertThat(Tags.decode(json)).containsExactlyElementsOf(tags);
        assertThat(Tags.encode(List.of())).isEqualTo("[]");
        assertThat(Tags.decode("[]")).isEmpty();
        assertThat(Tags.decode(null)).isEmpty();
        assertThat(Tags.decode(" [ \"a\" , \"b\\u00e9\\/\" ] ")).containsExactly("a", "bé/");
    }

    @Test
    void malformedTagsAreRejectedWithTheOffset() {
        assertThatThrownBy(() -> Tags.decode("[\"a\" \"b\"]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tags column is not a JSON array of strings: expected ',' or ']' at offset 6");
        assertThatThrownBy(() -> Tags.decode("a,b")).hasMessageContaining("expected '['");
        assertThatThrownBy(() -> Tags.decode("[\"a\"] x")).hasMessageContaining("text after the array");
        assertThatThrownBy(() -> Tags.decode("[\"\\u12\"]")).hasMessageContaining("bad \\u escape");
    }

    @Test
    void vectorsAreLittleEndianFloat32() {
        float[] v = {1.0f, -2.5f, Float.MIN_VALUE, Float.NaN};
        byte[] bytes = Vectors.encode(v);
        assertThat(bytes).hasSize(16).startsWith(0x00, 0x00, (byte) 0x80, 0x3f);
        assertThat(Vectors.decode(bytes)).containsExactly(v);
        assertThat(Vectors.decode(new byte[0])).isEmpty();
        assertThatThrownBy(() -> Vectors.decode(new byte[5])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stored vector has 5 bytes, not a multiple of 4");
    }

    @Test
    void redactHidesPasswordsInUrls() {
        assertThat(Redact.url("jdbc:postgresql://db:5432/app?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=u&password=***&ssl=true");
        assertThat(Redact.url("jdbc:mariadb://db/app?sslPassword=a&keyStorePassword=b"))
                .isEqualTo("jdbc:mariadb://db/app?sslPassword=***&keyStorePassword=***");
        assertThat(Redact.url("jdbc:h2:tcp://db/~/x;USER=sa;PASSWORD=pw;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:tcp://db/~/x;USER=sa;PASSWORD=***;MODE=PostgreSQL");
        assertThat(Redact.url("jdbc:mysql://admin:pw@db:3306/app")).isEqualTo("jdbc:mysql://admin:***@db:3306/app");
        assertThat(Redact.url("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void schemaScriptsSplitIntoStatements() {
        List<String> statements = Schema.statements("-- comment\nCREATE TABLE a (\n  x INT -- trailing\n);\n\nCREATE INDEX i ON a (x);\n");
        assertThat(statements).containsExactly("CREATE TABLE a (\n  x INT -- trailing\n)", "CREATE INDEX i ON a (x)");
        for (dev.qaimport.jdbc.Dialect d : dev.qaimport.jdbc.Dialect.values()) {
            List<String> shipped = Schema.statements(Schema.script(d));
            assertThat(shipped).as(d.name()).allSatisfy(s -> assertThat(s).doesNotEndWith(";"));
            assertThat(String.join("\n", shipped)).as(d.name())
                    .contains("import_jobs", "qa_pairs", "import_row_errors", "qa_vectors", "import_payload_chunks");
        }
    }
}
