package dev.qaimport.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code docs/BENCHMARKS.md}: each benchmark command rewrites only its own section (between
 * {@code <!-- bench:NAME:start -->} and {@code <!-- bench:NAME:end -->}), so running one
 * command keeps the others' figures and any hand-written text outside the markers.
 */
final class BenchmarksDoc {
    static final List<String> SECTIONS = List.of("machine", "import", "memory", "batch-size", "embeddings", "contenders");

    private BenchmarksDoc() {
    }

    /** Replaces (or adds) section {@code name} of the document at {@code doc} with {@code markdown}. */
    static void writeSection(Path doc, String name, String markdown) throws IOException {
        String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : template();
        Files.createDirectories(doc.toAbsolutePath().getParent());
        Files.writeString(doc, replace(text, name, markdown), StandardCharsets.UTF_8);
    }

    static String replace(String text, String name, String markdown) {
        String start = "<!-- bench:" + name + ":start -->";
        String end = "<!-- bench:" + name + ":end -->";
        String body = start + "\n" + markdown.strip() + "\n" + end;
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            return text.stripTrailing() + "\n\n" + body + "\n";
        }
        return text.substring(0, from) + body + text.substring(to + end.length());
    }

    private static String template() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Figures written by the `benchmarks` module; each command below rewrites only its own section.\n\n");
        md.append("```\n").append(Main.BUILD_COMMAND).append("\n").append(Main.RUN_COMMAND).append("\n```\n\n");
        md.append("`all` runs `import`, `memory`, `batch-size` and `embeddings` in turn; each is also a command of its own ")
                .append("(`java -jar benchmarks/target/qa-import-benchmarks.jar help` lists the options).\n\n");
        md.append("## Method\n\n");
        md.append("- **Data.** A generated FAQ CSV (`question,answer,category,tags`), the same file for every contender: seeded, so ")
                .append("every run writes the same bytes; varied answer lengths (40 to 5,000 characters), multi-line quoted answers, ")
                .append("about 5% of questions and answers in other scripts (CJK, Arabic, Cyrillic, …) and some emoji, HTML in a fifth of ")
                .append("the answers (paragraphs, lists, links, some `<script>`, `onerror`, `<iframe>` to strip), 2% invalid rows ")
                .append("(empty question, blank answer, question > 1,000, answer > 20,000, category > 200 characters, > 20 tags, a tag > 50, ")
                .append("a question that is only a script) and 1% duplicate questions (an earlier question again in other case and spacing). ")
                .append("Generated into a temporary directory and deleted afterwards; never committed.\n");
        md.append("- **Whole process against whole process.** Every run is a fresh child JVM (`java -Xmx… -cp qa-import-benchmarks.jar`) ")
                .append("timed by the parent from process start to exit, JVM start-up included, against a fresh database: a new H2 file ")
                .append("directory, a new PostgreSQL schema, a new MariaDB database. rows/s = rows in the file ÷ wall time.\n");
        md.append("- **Alternation.** Contenders alternate within a round (A B C A B C …); the tables give the median of the rounds ")
                .append("and their min – max.\n");
        md.append("- **CPU.** The child also reports its own CPU time (all threads, start-up included; the database server's ")
                .append("CPU is not in it). When the machine is busy, wall time stretches while CPU time barely moves, so ")
                .append("\"child CPU s\" shows how much of a slow figure is waiting for a core.\n");
        md.append("- **Memory.** The child reports the sum of the peak usages of the heap memory pools (`MemoryPoolMXBean`) and its ")
                .append("peak resident set (`VmHWM` from `/proc/self/status`) as it ends. The pools peak at different moments, so ")
                .append("their sum is an upper bound and can exceed `-Xmx`; a run that needed more heap than `-Xmx` fails with ")
                .append("`OutOfMemoryError` and shows as failed.\n");
        md.append("- **Checks.** After each run the harness counts the stored pairs and row errors in the database; a validating ")
                .append("contender must store exactly the valid, non-duplicate rows and record one error per invalid row (✓), or the ")
                .append("row is marked ✗.\n");
        md.append("- **Profiling.** `QA_BENCH_CHILD_JVM_OPTIONS` (split on spaces) adds JVM options to every child, e.g. ")
                .append("`-XX:StartFlightRecording=filename=/tmp/child.jfr,settings=profile`; it is unset for every figure below.\n\n");
        for (String section : SECTIONS) {
            md.append("<!-- bench:").append(section).append(":start -->\n<!-- bench:").append(section).append(":end -->\n\n");
        }
        return md.toString();
    }
}
