package dev.qaimport.parse;

import dev.qaimport.parse.internal.ParsedRow;
import static dev.qaimport.parse.Parse.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.Field;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.SourceType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the real-world corpus ({@code src/test/resources/corpus/real/MANIFEST.md}, copied
 * byte for byte from {@code shared/corpus/real}) imports with the record count the manifest
 * states, with a mapping where its headers are not recognisable.
 */
class RealCorpusTest {
    private static final ImportOptions NONE = ImportOptions.defaults();

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("01-vietnamese-sts-faq.csv", NONE, 30, 0, "Greenwich Vietnam là gì?"),
                Arguments.of("02-sakura-hackathon-faq.csv", NONE, 54, 0, "給与の支給日はいつですか？"),
                Arguments.of("03-helpdesk-ai-faq.csv", NONE, 28, 1, "パスワードを忘れました"),
                Arguments.of("04-andrei-violet-faq.csv", ImportOptions.builder().column(Field.ANSWER, "Respuesta1").build(), 20, 0,
                        "¿Qué es Python y cuáles son sus principales características?"),
                Arguments.of("05-shopping-faq-rag-faq.csv", NONE, 80, 0, "배송은 며칠 걸리나요?"),
                Arguments.of("06-skn27-1st-2team-faq.csv", NONE, 12, 0, "자동차 결함을 신고하고 싶은데 어떻게 하나요?"),
                Arguments.of("07-faqtor-faq.csv", NONE, 40, 0, "Como faço minha matrícula no semestre?"),
                Arguments.of("08-infobase-faq.csv", map("q_en", "a_en"), 13, 0, "Where is GC InfoBase data sourced from? Is it reliable?"),
                Arguments.of("09-ht2-faq.csv", map("question_en", "answer_en"), 8, 0,
                        "Can I download the graphs to use in PowerPoint, Word, etc.?"),
                Arguments.of("10-passgage-faq-bot-faq.csv", map("Uygulamaya Giriş Öncesi", "Çözüm:"), 14, 0, "Kullanıcı Bulunamadı."),
                Arguments.of("11-nederlands-qa-faq.csv", NONE, 48, 0, "Wanneer werk ik?"),
                Arguments.of("12-kirana-faq.tsv", NONE, 49, 0, "saya tidak bisa krs, bagaimana solusinya"),
                Arguments.of("13-text-data-faq.jsonl", NONE, 30, 0, "Quali metodi di pagamento posso usare sul vostro sito?"),
                Arguments.of("14-gjj-kefu-faq.jsonl", NONE, 17, 0, "公积金个人住房贷款最高能贷多少？"),
                Arguments.of("15-dataware-faq-faq.json", NONE, 38, 0, "1. How can I add a new product in DataWare?"),
                Arguments.of("16-passgage-faq-bot-faqs.json", NONE, 40, 0, "Kullanıcı Bulunamadı."),
                Arguments.of("17-chinawdtelegrambot1-faq.json", NONE, 11, 0, "Цена в посте/объявлении итоговая?"),
                Arguments.of("18-annemarie-andersen-faq.json", NONE, 5, 0, "Is this a real profile?"),
                Arguments.of("19-guards-faqs.json", NONE, 8, 0, "What security services do you offer?"),
                Arguments.of("20-scraping-groupe-i-hackathon-faq.csv", NONE, 7, 0, "Vous êtes sur le site IKEA France"));
    }

    static List<ParsedRow> read(String file, ImportOptions options) {
        SourceType type = SourceType.fromFilename(file).orElseThrow();
        InputStream in = RealCorpusTest.class.getResourceAsStream("/corpus/real/" + file);
        assertThat(in).as(file).isNotNull();
        return Parse.rows(in, type, options, Limits.defaults());
    }

    static byte[] bytes(String file) {
        try (InputStream in = RealCorpusTest.class.getResourceAsStream("/corpus/real/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void importsEveryFileWithTheManifestsRecordCount(String file, ImportOptions options, int records, int rowErrors, String firstQuestion) {
        List<ParsedRow> rows = read(file, options);

        assertThat(rows).hasSize(records + rowErrors);
        assertThat(rows.stream().filter(r -> r.error() != null)).hasSize(rowErrors);
        List<Long> numbers = new ArrayList<>();
        for (int i = 1; i <= rows.size(); i++) {
            numbers.add((long) i);
        }
        assertThat(rows).extracting(ParsedRow::row).containsExactlyElementsOf(numbers);
        assertThat(rows.get(0).qa().question()).isEqualTo(firstQuestion);
        assertThat(rows.stream().filter(r -> r.qa() != null).map(ParsedRow::qa))
                .allSatisfy(qa -> assertThat(qa.question()).isNotBlank());
    }

    @Test
    void copiesKeepTheLineEndsTheManifestDescribes() {
        for (String crlf : List.of("03-helpdesk-ai-faq.csv", "10-passgage-faq-bot-faq.csv", "11-nederlands-qa-faq.csv",
                "12-kirana-faq.tsv", "13-text-data-faq.jsonl")) {
            assertThat(new String(bytes(crlf), java.nio.charset.StandardCharsets.UTF_8)).as(crlf).contains("\r\n");
        }
        assertThat(new String(bytes("01-vietnamese-sts-faq.csv"), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("\r");
    }

    @Test
    void truncatedLastRowOfFile03IsARaggedRowError() {
        List<ParsedRow> rows = read("03-helpdesk-ai-faq.csv", NONE);

        ParsedRow last = rows.get(rows.size() - 1);
        assertThat(last.error()).extracting("row", "line", "field", "code").containsExactly(29L, 30L, "row", ErrorCodes.MALFORMED_ROW);
        assertThat(last.error().message()).startsWith("expected 4 fields as in the header but found 1");
    }

    @Test
    void file03ReadsItsCategoryColumn() {
        assertThat(read("03-helpdesk-ai-faq.csv", NONE).get(0).qa().category()).isEqualTo("account");
    }

    @Test
    void file04BackslashEscapedQuotesAreReadAsPythonsCsvModuleReadsThem() {
        // Not RFC 4180: the quote after the first backslash closes the field, the rest is kept as
        // trailing text. Backslash is no escape character, so the cell ending in a literal \n stays.
        List<ParsedRow> rows = read("04-andrei-violet-faq.csv", ImportOptions.builder().column(Field.ANSWER, "Respuesta2").build());

        assertThat(rows.get(5).qa().answer()).isEqualTo("Para comentarios multilínea se pueden usar tres comillas (''' o \\\\\"\\\").\"");
        List<ParsedRow> third = read("04-andrei-violet-faq.csv", ImportOptions.builder().column(Field.ANSWER, "Respuesta3").build());
        assertThat(third.get(2).qa().answer()).endsWith("caracteres especiales como \\n");
    }

    @Test
    void file04EmptyQuotedCellsAreEmptyStrings() {
        List<ParsedRow> rows = read("04-andrei-violet-faq.csv", ImportOptions.builder().column(Field.ANSWER, "Respuesta5").build());

        assertThat(rows.get(19).qa().answer()).isEmpty();
    }

    @Test
    void file06MultiLineAnswersKeepTheirLineBreaksAndTrailingSpaces() {
        ParsedQA qa = read("06-skn27-1st-2team-faq.csv", NONE).get(0).qa();

        assertThat(qa.answer()).startsWith("• 자동차 운행 중 안전상의 문제 등 자동차 결함과 관련하여 국토해양부 및 자동차안전연구원에서는 "
                + "자동차제작결함정보를 수집하고 있습니다.  \n \n자동차결함신고센터(www.car.go.kr)를");
    }

    @Test
    void file07TrailingBlankLineIsNotARecord() {
        List<ParsedRow> rows = read("07-faqtor-faq.csv", NONE);

        assertThat(rows.get(39).qa()).extracting(ParsedQA::question, ParsedQA::category)
                .containsExactly("O que é integralização curricular?", "Colação de grau");
    }

    @Test
    void file08MultiLineRecordsGiveTheLineWhereEachStarts() {
        List<ParsedRow> rows = read("08-infobase-faq.csv", map("q_en", "a_en"));

        assertThat(rows.get(0).qa().answer()).startsWith("Relying on publications such as Public Accounts, Estimates, and Departmental Plans, "
                + "GC InfoBase transforms complex\nfederal data into simple visual stories");
        assertThat(rows.get(1).line()).isGreaterThan(rows.get(0).line() + 1);
    }

    @Test
    void file09EmptyAnswerCellIsAnEmptyString() {
        assertThat(read("09-ht2-faq.csv", map("question_en", "answer_en")).get(3).qa().answer()).isEmpty();
    }

    @Test
    void file10IsDetectedAsSemicolonSeparated() {
        ParsedQA qa = read("10-passgage-faq-bot-faq.csv", map("Uygulamaya Giriş Öncesi", "Çözüm:")).get(0).qa();

        assertThat(qa.answer()).startsWith("Konuyla ilgili insan kaynaklarınızla görüşmeniz gerekmektedir.");
    }

    @Test
    void file11IsDetectedAsTabSeparatedDespiteItsName() {
        ParsedQA qa = read("11-nederlands-qa-faq.csv", NONE).get(0).qa();

        assertThat(qa).extracting(ParsedQA::question, ParsedQA::answer).containsExactly("Wanneer werk ik?", "Ik werk elke dag.");
    }

    @Test
    void file12LastRowWithoutFinalNewlineIsRead() {
        List<ParsedRow> rows = read("12-kirana-faq.tsv", NONE);

        assertThat(rows.get(48).qa()).extracting(ParsedQA::question, ParsedQA::category)
                .containsExactly("yang mau pake jalur non skripsi, itu step by step dah deadline nya gmn dong", "skripsi_non_reguler");
    }

    @Test
    void file16SkipsMetaAndReadsKeywordsAsTags() {
        ParsedQA qa = read("16-passgage-faq-bot-faqs.json", NONE).get(0).qa();

        assertThat(qa.line()).isEqualTo(9);
        assertThat(qa.tags()).containsExactly("kullanıcı", "bulunamadı");
        assertThat(qa.category()).isEqualTo("giriş");
        assertThat(qa.answer()).startsWith("Sistemde kayıtlı telefon numaranızın veya mail adresinizin bulunmaması veya güncel olmamasından "
                + "kaynaklanmaktadır.\n\nBilgilerinizin güncel olduğundan emin olduktan sonra");
    }

    @Test
    void file18JsonLdAnswersComeFromAcceptedAnswerText() {
        ParsedQA qa = read("18-annemarie-andersen-faq.json", NONE).get(0).qa();

        assertThat(qa.answer()).isEqualTo("No, this is a demo template. All data are placeholders that should be replaced with your own information.");
        assertThat(read("18-annemarie-andersen-faq.json", NONE)).extracting(r -> r.qa().line()).containsExactly(8L, 16L, 24L, 32L, 40L);
    }

    @Test
    void unmappedFilesFailWithTheMappingTheManifestNeeds() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> read("10-passgage-faq-bot-faq.csv", NONE)))
                .hasMessageContaining("--map 'question=Uygulamaya Giriş Öncesi,answer=Çözüm:'");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> read("09-ht2-faq.csv", NONE)))
                .hasMessageContaining("--map question=question_en,answer=answer_en");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> read("08-infobase-faq.csv", NONE)))
                .hasMessageContaining("--map question=q_en,answer=a_en");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> read("04-andrei-violet-faq.csv", NONE)))
                .hasMessageContaining("--map question=Pregunta,answer=Respuesta1");
    }
}
