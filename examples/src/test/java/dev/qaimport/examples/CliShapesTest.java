package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options that read other shapes of file: {@code --answer-markup}, {@code --language}. */
class CliShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Cli cli;
    private String url;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir);
        url = "jdbc:h2:file:" + dir.resolve("db");
    }

    private Path write(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private List<String> answers() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", "sa", ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT answer FROM qa_pairs ORDER BY source_row")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void answerMarkupMarkdownRendersTheAnswersBeforeSanitizing() throws Exception {
        Path file = write("md.jsonl", """
                {"question":"How do I reset my password?","answer":"Open **Settings** and follow [the guide](https://help.example/reset)."}
                {"question":"Wie kündige ich?","answer":"- Konto öffnen\\n- *Kündigen* wählen<script>alert(1)</script>"}
                """);

        Cli.Result r = cli.run("import", file.toString(), "--embeddings", "none", "--answer-markup", "markdown", "--db", url, "--json");

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(JSON.readTree(r.out()).get("successCount").asLong()).isEqualTo(2);
        assertThat(answers()).containsExactly(
                "<p>Open <strong>Settings</strong> and follow <a href=\"https://help.example/reset\" rel=\"nofollow noopener noreferrer\">the guide</a>.</p>",
                "<ul><li>Konto öffnen</li><li><em>Kündigen</em> wählen</li></ul>");
    }

    @Test
    void answerMarkupWithPlainTextAnswersGivesText() throws Exception {
        Path file = write("md.csv", "question,answer\nWhat is 2FA?,\"**Two-factor** login, see [help](https://help.example/2fa).\"\n");

        Cli.Result r = cli.run("import", file.toString(), "--embeddings", "none", "--answer-markup", "Markdown", "--answer-format", "text",
                "--db", url);

        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(answers()).containsExactly("Two-factor login, see help (https://help.example/2fa).");
    }

    @Test
    void anUnknownAnswerMarkupIsAUsageError() throws Exception {
        Path file = write("ok.csv", "question,answer\nQ?,A\n");

        Cli.Result r = cli.run("import", file.toString(), "--answer-markup", "rst");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("qa-import: --answer-markup must be none or markdown, not 'rst'");
    }

    private List<String> questions() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", "sa", ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT question FROM qa_pairs ORDER BY source_row")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void languageChoosesOneOfSeveralLanguagesAndItsAbsenceIsExplained() throws Exception {
        Path corpus = Path.of("../import-core/src/test/resources/corpus/real/09-ht2-faq.csv");
        Path file = dir.resolve("09-ht2-faq.csv");
        Files.copy(corpus, file);

        Cli.Result refused = cli.run("import", file.toString(), "--embeddings", "none", "--db", url);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.out()).contains("MISSING_COLUMNS", "2 languages", "\"en\" (question_en, answer_en)",
                "\"dk\" (question_dk, answer_dk)", "--language en");

        Cli.Result r = cli.run("import", file.toString(), "--embeddings", "none", "--language", "dk", "--db", url, "--json");
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(JSON.readTree(r.out()).get("totalRows").asLong()).isEqualTo(8);
        assertThat(questions()).first().isEqualTo("Kan jeg downloade graferne til at bruge i PowerPoint, Word osv.?");
    }

    @Test
    void aLanguageThatIsNotACodeIsAUsageError() throws Exception {
        Path file = write("ok.csv", "question,answer\nQ?,A\n");

        Cli.Result r = cli.run("import", file.toString(), "--language", "en fr");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("qa-import: language is not a language code such as en, th or pt-BR: en fr");
    }

    @Test
    void aLegacyFileIsReadInTheDetectedEncodingWhichTheSummaryNotesAndStrictEncodingRefusesIt() throws Exception {
        Path file = dir.resolve("faq-ru.csv");
        Files.copy(Path.of("../import-core/src/test/resources/encodings/faq-ru.koi8-r.csv"), file);
        String note = "the file is not UTF-8; read as KOI8-R (confidence medium)";

        Cli.Result refused = cli.run("import", file.toString(), "--embeddings", "none", "--strict-encoding", "--db", url);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.out()).contains("ENCODING", "The bytes look like KOI8-R", "--encoding KOI8-R", "leaving out --strict-encoding");
        assertThat(refused.err()).doesNotContain("Exception", "\tat ");

        Cli.Result dry = cli.run("import", file.toString(), "--dry-run", "--db", url);
        assertThat(dry.status()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("  note: " + note);

        Cli.Result human = cli.run("import", file.toString(), "--embeddings", "none", "--db", url);
        assertThat(human.status()).as(human.toString()).isZero();
        assertThat(human.out()).contains("  note: " + note);
        assertThat(questions()).contains("Как изменить пароль?");

        Cli.Result json = cli.run("import", file.toString(), "--embeddings", "none", "--duplicates", "create", "--db", url, "--json");
        assertThat(json.status()).as(json.toString()).isZero();
        var report = JSON.readTree(json.out());
        assertThat(report.get("successCount").asLong()).isEqualTo(5);
        assertThat(report.get("fileNote").asText()).isEqualTo(note);

        Cli.Result status = cli.run("status", report.get("jobId").asText(), "--db", url);
        assertThat(status.out()).contains("note       " + note);
    }

    @Test
    void theOptionThatTurnedDetectionOnIsStillAcceptedButNotWithItsOpposite() throws Exception {
        Path file = dir.resolve("faq-ru.csv");
        Files.copy(Path.of("../import-core/src/test/resources/encodings/faq-ru.koi8-r.csv"), file);

        assertThat(cli.run("import", file.toString(), "--embeddings", "none", "--detect-encoding", "--db", url).status()).isZero();
        Cli.Result both = cli.run("import", file.toString(), "--detect-encoding", "--strict-encoding", "--db", url);
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err().strip()).isEqualTo("qa-import: --strict-encoding and --detect-encoding contradict each other; give one");
    }
}
