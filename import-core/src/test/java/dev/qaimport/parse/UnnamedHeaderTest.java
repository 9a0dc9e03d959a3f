package dev.qaimport.parse;

import static dev.qaimport.parse.Parse.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.SourceType;
import org.junit.jupiter.api.Test;

class UnnamedHeaderTest {
    @Test
    void genericColumnNamesShowTheFirstRowAndTheMapThatWorks() {
        String csv = "Column1,Column2,Column3\nfaq_001,¿Cómo restablezco mi contraseña?,Pulsa «Olvidé mi contraseña» en la pantalla de inicio.\n"
                + "faq_002,¿Puedo cambiar mi correo?,Sí, desde Perfil.\n";
        ImportException e = failure(csv, SourceType.CSV);

        assertThat(e.code()).isEqualTo(ErrorCodes.MISSING_COLUMNS);
        assertThat(e.getMessage()).startsWith("line 1: no column for question or answer. Columns found: [\"Column1\", \"Column2\", \"Column3\"]."
                + " The first row after it holds: [\"faq_001\", \"¿Cómo restablezco mi contraseña?\", "
                + "\"Pulsa «Olvidé mi contraseña» en la pantalla de inicio.\"]. To import it, map them: --map question=Column2,answer=Column3");
    }

    @Test
    void aTitleLineAboveTheHeaderIsRecognisedFromTheRowThatNamesTheFields() {
        String csv = "Häufige Fragen – Stand März 2024,,\nFrage,Antwort,Kategorie\nWie kündige ich?,Im Kundenkonto unter Verträge.,Vertrag\n";
        ImportException e = failure(csv, SourceType.CSV);

        assertThat(e.code()).isEqualTo(ErrorCodes.MISSING_COLUMNS);
        assertThat(e.getMessage()).contains("The first row after it holds: [\"Frage\", \"Antwort\", \"Kategorie\"]. That row names the question "
                + "(\"Frage\") and the answer (\"Antwort\"): the file seems to have a title line above its header, or two header lines. "
                + "Delete the line above that row, or map by position with --map question=#1,answer=#2");
    }
}
