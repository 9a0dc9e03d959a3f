package dev.qaimport.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.AnswerFormat;
import dev.qaimport.Field;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.model.DuplicatePolicy;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.SourceType;
import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

class IntakeAndOptionsTest {
    @Test
    void optionsSurviveTheRoundTripThroughStoredJson() {
        ImportOptions o = ImportOptions.builder().sourceType(SourceType.TSV).encoding(Charset.forName("windows-1252"))
                .detectEncoding(true).delimiter('\t').column(Field.QUESTION, "Frage").column(Field.TAGS, "Schlagwörter")
                .recordsPath("faqs").sheet("Antworten").duplicatePolicy(DuplicatePolicy.CREATE).answerFormat(AnswerFormat.PLAIN_TEXT).build();

        assertThat(OptionsCodec.decode(OptionsCodec.encode(o))).isEqualTo(o);
        assertThat(OptionsCodec.decode(OptionsCodec.encode(ImportOptions.defaults()))).isEqualTo(ImportOptions.defaults());
        assertThat(OptionsCodec.decode("{\"version\":2,\"future\":true,\"detectEncoding\":true}")).isEqualTo(ImportOptions.defaults());
        ImportOptions strict = ImportOptions.builder().detectEncoding(false).build();
        assertThat(OptionsCodec.decode(OptionsCodec.encode(strict))).isEqualTo(strict);
    }

    @Test
    void jobsStoredBeforeDetectionWasTheDefaultKeepReadingStrictly() {
        assertThat(ImportOptions.defaults().detectEncoding()).isTrue();
        assertThat(OptionsCodec.encode(ImportOptions.defaults())).contains("\"detectEncoding\":true");
        assertThat(OptionsCodec.decode("{\"version\":1}").detectEncoding()).as("a job stored without the key").isFalse();
    }

    @Test
    void theEmbeddingProfileSurvivesTheRoundTripAndNoneStaysNone() {
        ImportOptions openAi = ImportOptions.builder().embeddingProfile(new EmbeddingProfile("openai", "https://api.openai.com/v1",
                "text-embedding-3-small", 256, "{category}: {question}")).build();
        ImportOptions none = ImportOptions.builder().embeddingProfile(EmbeddingProfile.none()).build();

        assertThat(OptionsCodec.decode(OptionsCodec.encode(openAi))).isEqualTo(openAi);
        assertThat(OptionsCodec.decode(OptionsCodec.encode(none)).embeddingProfile()).isEqualTo(EmbeddingProfile.none());
        assertThat(OptionsCodec.decode("{\"version\":1}").embeddingProfile()).as("jobs stored before profiles").isNull();
    }

    @Test
    void theAnswerMarkupIsStoredSoAResumedJobRendersTheSame() {
        ImportOptions md = ImportOptions.builder().answerMarkup(dev.qaimport.AnswerMarkup.MARKDOWN).build();
        assertThat(OptionsCodec.encode(md)).contains("\"answerMarkup\":\"MARKDOWN\"");
        assertThat(OptionsCodec.decode(OptionsCodec.encode(md))).isEqualTo(md);
        assertThat(OptionsCodec.decode("{\"version\":1}").answerMarkup()).as("jobs stored before markup").isNull();
        ImportOptions thai = ImportOptions.builder().language("th").build();
        assertThat(OptionsCodec.decode(OptionsCodec.encode(thai))).isEqualTo(thai);
    }

    @Test
    void unreadableStoredOptionsAreAnIllegalState() {
        assertThatThrownBy(() -> OptionsCodec.decode("{not json"))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.ILLEGAL_STATE))
                .hasMessageContaining("stored options cannot be read");
    }

    @Test
    void displayNamesDropControlCharactersAndFallBackToUpload() {
        assertThat(JobIntake.displayName("faq\u0000.csv\n")).isEqualTo("faq.csv");
        assertThat(JobIntake.displayName("  ")).isEqualTo("upload");
        assertThat(JobIntake.displayName(null)).isEqualTo("upload");
        assertThat(JobIntake.displayName("x".repeat(300))).hasSize(255);
    }
}
