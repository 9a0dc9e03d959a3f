package dev.qaimport.parse;

import dev.qaimport.parse.internal.RecordReaders;
import dev.qaimport.parse.internal.RecordReader;
import dev.qaimport.parse.internal.ParsedRow;
import static dev.qaimport.parse.Parse.error;
import static dev.qaimport.parse.Parse.failure;
import static dev.qaimport.parse.Parse.map;
import static dev.qaimport.parse.Parse.records;
import static dev.qaimport.parse.Parse.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.qaimport.Field;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.Limits;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.SourceType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReaderTest {
    private static final SourceType CSV = SourceType.CSV;

    @Test
    void readsQuotedFieldsWithCommasQuotesAndNewlines() {
        List<ParsedQA> qa = records("question,answer\n\"Where, exactly?\",\"He said \"\"hi\"\"\nthen left.\"\n", CSV);

        assertThat(qa).hasSize(1);
        assertThat(qa.get(0).question()).isEqualTo("Where, exactly?");
        assertThat(qa.get(0).answer()).isEqualTo("He said \"hi\"\nthen left.");
    }

    @Test
    void recordSpanningSeveralLinesStartsOnItsFirstLine() {
        List<ParsedQA> qa = records("question,answer\nq1,\"line one\nline two\nline three\"\nq2,a2\n", CSV);

        assertThat(qa).extracting(ParsedQA::row, ParsedQA::line, ParsedQA::question)
                .containsExactly(tuple(1L, 2L, "q1"), tuple(2L, 5L, "q2"));
    }

    @Test
    void crlfEndsRecordsAndIsKeptInsideQuotedFields() {
        List<ParsedQA> qa = records("question,answer\r\nq1,\"a\r\nb\"\r\nq2,a2\r\n", CSV);

        assertThat(qa).extracting(ParsedQA::line, ParsedQA::answer).containsExactly(tuple(2L, "a\r\nb"), tuple(4L, "a2"));
    }

    @Test
    void lineEndsOfOldMacFilesEndRecordsToo() {
        List<ParsedQA> qa = records("question,answer\rq1,a1\rq2,a2", CSV);

        assertThat(qa).extracting(ParsedQA::line, ParsedQA::question).containsExactly(tuple(2L, "q1"), tuple(3L, "q2"));
    }

    @Test
    void utf8ByteOrderMarkIsStrippedBeforeTheFirstHeader() {
        byte[] bytes = ("\uFEFFquestion,answer\nq,a\n").getBytes(StandardCharsets.UTF_8);

        try (RecordReader r = RecordReaders.open(new ByteArrayInputStream(bytes), CSV, ImportOptions.defaults(), Limits.defaults())) {
            assertThat(r.columns()).containsExactly("question", "answer");
            assertThat(r.next().qa().question()).isEqualTo("q");
        }
    }

    @Test
    void headersMatchAliasesIgnoringCaseSpacesAndPunctuation() {
        List<ParsedQA> qa = records("  QUESTION: ,Answer?,\"Category \",*Tags*\nq,a,c,x;y\n", CSV);

        assertThat(qa.get(0)).extracting(ParsedQA::question, ParsedQA::answer, ParsedQA::category, ParsedQA::tags)
                .containsExactly("q", "a", "c", List.of("x", "y"));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
        "q|a", "Title|Content", "Frage|Antwort", "pregunta|respuesta", "Pergunta|Resposta", "domanda|risposta", "Vraag|Antwoord",
        "Вопрос|Ответ", "Soru|Cevap", "pertanyaan|jawaban", "질문|답변", "質問|回答", "问题|答案", "câu hỏi|câu trả lời",
        "Question Text|Response", "Sujet|Body"})
    void recognisesQuestionAndAnswerHeadersInManyLanguages(String question, String answer) {
        List<ParsedQA> qa = records("id," + question + "," + answer + "\n7,the question,the answer\n", CSV);

        assertThat(qa.get(0).question()).isEqualTo("the question");
        assertThat(qa.get(0).answer()).isEqualTo("the answer");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"categoria", "Catégorie", "Kategorie", "class", "topic", "section"})
    void recognisesCategoryHeaders(String header) {
        assertThat(records("question,answer," + header + "\nq,a,billing\n", CSV).get(0).category()).isEqualTo("billing");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tags", "Tag", "keywords", "Labels", "etiquetas", "Schlagwörter"})
    void recognisesTagHeaders(String header) {
        assertThat(records("question,answer," + header + "\nq,a,x\n", CSV).get(0).tags()).containsExactly("x");
    }

    @Test
    void identifierColumnsAreNeverTakenForAField() {
        List<ParsedQA> qa = records("question_id,faq_id,question,answer_id,answer\n1,2,the question,3,the answer\n", CSV);

        assertThat(qa.get(0).question()).isEqualTo("the question");
        assertThat(qa.get(0).answer()).isEqualTo("the answer");
    }

    @Test
    void strongAliasWinsOverGenericWord() {
        List<ParsedQA> qa = records("title,question,content,answer\nT,Q,C,A\n", CSV);

        assertThat(qa.get(0)).extracting(ParsedQA::question, ParsedQA::answer).containsExactly("Q", "A");
    }

    @Test
    void explicitMappingWinsOverAliases() {
        List<ParsedQA> qa = records("question,answer,Frage,Antwort\nq,a,f,x\n", CSV, map("Frage", "Antwort"));

        assertThat(qa.get(0)).extracting(ParsedQA::question, ParsedQA::answer).containsExactly("f", "x");
    }

    @Test
    void explicitMappingIgnoresCaseWhenNoColumnHasTheExactName() {
        List<ParsedQA> qa = records("Q_EN,A_EN\nq,a\n", CSV, map("q_en", "a_en"));

        assertThat(qa.get(0).question()).isEqualTo("q");
    }

    @Test
    void explicitMappingCanNameAColumnByItsNumber() {
        List<ParsedQA> qa = records("x,x,y\nq,a,b\n", CSV, map("#2", "#3"));

        assertThat(qa.get(0)).extracting(ParsedQA::question, ParsedQA::answer).containsExactly("a", "b");
    }

    @Test
    void explicitMappingToAColumnThatDoesNotExistFailsListingTheColumns() {
        ImportException e = failure("question,answer\nq,a\n", CSV, map("Frage", "answer"), Limits.defaults());

        assertThat(e.code()).isEqualTo(ErrorCodes.MISSING_COLUMNS);
        assertThat(e.getMessage()).isEqualTo("line 1: no column \"Frage\" for question (given with --map / ImportOptions.column). "
                + "Columns found: [\"question\", \"answer\"]. Name one of them, or #N for the N-th column");
    }

    @Test
    void missingColumnsErrorListsTheHeadersAndSuggestsTheMapThatFixesIt() {
        ImportException e = failure("id,q1,q2,a1,a2\n1,Why?,Pourquoi ?,Because.,Parce que.\n", CSV);

        assertThat(e.code()).isEqualTo(ErrorCodes.MISSING_COLUMNS);
        assertThat(e.getMessage()).startsWith("line 1: no column for question or answer. Columns found: "
                + "[\"id\", \"q1\", \"q2\", \"a1\", \"a2\"]. To import it, map them: --map question=q1,answer=a1 "
                + "(ImportOptions.Builder.column(Field.QUESTION, \"q1\").column(Field.ANSWER, \"a1\")). "
                + "Recognised names for question: question, q, title, frage, pregunta");
    }

    @Test
    void missingColumnsSuggestionGuessesFromContentAndQuotesNamesWithSpaces() {
        String csv = "Nr;Uygulamaya Giriş Öncesi;Açıklama:;Detay\n"
                + "1;Kullanıcı Bulunamadı.;Kısa;Konuyla ilgili insan kaynaklarınızla görüşmeniz gerekmektedir.\n"
                + "2;Şifre yenilenemiyor.;Kısa;Şifre yenileme bağlantısı e-posta adresinize gönderilir, lütfen kontrol edin.\n";

        ImportException e = failure(csv, CSV);

        assertThat(e.getMessage()).contains("no column for question or answer")
                .contains("--map 'question=Uygulamaya Giriş Öncesi,answer=Detay'");
    }

    @Test
    void suggestionPrefersColumnsWhoseValuesAreQuestions() {
        ImportException e = failure("Kopf,Feld1,Feld2\nHilfe,Wie geht das?,So geht das: erst dies und dann das.\n", CSV);

        assertThat(e.getMessage()).contains("--map question=Feld1,answer=Feld2");
    }

    @Test
    void duplicatedRequiredHeaderIsAnAmbiguityError() {
        ImportException e = failure("question,Question,answer\na,b,c\n", CSV);

        assertThat(e.code()).isEqualTo(ErrorCodes.MISSING_COLUMNS);
        assertThat(e.getMessage()).isEqualTo("line 1: the question column is ambiguous: columns 1 (\"question\") and 2 (\"Question\") "
                + "both name it. Rename one, or choose one with --map question=#1 (ImportOptions.Builder.column(Field.QUESTION, \"#1\"))");
    }

    @Test
    void duplicatedRequiredHeaderCanBeResolvedByNumber() {
        List<ParsedQA> qa = records("question,question,answer\na,b,c\n", CSV, ImportOptions.builder().column(Field.QUESTION, "#2").build());

        assertThat(qa.get(0).question()).isEqualTo("b");
    }

    @Test
    void duplicatedOptionalHeaderTakesTheFirst() {
        assertThat(records("question,answer,category,category\nq,a,first,second\n", CSV).get(0).category()).isEqualTo("first");
    }

    @Test
    void tagsAreSplitOnSemicolonCommaAndPipeTrimmedWithoutEmpties() {
        ParsedQA qa = records("question,answer,tags\nq,a,\" billing; invoices ,pdf|| export ;\"\n", CSV).get(0);

        assertThat(qa.tags()).containsExactly("billing", "invoices", "pdf", "export");
    }

    @Test
    void missingOptionalColumnsGiveNoCategoryAndNoTags() {
        ParsedQA qa = records("question,answer\nq,a\n", CSV).get(0);

        assertThat(qa.category()).isNull();
        assertThat(qa.tags()).isEmpty();
    }

    @Test
    void valuesAreReturnedRawWithoutTrimming() {
        ParsedQA qa = records("question,answer\n  spaced  ,\" quoted \"\n", CSV).get(0);

        assertThat(qa.question()).isEqualTo("  spaced  ");
        assertThat(qa.answer()).isEqualTo(" quoted ");
    }

    @ParameterizedTest(name = "delimiter {index}")
    @ValueSource(chars = {';', '\t', '|'})
    void detectsTheDelimiterFromTheHeaderLine(char delimiter) {
        String csv = "question" + delimiter + "answer" + delimiter + "category\nq, with comma" + delimiter + "a" + delimiter + "c\n";

        ParsedQA qa = records(csv, CSV).get(0);

        assertThat(qa).extracting(ParsedQA::question, ParsedQA::answer, ParsedQA::category).containsExactly("q, with comma", "a", "c");
    }

    @Test
    void delimiterDetectionIgnoresDelimitersInsideQuotes() {
        ParsedQA qa = records("\"question, in full\";answer\n\"q\";\"a, b\"\n", CSV, map("question, in full", "answer")).get(0);

        assertThat(qa.answer()).isEqualTo("a, b");
    }

    @Test
    void explicitDelimiterWinsOverDetection() {
        List<ParsedRow> rows = rows("question|answer|notes;x;y;z\nq|a|n;1;2;3\n", CSV, ImportOptions.builder().delimiter('|').build());

        assertThat(rows.get(0).qa().answer()).isEqualTo("a");
    }

    @Test
    void tsvIsReadWithTabsEvenWhenCommasDominate() {
        ParsedQA qa = records("question\tanswer\na, b, c\td, e\n", SourceType.TSV).get(0);

        assertThat(qa).extracting(ParsedQA::question, ParsedQA::answer).containsExactly("a, b, c", "d, e");
    }

    @Test
    void raggedRowsBecomeRowErrorsAndTheOtherRowsImport() {
        List<ParsedRow> rows = rows("question,answer,category\nq1,a1,c\nshort\nq3,a3,c,extra\nq4,a4,c\n", CSV);

        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).qa().question()).isEqualTo("q1");
        assertThat(error(rows.get(1))).extracting("row", "line", "field", "code", "message")
                .containsExactly(2L, 3L, "row", ErrorCodes.MALFORMED_ROW,
                        "expected 3 fields as in the header but found 1 (a truncated row, or a line break outside quotes?)");
        assertThat(error(rows.get(1)).question()).isEqualTo("short");
        assertThat(error(rows.get(2)).message())
                .isEqualTo("expected 3 fields as in the header but found 4 (an unquoted delimiter inside a field?)");
        assertThat(rows.get(3).qa()).extracting(ParsedQA::row, ParsedQA::line).containsExactly(4L, 5L);
    }

    @Test
    void blankLinesAreNotRecordsAndRowNumbersStayWithoutGaps() {
        List<ParsedQA> qa = records("\n\nquestion,answer\n\nq1,a1\n   \n\nq2,a2\n\n", CSV);

        assertThat(qa).extracting(ParsedQA::row, ParsedQA::line, ParsedQA::question)
                .containsExactly(tuple(1L, 5L, "q1"), tuple(2L, 8L, "q2"));
    }

    @Test
    void unbalancedQuoteIsFatalAndNamesTheLineWhereTheFieldOpened() {
        String csv = "question,answer\nq1,a1\nq2,\"never closed\nq3,a3\nq4,a4\n";
        List<ParsedRow> seen = new java.util.ArrayList<>();

        ImportException e = org.assertj.core.api.Assertions.catchThrowableOfType(ImportException.class, () -> {
            try (RecordReader r = RecordReaders.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), CSV,
                    ImportOptions.defaults(), Limits.defaults())) {
                for (ParsedRow row; (row = r.next()) != null; ) {
                    seen.add(row);
                }
            }
        });

        assertThat(seen).extracting(ParsedRow::row).containsExactly(1L);
        assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
        assertThat(e.getMessage()).isEqualTo("line 3: a quoted field opened on line 3 is never closed; the file ends inside it "
                + "(unbalanced \"). Close the quote, and double every quote inside a quoted field (\"\")");
    }

    @Test
    void unbalancedQuoteInTheHeaderIsFatal() {
        ImportException e = failure("\"question,answer\nq,a\n", CSV);

        assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
        assertThat(e.getMessage()).startsWith("line 1: a quoted field opened on line 1 is never closed");
    }

    @Test
    void readerKeepsFailingAfterAFatalError() {
        byte[] csv = "question,answer\n\"open\n".getBytes(StandardCharsets.UTF_8);
        try (RecordReader r = RecordReaders.open(new ByteArrayInputStream(csv), CSV, ImportOptions.defaults(), Limits.defaults())) {
            ImportException first = org.assertj.core.api.Assertions.catchThrowableOfType(ImportException.class, r::next);
            ImportException second = org.assertj.core.api.Assertions.catchThrowableOfType(ImportException.class, r::next);
            assertThat(second).isSameAs(first);
        }
    }

    @Test
    void emptyFileIsAFatalErrorAskingForAHeader() {
        ImportException e = failure("", CSV);

        assertThat(e.code()).isEqualTo(ErrorCodes.MALFORMED_FILE);
        assertThat(e.getMessage()).isEqualTo("line 1: the file is empty: expected a header line naming the columns "
                + "(for example question,answer,category,tags) followed by one record per line");
    }

    @Test
    void fileOfBlankLinesIsAsEmptyAsAnEmptyFile() {
        assertThat(failure("\n  \r\n\n", CSV).getMessage()).startsWith("line 1: the file is empty");
    }

    @Test
    void headerOnlyFileHasNoRecords() {
        assertThat(rows("question,answer\n", CSV)).isEmpty();
        assertThat(rows("question,answer", CSV)).isEmpty();
    }

    @Test
    void textAfterAClosingQuoteIsKeptAsPythonsCsvModuleDoes() {
        ParsedQA qa = records("question,answer\nq,\"comillas (''' o \\\"\\\"\\\").\"\n", CSV).get(0);

        assertThat(qa.answer()).isEqualTo("comillas (''' o \\\\\"\\\").\"");
    }

    @Test
    void backslashIsAnOrdinaryCharacter() {
        ParsedQA qa = records("question,answer\nWhere?,\"C:\\new\\table \\n\"\n", CSV).get(0);

        assertThat(qa.answer()).isEqualTo("C:\\new\\table \\n");
    }

    @Test
    void quoteInsideAnUnquotedFieldIsLiteral() {
        assertThat(records("question,answer\nthe \"best\" one,a\n", CSV).get(0).question()).isEqualTo("the \"best\" one");
    }

    @Test
    void reportsColumnsAndBytesRead() {
        byte[] csv = "question,answer,extra\nq,a,x\n".getBytes(StandardCharsets.UTF_8);
        try (RecordReader r = RecordReaders.open(new ByteArrayInputStream(csv), CSV, ImportOptions.defaults(), Limits.defaults())) {
            assertThat(r.columns()).containsExactly("question", "answer", "extra");
            while (r.next() != null) {
                assertThat(r.bytesRead()).isPositive();
            }
            assertThat(r.bytesRead()).isEqualTo(csv.length);
        }
    }

    @Test
    void closedReaderRefusesToRead() {
        RecordReader r = RecordReaders.open(new ByteArrayInputStream("question,answer\n".getBytes(StandardCharsets.UTF_8)), CSV,
                ImportOptions.defaults(), Limits.defaults());
        r.close();
        r.close();

        assertThat(org.assertj.core.api.Assertions.catchThrowable(r::next)).isInstanceOf(IllegalStateException.class)
                .hasMessage("reader is closed");
    }

    @Test
    void openRejectsMissingArgumentsNamingThem() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> RecordReaders.open(null, CSV, ImportOptions.defaults(),
                Limits.defaults()))).isInstanceOf(NullPointerException.class).hasMessage("in");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> RecordReaders.open(new ByteArrayInputStream(new byte[0]), null,
                ImportOptions.defaults(), Limits.defaults()))).isInstanceOf(NullPointerException.class).hasMessage("type");
    }
}
