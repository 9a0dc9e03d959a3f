package dev.qaimport.parse;

import static dev.qaimport.parse.Parse.failure;
import static dev.qaimport.parse.Parse.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.SourceType;
import dev.qaimport.parse.internal.ParsedRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageSuffixTest {
    private static ImportOptions language(String l) {
        return ImportOptions.builder().language(l).build();
    }

    @Test
    void oneLanguageIsReadWithoutBeingTold() {
        String csv = "id,question_th,answer_th,category_th\n1,ลืมรหัสผ่านทำอย่างไร,กด \"ลืมรหัสผ่าน\" ที่หน้าเข้าสู่ระบบ,บัญชี\n";
        assertThat(records(csv, SourceType.CSV)).extracting(ParsedQA::question, ParsedQA::answer, ParsedQA::category)
                .containsExactly(tuple("ลืมรหัสผ่านทำอย่างไร", "กด \"ลืมรหัสผ่าน\" ที่หน้าเข้าสู่ระบบ", "บัญชี"));

        String jsonl = "{\"q_ko\":\"배송은 며칠 걸리나요?\",\"a_ko\":\"보통 2~3일 걸립니다.\"}\n{\"q_ko\":\"반품되나요?\",\"a_ko\":\"7일 이내 가능합니다.\"}\n";
        assertThat(records(jsonl, SourceType.JSONL)).extracting(ParsedQA::question).containsExactly("배송은 며칠 걸리나요?", "반품되나요?");
    }

    @Test
    void severalLanguagesNeedAChoiceAndTheErrorListsThem() {
        String csv = "q_en,q_fr,a_en,a_fr\nHow do I pay?,Comment payer ?,By card.,Par carte.\n";

        assertThat(failure(csv, SourceType.CSV).code()).isEqualTo(ErrorCodes.MISSING_COLUMNS);
        assertThat(failure(csv, SourceType.CSV)).hasMessage("line 1: the file has questions and answers in 2 languages: \"en\" (q_en, a_en), "
                + "\"fr\" (q_fr, a_fr). Choose one with --language en (ImportOptions.Builder.language(\"en\")), or map the columns with "
                + "--map question=q_en,answer=a_en");
        assertThat(records(csv, SourceType.CSV, language("fr"))).extracting(ParsedQA::question, ParsedQA::answer)
                .containsExactly(tuple("Comment payer ?", "Par carte."));
        assertThat(records(csv, SourceType.CSV, language("EN"))).extracting(ParsedQA::answer).containsExactly("By card.");
        assertThat(failure(csv, SourceType.CSV, language("de"), Limits.defaults())).hasMessageContaining(
                "no question and answer columns for the language \"de\"; the file has \"en\" (q_en, a_en), \"fr\" (q_fr, a_fr)");
    }

    @Test
    void jsonKeysWithSeveralLanguagesNeedAChoiceToo() {
        String json = "[{\"question_en\":\"Is there an app?\",\"question_es\":\"¿Hay una app?\",\"answer_en\":\"Yes.\",\"answer_es\":\"Sí.\"},"
                + "{\"question_en\":\"Free?\",\"question_es\":\"¿Gratis?\",\"answer_en\":\"Yes.\",\"answer_es\":\"Sí.\"}]";

        assertThat(failure(json, SourceType.JSON)).hasMessageContaining("2 languages: \"en\" (question_en, answer_en), \"es\" "
                + "(question_es, answer_es). Choose one with --language en");
        assertThat(records(json, SourceType.JSON, language("es"))).extracting(ParsedQA::question).containsExactly("¿Hay una app?", "¿Gratis?");
        assertThat(records(json.replace("[", "").replace("]", "").replace("},{", "}\n{"), SourceType.JSONL, language("en")))
                .extracting(ParsedQA::question).containsExactly("Is there an app?", "Free?");
    }

    @Test
    void plainAliasesWinAndRegionsAreKept() {
        String csv = "question,answer,answer_fr\nQ?,A.,R.\n";
        assertThat(records(csv, SourceType.CSV)).extracting(ParsedQA::answer).containsExactly("A.");

        String regions = "pergunta_pt-BR,resposta_pt-BR,pergunta_pt-PT,resposta_pt-PT\nComo pago?,Com Pix.,Como pago?,Com MB Way.\n";
        assertThat(records(regions, SourceType.CSV, language("pt_PT"))).extracting(ParsedQA::answer).containsExactly("Com MB Way.");
    }

    @Test
    void idColumnsAreNotLanguages() {
        assertThat(failure("question_id,answer_no\n1,2\n", SourceType.CSV)).hasMessageContaining("no column for question");
    }

    @Test
    void aLanguageIsLettersWithAnOptionalRegion() {
        assertThat(language(" Th ").language()).isEqualTo("th");
        assertThat(language("zh_TW").language()).isEqualTo("zh-tw");
        assertThat(language("").language()).isNull();
        assertThatThrownBy(() -> language("en;drop")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("language is not a language code such as en, th or pt-BR: en;drop");
    }

    @Test
    void theRealBilingualCorpusFilesImportWithALanguageAndRefuseWithout() {
        List<ParsedRow> infobase = RealCorpusTest.read("08-infobase-faq.csv", language("fr"));
        assertThat(infobase).hasSize(13).allSatisfy(r -> assertThat(r.error()).isNull());
        assertThat(infobase.get(0).qa().question()).isEqualTo("D'où proviennent les données de l’InfoBase du GC? Sont-elles fiables?");
        assertThat(RealCorpusTest.read("08-infobase-faq.csv", language("en")).get(0).qa().question())
                .isEqualTo("Where is GC InfoBase data sourced from? Is it reliable?");

        List<ParsedRow> ht2 = RealCorpusTest.read("09-ht2-faq.csv", language("dk"));
        assertThat(ht2).hasSize(8);
        assertThat(ht2.get(0).qa().question()).isEqualTo("Kan jeg downloade graferne til at bruge i PowerPoint, Word osv.?");

        assertThatThrownBy(() -> RealCorpusTest.read("08-infobase-faq.csv", ImportOptions.defaults()))
                .hasMessageStartingWith("line 1: the file has questions and answers in 2 languages: \"en\" (q_en, a_en), \"fr\" (q_fr, a_fr).");
        assertThatThrownBy(() -> RealCorpusTest.read("09-ht2-faq.csv", ImportOptions.defaults()))
                .hasMessageContaining("\"en\" (question_en, answer_en), \"dk\" (question_dk, answer_dk). Choose one with --language en");
    }
}
