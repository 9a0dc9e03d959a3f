package dev.qaimport.parse;

import static dev.qaimport.parse.Parse.error;
import static dev.qaimport.parse.Parse.records;
import static dev.qaimport.parse.Parse.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.SourceType;
import dev.qaimport.parse.internal.ParsedRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatAndInstructionShapesTest {
    private static final String CHAT = """
            {"messages":[{"role":"system","content":"You are the support assistant of Acme Bank."},{"role":"user","content":"How do I block my card?"},{"role":"assistant","content":"Open the app, tap **Cards** and choose *Block*."}]}
            {"messages":[{"role":"system","content":"Du bist der Kundendienst."},{"role":"user","content":"Wie ändere ich meine Adresse?"},{"role":"assistant","content":"Unter Profil → Adresse."},{"role":"user","content":"Und die Telefonnummer?"},{"role":"assistant","content":"Ebenfalls im Profil."}]}

            {"messages":[{"role":"user","content":[{"type":"text","text":"パスワードを忘れました"}]},{"role":"assistant","content":[{"type":"text","text":"ログイン画面の「パスワードを忘れた」から再設定できます。"}]}],"category":"アカウント"}
            """;

    @Test
    void chatRecordsInJsonLinesGiveOnePairPerExchange() {
        List<ParsedQA> qas = records(CHAT, SourceType.JSONL);

        assertThat(qas).extracting(ParsedQA::row, ParsedQA::line, ParsedQA::question, ParsedQA::answer, ParsedQA::category).containsExactly(
                tuple(1L, 1L, "How do I block my card?", "Open the app, tap **Cards** and choose *Block*.", null),
                tuple(2L, 2L, "Wie ändere ich meine Adresse?", "Unter Profil → Adresse.", null),
                tuple(3L, 2L, "Und die Telefonnummer?", "Ebenfalls im Profil.", null),
                tuple(4L, 4L, "パスワードを忘れました", "ログイン画面の「パスワードを忘れた」から再設定できます。", "アカウント"));
    }

    @Test
    void chatRecordsInAJsonArrayAndUnderAWrapperToo() {
        String array = "[\n" + String.join(",\n", CHAT.strip().lines().filter(l -> !l.isBlank()).toList()) + "\n]";
        assertThat(records(array, SourceType.JSON)).extracting(ParsedQA::row, ParsedQA::line)
                .containsExactly(tuple(1L, 2L), tuple(2L, 3L), tuple(3L, 3L), tuple(4L, 4L));

        String wrapped = "{\"data\": [{\"messages\": [{\"role\": \"user\", \"content\": \"¿Puedo pagar a plazos?\"},"
                + " {\"role\": \"assistant\", \"content\": \"Sí, en 3 o 6 meses.\"}]}]}";
        assertThat(records(wrapped, SourceType.JSON)).extracting(ParsedQA::question, ParsedQA::answer)
                .containsExactly(tuple("¿Puedo pagar a plazos?", "Sí, en 3 o 6 meses."));
    }

    @Test
    void shareGptConversationsAreChatRecordsToo() {
        String jsonl = "{\"conversations\":[{\"from\":\"human\",\"value\":\"Что такое кешбэк?\"},{\"from\":\"gpt\",\"value\":\"Возврат части суммы покупки.\"}]}\n";
        assertThat(records(jsonl, SourceType.JSONL)).extracting(ParsedQA::question, ParsedQA::answer)
                .containsExactly(tuple("Что такое кешбэк?", "Возврат части суммы покупки."));
    }

    @Test
    void consecutiveTurnsOfOneRoleAreJoinedAndAnUnansweredTurnIsARowError() {
        String jsonl = """
                {"messages":[{"role":"assistant","content":"Hello!"},{"role":"user","content":"Hi."},{"role":"user","content":"Can I pay by invoice?"},{"role":"assistant","content":"Yes."},{"role":"assistant","content":"Up to 30 days."}]}
                {"messages":[{"role":"user","content":"Do you ship abroad?"},{"role":"assistant","content":"To the EU."},{"role":"user","content":"And to Norway?"}]}
                {"messages":[{"role":"user","content":{"oops":1}},{"role":"assistant","content":"x"}]}
                {"messages":[{"role":"system","content":"only a system prompt"}]}
                """;
        List<ParsedRow> rows = rows(jsonl, SourceType.JSONL);

        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).qa().question()).isEqualTo("Hi.\n\nCan I pay by invoice?");
        assertThat(rows.get(0).qa().answer()).isEqualTo("Yes.\n\nUp to 30 days.");
        assertThat(rows.get(1).qa().answer()).isEqualTo("To the EU.");
        assertThat(error(rows.get(2))).extracting("row", "line", "field", "code").containsExactly(3L, 2L, "answer", ErrorCodes.REQUIRED);
        assertThat(error(rows.get(2)).message()).isEqualTo("exchange 2 of 2 of the record has a user turn but no assistant turn after it");
        assertThat(error(rows.get(3)).message()).isEqualTo("the content of messages[0] is an object; expected text");
        assertThat(error(rows.get(4))).extracting("row", "line", "code").containsExactly(5L, 4L, ErrorCodes.MALFORMED_ROW);
    }

    @Test
    void aPlainQuestionKeyWinsOverTheMessages() {
        String jsonl = "{\"question\":\"Q?\",\"answer\":\"A.\",\"messages\":[{\"role\":\"user\",\"content\":\"other\"},{\"role\":\"assistant\",\"content\":\"x\"}]}\n";
        assertThat(records(jsonl, SourceType.JSONL)).extracting(ParsedQA::question, ParsedQA::answer).containsExactly(tuple("Q?", "A."));
    }

    @Test
    void instructionRecordsJoinANonEmptyInputToTheInstruction() {
        String jsonl = """
                {"instruction":"Translate to French.","input":"Where is my parcel?","output":"Où est mon colis ?"}
                {"instruction":"Wie lange dauert die Lieferung?","input":"","output":"Zwei bis drei Werktage."}
                {"instruction":"返品できますか？","output":"30日以内であれば返品できます。"}
                """;
        assertThat(records(jsonl, SourceType.JSONL)).extracting(ParsedQA::question, ParsedQA::answer).containsExactly(
                tuple("Translate to French.\n\nWhere is my parcel?", "Où est mon colis ?"),
                tuple("Wie lange dauert die Lieferung?", "Zwei bis drei Werktage."),
                tuple("返品できますか？", "30日以内であれば返品できます。"));

        String json = "[{\"instruction\": \"¿Cuánto cuesta el envío?\", \"input\": null, \"output\": \"Es gratis desde 50 €.\"}]";
        assertThat(records(json, SourceType.JSON)).extracting(ParsedQA::question).containsExactly("¿Cuánto cuesta el envío?");
    }

    @Test
    void aTurnLongerThanTheFieldLimitMakesTheRecordARowErrorAndTheNextRecordImports() {
        String json = "[{\"messages\":[{\"role\":\"user\",\"content\":\"Q?\"},{\"role\":\"assistant\",\"content\":\"" + "x".repeat(300)
                + "\"}]},\n{\"messages\":[{\"role\":\"user\",\"content\":\"Ok?\"},{\"role\":\"assistant\",\"content\":\"Yes.\"}]}]";
        List<ParsedRow> rows = rows(json, SourceType.JSON, dev.qaimport.ImportOptions.defaults(), dev.qaimport.Limits.defaults().withMaxFieldChars(100));

        assertThat(rows).hasSize(2);
        assertThat(error(rows.get(0))).extracting("row", "code").containsExactly(1L, ErrorCodes.TOO_LONG);
        assertThat(error(rows.get(0)).message()).startsWith("the text of messages[1] is longer than 100 characters (Limits.maxFieldChars)");
        assertThat(rows.get(1).qa().answer()).isEqualTo("Yes.");

        String many = "[{\"messages\":[" + String.join(",", java.util.Collections.nCopies(10,
                "{\"role\":\"user\",\"content\":\"" + "q".repeat(60) + "\"},{\"role\":\"assistant\",\"content\":\"" + "a".repeat(60) + "\"}"))
                + "]}]";
        List<ParsedRow> big = rows(many, SourceType.JSON, dev.qaimport.ImportOptions.defaults(), dev.qaimport.Limits.defaults().withMaxFieldChars(100));
        assertThat(big).singleElement().satisfies(r -> assertThat(error(r).message()).startsWith("the record's turns are longer than 400"));
    }
}
