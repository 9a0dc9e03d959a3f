package dev.qaimport.parse;

import static dev.qaimport.parse.Parse.failure;
import static dev.qaimport.parse.Parse.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.SourceType;
import dev.qaimport.parse.internal.ParsedRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Files in legacy encodings beyond Windows-1252, made with {@code iconv} from the UTF-8 files
 * beside them ({@code src/test/resources/encodings}), read with detection on, as by default.
 */
class LegacyEncodingTest {
    private static final ImportOptions DETECT = ImportOptions.defaults();
    private static final ImportOptions STRICT = ImportOptions.builder().detectEncoding(false).build();

    private static byte[] resource(String name) {
        try (InputStream in = LegacyEncodingTest.class.getResourceAsStream("/encodings/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ParsedQA> read(byte[] bytes, ImportOptions options) {
        List<ParsedRow> rows = rows(bytes, SourceType.CSV, options, Limits.defaults());
        assertThat(rows).allSatisfy(r -> assertThat(r.error()).isNull());
        return rows.stream().map(ParsedRow::qa).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "faq-ru.windows-1251.csv, faq-ru.utf-8.csv",
        "faq-ru.koi8-r.csv, faq-ru-koi8.utf-8.csv",
        "faq-ja.shift_jis.csv, faq-ja.utf-8.csv",
        "faq-zh.gbk.csv, faq-zh.utf-8.csv",
        "faq-ko.euc-kr.csv, faq-ko.utf-8.csv",
    })
    void detectionReadsTheFileAsItsUtf8Original(String legacy, String original) {
        List<ParsedQA> expected = read(resource(original), ImportOptions.defaults());

        assertThat(expected).hasSize(5);
        assertThat(read(resource(legacy), DETECT)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"faq-ru.windows-1251.csv, windows-1251", "faq-ru.koi8-r.csv, KOI8-R", "faq-ja.shift_jis.csv, Shift_JIS",
        "faq-zh.gbk.csv, GB18030", "faq-ko.euc-kr.csv, EUC-KR"})
    void anExplicitEncodingStillWins(String legacy, String charset) {
        ImportOptions explicit = ImportOptions.builder().detectEncoding(true).encoding(Charset.forName("ISO-8859-1")).build();
        var latin1 = failure(resource(legacy), SourceType.CSV, explicit, Limits.defaults());
        assertThat(latin1.code()).as("the header read as Latin-1 names nothing").isEqualTo(ErrorCodes.MISSING_COLUMNS);
        assertThat(latin1.getMessage()).contains(Text.firstField(resource(legacy)));

        List<ParsedQA> right = read(resource(legacy), ImportOptions.builder().encoding(Charset.forName(charset)).build());
        assertThat(right).isEqualTo(read(resource(legacy), DETECT));
    }

    /** The first header name as ISO-8859-1 shows it. */
    private static final class Text {
        static String firstField(byte[] b) {
            int end = 0;
            while (b[end] != ',') {
                end++;
            }
            return new String(b, 0, end, StandardCharsets.ISO_8859_1).replaceAll("\\p{Cntrl}", "");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "German|Wie ändere ich meine Lieferadresse?|Öffnen Sie „Mein Konto“ und wählen Sie Adressen – fertig. Größe: 5 €.",
        "Spanish|¿Cómo cambio mi contraseña?|Pulse «Olvidé mi contraseña» y siga las instrucciones; recibirá un correo en español.",
        "Portuguese|Como faço a devolução de um pedido?|Acesse “Meus pedidos”, escolha a opção de devolução e aguarde a confirmação.",
        "Swedish|Hur ändrar jag min leveransadress?|Gå till Mitt konto och välj Adresser. Det går på några sekunder för både små och stora beställningar.",
        "Dutch|Hoe wijzig ik mijn e-mailadres?|Ga naar ‘Instellingen’ en kies ‘E-mail’. Daarna ontvangt u een bevestiging – controleer ook uw spammap.",
    })
    void westernEuropeanLanguagesAreReadAsWindows1252NotGuessedAsAnotherScript(String language, String question, String answer) {
        byte[] bytes = ("question,answer\n\"" + question + "\",\"" + answer + "\"\n").getBytes(Charset.forName("windows-1252"));

        assertThat(read(bytes, DETECT)).as(language).singleElement().satisfies(qa -> {
            assertThat(qa.question()).isEqualTo(question);
            assertThat(qa.answer()).isEqualTo(answer);
        });
    }

    @Test
    void westernEuropeanTextIsStillReadAsWindows1252() {
        byte[] bytes = "question,answer\nCafé ou thé ?,Ça coûte 5 € – « très bon ».\n".getBytes(Charset.forName("windows-1252"));

        assertThat(read(bytes, DETECT)).extracting(ParsedQA::answer).containsExactly("Ça coûte 5 € – « très bon ».");
    }

    @Test
    void strictlyALegacyFileIsAnEncodingErrorThatSaysHowToReadIt() {
        var e = failure(resource("faq-ru.windows-1251.csv"), SourceType.CSV, STRICT, Limits.defaults());

        assertThat(e.code()).isEqualTo(ErrorCodes.ENCODING);
        assertThat(e.getMessage()).isEqualTo("line 1, byte 0: the bytes 0xE2 are not valid UTF-8. The bytes look like windows-1251 "
                + "(confidence medium): import it with --encoding windows-1251 (ImportOptions.encoding), or let detection choose by "
                + "leaving out --strict-encoding (ImportOptions.detectEncoding)");
        assertThat(failure(resource("faq-ko.euc-kr.csv"), SourceType.CSV, STRICT, Limits.defaults()))
                .hasMessageContaining("The bytes look like EUC-KR (confidence high): import it with --encoding EUC-KR");
    }

    @Test
    void theReaderNotesTheDetectedEncodingAndItsConfidence() {
        try (var reader = dev.qaimport.parse.internal.RecordReaders.open(new java.io.ByteArrayInputStream(resource("faq-ko.euc-kr.csv")),
                SourceType.CSV, DETECT, Limits.defaults())) {
            assertThat(reader.note()).isEqualTo("the file is not UTF-8; read as EUC-KR (confidence high)");
        }
        try (var reader = dev.qaimport.parse.internal.RecordReaders.open(new java.io.ByteArrayInputStream(resource("faq-ko.utf-8.csv")),
                SourceType.CSV, DETECT, Limits.defaults())) {
            assertThat(reader.note()).isNull();
        }
    }
}
