package dev.qaimport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.QaImport;
import dev.qaimport.RowValidationException;
import dev.qaimport.model.EmbeddingStatus;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.QAStatus;
import dev.qaimport.spi.ImportStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QACreatorTest {
    private final ImportStore store = Fixture.store(Fixture.h2());
    private final QaImport qa = Fixture.builder(store).build();

    @AfterEach
    void close() {
        qa.close();
    }

    private QAPair create(ParsedQA parsed) {
        return qa.qaCreator().createFromParsed(parsed, null);
    }

    @Test
    void createsAPairInTheDatabase() {
        QAPair created = create(ParsedQA.of(1, 2, "How do I reset my password?", "Use the link on the sign-in page."));

        QAPair stored = store.queries().pair(created.id()).orElseThrow();
        assertThat(stored.question()).isEqualTo("How do I reset my password?");
        assertThat(stored.answer()).isEqualTo("Use the link on the sign-in page.");
        assertThat(stored.sourceRow()).isEqualTo(1);
        assertThat(stored.createdAt()).isNotNull();
    }

    @Test
    void setsTheStatusToDraft() {
        QAPair created = create(ParsedQA.of(1, 1, "Q?", "A."));

        assertThat(created.status()).isEqualTo(QAStatus.DRAFT);
        assertThat(store.queries().pair(created.id()).orElseThrow().status()).isEqualTo(QAStatus.DRAFT);
    }

    @Test
    void setsTheCategory() {
        QAPair created = create(new ParsedQA(1, 1, "Q?", "A.", "  Billing  ", List.of()));

        assertThat(store.queries().pair(created.id()).orElseThrow().category()).isEqualTo("Billing");
    }

    @Test
    void setsTheTags() {
        QAPair created = create(new ParsedQA(1, 1, "Q?", "A.", null, List.of("billing", " invoices ", "Billing", "")));

        assertThat(store.queries().pair(created.id()).orElseThrow().tags()).containsExactly("billing", "invoices");
    }

    @Test
    void sanitizesHtmlAndWhitespace() {
        QAPair created = create(ParsedQA.of(1, 1, "  <b>How</b>   do I\tpay? <script>alert(1)</script>",
                "<p onclick=\"x()\">Use <a href=\"javascript:evil()\">this</a> or <a href=\"https://example.com/pay\">that</a>.</p>"));

        QAPair stored = store.queries().pair(created.id()).orElseThrow();
        assertThat(stored.question()).isEqualTo("How do I pay?");
        assertThat(stored.answer()).doesNotContain("onclick", "javascript", "<script").contains("https://example.com/pay");
    }

    @Test
    void queuesTheEmbedding() {
        QAPair created = create(ParsedQA.of(1, 1, "Q?", "A."));

        assertThat(created.embeddingStatus()).isEqualTo(EmbeddingStatus.PENDING);
        assertThat(store.queries().pair(created.id()).orElseThrow().embeddingStatus()).isEqualTo(EmbeddingStatus.PENDING);
        assertThat(store.embeddings().countPending(null)).isEqualTo(1);
    }

    @Test
    void rejectsAnInvalidRecordListingEveryProblem() {
        assertThatThrownBy(() -> create(ParsedQA.of(4, 9, " ", "<p></p>")))
                .isInstanceOfSatisfying(RowValidationException.class, e -> {
                    assertThat(e.errors()).extracting(r -> r.field()).containsExactlyInAnyOrder("question", "answer");
                    assertThat(e.code()).isEqualTo(ErrorCodes.REQUIRED);
                })
                .hasMessageContaining("row 4 (line 9)").hasMessageContaining("and 1 more");
    }
}
