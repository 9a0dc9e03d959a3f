package dev.qaimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Collection names: what is accepted, and the message for what is not. */
class CollectionNameTest {
    @Test
    void acceptsLettersDigitsDotsUnderscoresAndHyphensUpToSixtyFourCharacters() {
        assertThat(CollectionName.check("default")).isEqualTo("default");
        assertThat(CollectionName.check("Acme-2.eu_west")).isEqualTo("Acme-2.eu_west");
        assertThat(CollectionName.check("9")).isEqualTo("9");
        String longest = "a".repeat(CollectionName.MAX_LENGTH);
        assertThat(CollectionName.check(longest)).isEqualTo(longest);
    }

    @Test
    void refusesHostileNamesSayingWhatIsWrong() {
        assertThatThrownBy(() -> CollectionName.check(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("collection name is missing");
        assertThatThrownBy(() -> CollectionName.check("")).hasMessage("collection name is empty");
        assertThatThrownBy(() -> CollectionName.check("a".repeat(65)))
                .hasMessageStartingWith("collection name is longer than 64 characters (65): \"aaaa");
        assertThatThrownBy(() -> CollectionName.check("x".repeat(10_000)))
                .hasMessageEndingWith("…\"").hasMessageContaining("(10000)");
        assertThatThrownBy(() -> CollectionName.check("acme'; DROP TABLE qa_pairs; --"))
                .hasMessage("collection name \"acme'; DROP TABLE qa_pairs; --\" is not valid: use ASCII letters, digits, "
                        + "'.', '_' and '-', starting with a letter or a digit");
        assertThatThrownBy(() -> CollectionName.check("a;b")).hasMessageStartingWith("collection name \"a;b\" is not valid");
        assertThatThrownBy(() -> CollectionName.check("tab\there\u0000\u001b[2J"))
                .hasMessageStartingWith("collection name \"tab\\u0009here\\u0000\\u001b[2J\" is not valid");
        assertThatThrownBy(() -> CollectionName.check("\"quoted\"")).hasMessageStartingWith("collection name \"\\u0022quoted\\u0022\"");
        assertThatThrownBy(() -> CollectionName.check("-leading")).hasMessageContaining("starting with a letter or a digit");
        assertThatThrownBy(() -> CollectionName.check(".hidden")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CollectionName.check("with space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CollectionName.check("café")).hasMessageStartingWith("collection name \"caf\\u00e9\"");
    }

    @Test
    void importOptionsAndTheBuilderCheckTheName() {
        assertThat(ImportOptions.builder().collection("acme").build().collection()).isEqualTo("acme");
        assertThat(ImportOptions.defaults().collection()).isNull();
        assertThatThrownBy(() -> ImportOptions.builder().collection("a;b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("collection name \"a;b\" is not valid");
        assertThatThrownBy(() -> QaImport.builder().collection("")).hasMessage("collection name is empty");
    }
}
