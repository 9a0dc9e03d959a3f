package dev.qaimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Expectations about the program's outputs shared by the in-process and the child-process tests. */
final class SampleData {
    /** Queries against the sample data, each with a word that the question ranked first must contain. */
    static final List<String[]> SEARCHES = List.of(
            new String[] {"how do I reset my password", "password"},
            new String[] {"how do I use a gift card", "gift card"},
            new String[] {"delete my personal data", "delete"},
            new String[] {"is my tent covered by warranty", "warrant"},
            new String[] {"do my loyalty points expire", "points"});

    private SampleData() {
    }

    /**
     * The search hits (the JSON array of {@code search --json}) rank a pair whose question
     * contains {@code keyword} first. Scores are printed rounded to four decimals, so pairs that
     * tie with the best score all count as first; the ranking must still be best first.
     */
    static void assertRanksFirst(JsonNode hits, String query, String keyword) {
        assertThat(hits).as(query).isNotEmpty();
        List<Double> scores = new ArrayList<>();
        hits.forEach(h -> scores.add(h.get("score").asDouble()));
        assertThat(scores).as("%s: best first", query).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        List<String> first = new ArrayList<>();
        for (JsonNode h : hits) {
            if (h.get("score").asDouble() == scores.get(0)) {
                first.add(h.get("question").asText().toLowerCase(Locale.ROOT));
            }
        }
        assertThat(first).as("%s: the questions ranked first", query).anyMatch(q -> q.contains(keyword));
    }

    /** The records of an {@code --errors-out} file, by header name. */
    static List<CSVRecord> errorsCsv(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    /** The errors CSV holds exactly the errors of a JSON summary ({@code errors[{row,line,field,code,message}]}), in order. */
    static void assertSameErrors(List<CSVRecord> csv, JsonNode errors) {
        assertThat(csv).hasSize(errors.size());
        for (int i = 0; i < csv.size(); i++) {
            CSVRecord r = csv.get(i);
            JsonNode e = errors.get(i);
            assertThat(List.of(r.get("row"), r.get("line"), r.get("field"), r.get("code"), r.get("message"))).as("error %d", i)
                    .containsExactly(e.get("row").asText(), e.get("line").asText(), e.get("field").asText(), e.get("code").asText(),
                            e.get("message").asText());
        }
    }
}
