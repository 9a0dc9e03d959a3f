package dev.qaimport.parse;

import static dev.qaimport.parse.Parse.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.SourceType;
import org.junit.jupiter.api.Test;

class NestedGroupsTest {
    @Test
    void groupsOfQuestionsAreFoundWithoutARecordsPathAndTheirTitleIsTheCategory() {
        String json = """
                {
                  "version": 2,
                  "categories": [
                    {
                      "title": "Konto",
                      "icon": "user",
                      "questions": [
                        {"question": "Wie ändere ich mein Passwort?", "answer": "Unter Einstellungen → Sicherheit."},
                        {"question": "Wie lösche ich mein Konto?", "answer": "Schreiben Sie dem Support."}
                      ],
                      "footer": {"links": []}
                    },
                    {"title": "Zahlung", "questions": []},
                    {
                      "title": "Livraison",
                      "questions": [
                        {"question": "Quels sont les délais ?", "answer": "Deux à trois jours ouvrés.", "category": "Express"},
                        "stray"
                      ]
                    },
                    {"name": "配送", "faqs": [{"q": "海外発送はできますか？", "a": "はい、一部の国に発送できます。"}]}
                  ]
                }
                """;
        var rows = Parse.rows(json, SourceType.JSON);

        assertThat(rows).hasSize(5);
        assertThat(rows.get(3).error()).isNotNull();
        assertThat(rows.stream().filter(r -> r.qa() != null).map(r -> r.qa()).toList())
                .extracting(ParsedQA::row, ParsedQA::line, ParsedQA::question, ParsedQA::category).containsExactly(
                        tuple(1L, 8L, "Wie ändere ich mein Passwort?", "Konto"),
                        tuple(2L, 9L, "Wie lösche ich mein Konto?", "Konto"),
                        tuple(3L, 17L, "Quels sont les délais ?", "Express"),
                        tuple(5L, 21L, "海外発送はできますか？", "配送"));
    }

    @Test
    void aTopLevelArrayOfGroupsToo() {
        String json = "[{\"section\": \"Billing\", \"items\": [{\"question\": \"Can I get an invoice?\", \"answer\": \"Yes, under Billing.\"}]},"
                + " {\"section\": \"Privacy\", \"items\": [{\"question\": \"Do you sell data?\", \"answer\": \"No.\"}]}]";
        assertThat(records(json, SourceType.JSON)).extracting(ParsedQA::question, ParsedQA::category).containsExactly(
                tuple("Can I get an invoice?", "Billing"), tuple("Do you sell data?", "Privacy"));

        String wrapped = "{\"faq\": " + json.replace("\"section\"", "\"title\"") + "}";
        assertThat(records(wrapped, SourceType.JSON)).extracting(ParsedQA::question, ParsedQA::category).containsExactly(
                tuple("Can I get an invoice?", "Billing"), tuple("Do you sell data?", "Privacy"));
    }

    @Test
    void plainListsOfRecordsAreReadAsBefore() {
        String json = "{\"data\": [{\"question\": \"q1\", \"answer\": \"a1\", \"items\": [1, 2]}, {\"question\": \"q2\", \"answer\": \"a2\"}]}";
        assertThat(records(json, SourceType.JSON)).extracting(ParsedQA::question, ParsedQA::category)
                .containsExactly(tuple("q1", null), tuple("q2", null));
    }
}
