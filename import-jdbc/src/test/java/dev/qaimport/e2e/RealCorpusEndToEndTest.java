package dev.qaimport.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.qaimport.Field;
import dev.qaimport.ImportOptions;
import dev.qaimport.QaImport;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.testing.TestDatabase;
import dev.qaimport.jdbc.testing.TestDatabases;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.JobStatus;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.RowError;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the real-world corpus (import-core's test resources {@code corpus/real}, see its
 * MANIFEST.md) imports through {@link QaImport} on H2, with the mapping docs/PARSING.md suggests
 * where its headers are not recognisable: the manifest's row count, the skips and errors the
 * manifest implies, and one stored value per file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealCorpusEndToEndTest {
    private TestDatabase db;
    private JdbcImportStore store;

    @BeforeAll
    void open() {
        db = TestDatabases.h2Memory();
        store = JdbcImportStore.builder(db.dataSource()).installSchema(true).build();
    }

    @AfterAll
    void close() {
        store.close();
        db.close();
    }

    /** Files 10 and 16 hold the same questions: each file is imported into empty tables. */
    @BeforeEach
    void emptyTables() {
        db.clean();
    }

    /** What one file must give: records, skipped duplicates, row errors, and a look at what was stored. */
    interface Check {
        void verify(Map<String, QAPair> byQuestion, List<RowError> errors);
    }

    static Stream<Arguments> corpus() {
        ImportOptions none = ImportOptions.defaults();
        return Stream.of(
                file("01-vietnamese-sts-faq.csv", none, 30, 0, 0, (p, e) ->
                        assertThat(p.get("Greenwich Vietnam là gì?").answer()).startsWith("Greenwich Vietnam là chương trình liên kết quốc tế giữa University of Greenwich (UK)")),
                file("02-sakura-hackathon-faq.csv", none, 54, 0, 0, (p, e) ->
                        assertThat(p.get("給与の支給日はいつですか？").category()).isNotBlank()),
                // The last line holds one field where the header has four.
                file("03-helpdesk-ai-faq.csv", none, 29, 0, 1, (p, e) -> {
                    assertThat(e).extracting(RowError::row, RowError::line, RowError::field, RowError::code)
                            .containsExactly(tuple(29L, 30L, "row", ErrorCodes.MALFORMED_ROW));
                    assertThat(e.get(0).message()).startsWith("expected 4 fields as in the header but found 1");
                    assertThat(p.get("パスワードを忘れました").category()).isEqualTo("account");
                }),
                file("04-andrei-violet-faq.csv", map("Pregunta", "Respuesta1"), 20, 0, 0, (p, e) ->
                        assertThat(p.get("¿Qué es Python y cuáles son sus principales características?").answer()).contains("Python")),
                file("05-shopping-faq-rag-faq.csv", none, 80, 0, 0, (p, e) ->
                        assertThat(p).containsKey("배송은 며칠 걸리나요?")),
                file("06-skn27-1st-2team-faq.csv", none, 12, 0, 0, (p, e) ->
                        assertThat(p.get("자동차 결함을 신고하고 싶은데 어떻게 하나요?").answer())
                                .startsWith("• 자동차 운행 중 안전상의 문제 등 자동차 결함과 관련하여")),
                // The file ends with a blank line, which is not a record: 40 rows, the last one real.
                file("07-faqtor-faq.csv", none, 40, 0, 0, (p, e) ->
                        assertThat(p.get("O que é integralização curricular?")).extracting(QAPair::sourceRow, QAPair::category)
                                .containsExactly(40L, "Colação de grau")),
                // Single-quoted <a> attributes: the link is kept, rewritten with double quotes and a safe rel.
                file("08-infobase-faq.csv", map("q_en", "a_en"), 13, 0, 0, (p, e) ->
                        assertThat(p.get("Where is GC InfoBase data sourced from? Is it reliable?").answer())
                                .contains("<a href=\"http://publications.gc.ca/site/eng/home.html\" rel=\"nofollow noopener noreferrer\">")
                                .doesNotContain("target=").doesNotContain("'_blank'")),
                // One row has empty answer cells.
                file("09-ht2-faq.csv", map("question_en", "answer_en"), 8, 0, 1, (p, e) -> {
                    assertThat(e).extracting(RowError::row, RowError::field, RowError::code, RowError::message)
                            .containsExactly(tuple(4L, "answer", ErrorCodes.REQUIRED, "answer is empty"));
                    assertThat(p).containsKey("Can I download the graphs to use in PowerPoint, Word, etc.?");
                }),
                file("10-passgage-faq-bot-faq.csv", map("Uygulamaya Giriş Öncesi", "Çözüm:"), 14, 0, 0, (p, e) ->
                        assertThat(p.get("Kullanıcı Bulunamadı.").answer())
                                .startsWith("Konuyla ilgili insan kaynaklarınızla görüşmeniz gerekmektedir.")),
                // Three questions repeat: 8 repetitions are skipped as duplicates.
                file("11-nederlands-qa-faq.csv", none, 48, 8, 0, (p, e) -> {
                    assertThat(p.get("Wanneer werk ik?").answer()).isEqualTo("Ik werk elke dag.");
                    assertThat(p).containsKey("Wat voor weer is het?");
                }),
                file("12-kirana-faq.tsv", none, 49, 0, 0, (p, e) ->
                        assertThat(p.get("yang mau pake jalur non skripsi, itu step by step dah deadline nya gmn dong"))
                                .extracting(QAPair::sourceRow, QAPair::category).containsExactly(49L, "skripsi_non_reguler")),
                file("13-text-data-faq.jsonl", none, 30, 0, 0, (p, e) ->
                        assertThat(p.values().stream().map(QAPair::answer).filter(a -> a.contains("’"))).isNotEmpty()),
                file("14-gjj-kefu-faq.jsonl", none, 17, 0, 0, (p, e) ->
                        assertThat(p).containsKey("公积金个人住房贷款最高能贷多少？")),
                file("15-dataware-faq-faq.json", none, 38, 0, 0, (p, e) ->
                        assertThat(p).containsKey("1. How can I add a new product in DataWare?")),
                // Two sources merged: 14 questions appear twice; the first of each is kept.
                file("16-passgage-faq-bot-faqs.json", none, 40, 14, 0, (p, e) ->
                        assertThat(p.get("Kullanıcı Bulunamadı.")).extracting(QAPair::category, QAPair::tags)
                                .containsExactly("giriş", List.of("kullanıcı", "bulunamadı"))),
                // A map keyed by slug, answers with <b>.
                file("17-chinawdtelegrambot1-faq.json", none, 11, 0, 0, (p, e) ->
                        assertThat(p.get("Доставка по РФ. Стоимость автовоза.").answer())
                                .contains("\n\n<b>Примерные цены на некоторые основные направления:</b>\n• Москва - 210 000 руб.")),
                file("18-annemarie-andersen-faq.json", none, 5, 0, 0, (p, e) ->
                        assertThat(p.get("Is this a real profile?").answer())
                                .isEqualTo("No, this is a demo template. All data are placeholders that should be replaced with your own information.")),
                file("19-guards-faqs.json", none, 8, 0, 0, (p, e) ->
                        assertThat(p).containsKey("What security services do you offer?")),
                file("20-scraping-groupe-i-hackathon-faq.csv", none, 7, 0, 0, (p, e) ->
                        assertThat(p).containsKey("Vous êtes sur le site IKEA France")));
    }

    private static Arguments file(String name, ImportOptions options, long rows, long skipped, long errors, Check check) {
        return Arguments.of(name, options, rows, skipped, errors, check);
    }

    private static ImportOptions map(String question, String answer) {
        return ImportOptions.builder().column(Field.QUESTION, question).column(Field.ANSWER, answer).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void importsEveryRealFile(String file, ImportOptions options, long rows, long skipped, long errors, Check check) throws IOException {
        try (QaImport qa = QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO).build();
                InputStream in = RealCorpusEndToEndTest.class.getResourceAsStream("/corpus/real/" + file)) {
            assertThat(in).as("corpus file %s on the test class path (import-core's test-jar)", file).isNotNull();

            ImportJob job = qa.processImport(qa.startImport(file, in, options));

            assertThat(job.status()).as(job.errorMessage()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.totalRows()).isEqualTo(rows);
            assertThat(job.processedRows()).isEqualTo(rows);
            assertThat(job.successCount() + job.skippedCount() + job.errorCount()).isEqualTo(rows);
            assertThat(job.skippedCount()).isEqualTo(skipped);
            assertThat(job.errorCount()).isEqualTo(errors);
            List<QAPair> pairs = E2e.pairs(qa, job.id());
            assertThat(pairs).hasSize((int) job.successCount());
            Map<String, QAPair> byQuestion = pairs.stream().collect(Collectors.toMap(QAPair::question, Function.identity()));
            check.verify(byQuestion, E2e.errors(qa, job.id()));
        }
    }
}
