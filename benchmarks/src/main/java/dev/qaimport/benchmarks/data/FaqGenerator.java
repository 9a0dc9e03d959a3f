package dev.qaimport.benchmarks.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A seeded generator of FAQ CSV files ({@code question,answer,category,tags}) that look like real
 * knowledge-base exports: varied lengths, multi-line quoted answers, a multilingual sprinkle,
 * HTML (lists, links, some script to strip) in a fifth of the answers, a share of invalid rows
 * and of duplicate questions. The same spec always writes the same bytes. Rows are streamed to
 * disk, so a million rows need no more memory than ten. Immutable and thread-safe.
 *
 * @param rows           records to write (without the header)
 * @param seed           seed of the pseudo-random choices
 * @param invalidShare   share of rows that break exactly one validation rule (0.02 = 2%)
 * @param duplicateShare share of rows whose question repeats an earlier valid one, differing
 *                       only in case and spacing, so that a duplicate check skips them
 */
public record FaqGenerator(long rows, long seed, double invalidShare, double duplicateShare) {
    /** The seed every benchmark uses, so that all contenders read the same file. */
    public static final long DEFAULT_SEED = 20_250_607L;

    private static final String[] HEADER = {"question", "answer", "category", "tags"};
    private static final long PERMUTATION_PRIME = 1_000_003L;
    private static final long COMBINATIONS = (long) Vocabulary.ACTIONS.size() * Vocabulary.OBJECTS.size()
            * Vocabulary.PRODUCTS.size() * Vocabulary.QUALIFIERS.size();

    public FaqGenerator {
        if (rows < 0) {
            throw new IllegalArgumentException("rows < 0: " + rows);
        }
        if (!(invalidShare >= 0 && invalidShare <= 1)) {
            throw new IllegalArgumentException("invalidShare not in [0, 1]: " + invalidShare);
        }
        if (!(duplicateShare >= 0 && invalidShare + duplicateShare <= 1)) {
            throw new IllegalArgumentException("duplicateShare not in [0, 1 - invalidShare]: " + duplicateShare);
        }
    }

    /** The benchmark file: {@code rows} rows, the default seed, 2% invalid rows, 1% duplicates. */
    public static FaqGenerator standard(long rows) {
        return new FaqGenerator(rows, DEFAULT_SEED, 0.02, 0.01);
    }

    /** A file of valid, distinct rows only (the embedding benchmark's input). */
    public static FaqGenerator clean(long rows) {
        return new FaqGenerator(rows, DEFAULT_SEED, 0, 0);
    }

    /** Writes the file to {@code file}, replacing it, and says what it holds. */
    public Summary write(Path file) {
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20);
             CSVPrinter csv = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').setHeader(HEADER).get().print(out)) {
            Rows state = new Rows(new SplittableRandom(seed));
            for (long row = 1; row <= rows; row++) {
                state.next(csv);
            }
            csv.flush();
            return new Summary(file, rows, state.invalid, state.duplicates, state.invalidByKind(), Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * What a generated file holds; {@code validRows()} is what a validating, de-duplicating
     * importer must store.
     *
     * @param file          where it was written
     * @param rows          records (without the header)
     * @param invalidRows   rows that break one validation rule each
     * @param duplicateRows valid rows whose question repeats an earlier valid row's
     * @param invalidByKind invalid rows per rule broken, in {@link Invalid} order
     * @param bytes         size of the file
     */
    public record Summary(Path file, long rows, long invalidRows, long duplicateRows, List<Long> invalidByKind, long bytes) {
        public Summary {
            invalidByKind = List.copyOf(invalidByKind);
        }

        /** Rows a validating, de-duplicating importer stores. */
        public long validRows() {
            return rows - invalidRows - duplicateRows;
        }
    }

    /** The one rule an invalid row breaks. */
    public enum Invalid {
        /** The question is empty. */
        EMPTY_QUESTION,
        /** The answer is empty or only spaces. */
        BLANK_ANSWER,
        /** The question is longer than 1,000 characters. */
        LONG_QUESTION,
        /** The answer is longer than 20,000 characters after sanitizing. */
        LONG_ANSWER,
        /** The category is longer than 200 characters. */
        LONG_CATEGORY,
        /** More than 20 tags. */
        TOO_MANY_TAGS,
        /** A tag longer than 50 characters. */
        LONG_TAG,
        /** The question is only markup (a script) and empty once sanitized. */
        MARKUP_ONLY_QUESTION
    }

    /** The mutable state of one pass; kept out of the record so that the record stays a value. */
    private final class Rows {
        private final SplittableRandom random;
        private final long combinationOffset;
        private final String[] recentQuestions = new String[512];
        private final long[] invalidKinds = new long[Invalid.values().length];
        private long fresh;
        private long recentCount;
        private long invalid;
        private long duplicates;

        Rows(SplittableRandom random) {
            this.random = random;
            this.combinationOffset = random.nextLong(COMBINATIONS);
        }

        List<Long> invalidByKind() {
            List<Long> counts = new ArrayList<>();
            for (long c : invalidKinds) {
                counts.add(c);
            }
            return counts;
        }

        void next(CSVPrinter csv) throws IOException {
            double roll = random.nextDouble();
            Invalid kind = null;
            String question;
            if (roll < invalidShare) {
                kind = Invalid.values()[random.nextInt(Invalid.values().length)];
                question = freshQuestion();
            } else if (roll < invalidShare + duplicateShare && recentCount > 0) {
                question = duplicateOf(recentQuestions[(int) (random.nextLong(Math.min(recentCount, recentQuestions.length)))]);
                duplicates++;
            } else {
                question = freshQuestion();
                recentQuestions[(int) (recentCount++ % recentQuestions.length)] = question;
            }
            String answer = answer();
            String category = random.nextInt(100) < 3 ? "" : pick(Vocabulary.CATEGORIES);
            List<String> tags = tags(random.nextInt(7));
            if (kind != null) {
                invalid++;
                invalidKinds[kind.ordinal()]++;
                switch (kind) {
                    case EMPTY_QUESTION -> question = "";
                    case BLANK_ANSWER -> answer = random.nextBoolean() ? "" : "   ";
                    case LONG_QUESTION -> question = padded(question, 1_020 + random.nextInt(500));
                    case LONG_ANSWER -> answer = padded(plainAnswer(200), 20_600 + random.nextInt(4_000));
                    case LONG_CATEGORY -> category = padded(category.isEmpty() ? "General" : category, 210 + random.nextInt(100));
                    case TOO_MANY_TAGS -> tags = tooManyTags();
                    case LONG_TAG -> tags.add(padded("tag-" + pick(Vocabulary.WORDS), 51 + random.nextInt(40)).replace(' ', '-'));
                    case MARKUP_ONLY_QUESTION -> question = "<script>document.location='https://evil.example.net/?q=" + random.nextInt(1_000_000) + "'</script>";
                }
            }
            csv.printRecord(question, answer, category, joinTags(tags));
        }

        private String freshQuestion() {
            long n = fresh++;
            long c = Math.floorMod((n % COMBINATIONS + combinationOffset) * PERMUTATION_PRIME, COMBINATIONS);
            String action = Vocabulary.ACTIONS.get((int) (c % Vocabulary.ACTIONS.size()));
            c /= Vocabulary.ACTIONS.size();
            String object = Vocabulary.OBJECTS.get((int) (c % Vocabulary.OBJECTS.size()));
            c /= Vocabulary.OBJECTS.size();
            String product = Vocabulary.PRODUCTS.get((int) (c % Vocabulary.PRODUCTS.size()));
            c /= Vocabulary.PRODUCTS.size();
            String qualifier = Vocabulary.QUALIFIERS.get((int) c);
            if (random.nextInt(100) < 2) {
                // A little markup that the sanitizer must strip from otherwise valid questions.
                object = "<b>" + object + "</b>";
            }
            List<String> templates = random.nextInt(100) < 5 ? Vocabulary.QUESTION_TEMPLATES_OTHER : Vocabulary.QUESTION_TEMPLATES_EN;
            String question = pick(templates)
                    .replace("%a", action).replace("%o", object).replace("%p", product).replace("%q", qualifier);
            long lap = n / COMBINATIONS;
            return lap == 0 ? question : question + " (" + (lap + 1) + ")";
        }

        /** The same question as a person might type it again: other case, other spacing. */
        private String duplicateOf(String question) {
            String lower = question.toLowerCase(Locale.ROOT);
            return random.nextBoolean() ? "  " + lower.replace(" ", "  ") : lower + " ";
        }

        private String answer() {
            int size = random.nextInt(100);
            int target;
            if (size < 30) {
                target = 40 + random.nextInt(160);
            } else if (size < 80) {
                target = 200 + random.nextInt(600);
            } else if (size < 97) {
                target = 800 + random.nextInt(1_400);
            } else {
                target = 3_000 + random.nextInt(2_000);
            }
            return random.nextInt(100) < 20 ? htmlAnswer(target) : plainAnswer(target);
        }

        private String plainAnswer(int target) {
            boolean paragraphs = random.nextInt(100) < 30;
            StringBuilder text = new StringBuilder(target + 120);
            int sentences = 0;
            while (text.length() < target) {
                if (text.length() > 0) {
                    text.append(paragraphs && ++sentences % 3 == 0 ? "\n\n" : " ");
                }
                text.append(sentence());
            }
            decorate(text);
            return text.toString();
        }

        private String htmlAnswer(int target) {
            StringBuilder html = new StringBuilder(target + 400);
            if (random.nextInt(4) == 0) {
                html.append("<div class=\"kb-article\" style=\"font-size:14px\">");
            }
            if (random.nextInt(3) == 0) {
                html.append("<h3>").append(sentence(), 0, 20).append("</h3>\n");
            }
            int opening = html.length();
            while (html.length() - opening < target) {
                html.append("<p>").append(sentence());
                if (random.nextInt(3) == 0) {
                    html.append(" <strong>").append(pick(Vocabulary.WORDS)).append("</strong>");
                }
                if (random.nextInt(4) == 0) {
                    html.append(" See <a href=\"https://help.example.com/articles/").append(random.nextInt(90_000) + 10_000)
                            .append("\" target=\"_blank\">the guide</a>.");
                }
                html.append("</p>\n");
                if (random.nextInt(3) == 0) {
                    html.append("<ul>");
                    for (int i = 2 + random.nextInt(4); i > 0; i--) {
                        html.append("<li>").append(pick(Vocabulary.OPENERS)).append(" <em>").append(pick(Vocabulary.WORDS)).append("</em></li>");
                    }
                    html.append("</ul>\n");
                }
                if (random.nextInt(10) == 0) {
                    html.append("<p>Run <code>sync --force</code><br>then restart.</p>\n");
                }
            }
            if (random.nextInt(100) < 15) {
                html.append(pick(Vocabulary.HOSTILE));
            }
            if (html.indexOf("<div") == 0) {
                html.append("</div>");
            }
            decorate(html);
            return html.toString();
        }

        private void decorate(StringBuilder text) {
            if (random.nextInt(100) < 5) {
                text.append(' ').append(pick(Vocabulary.FOREIGN_SNIPPETS));
            }
            if (random.nextInt(100) < 3) {
                text.append(' ').append(pick(Vocabulary.EMOJI));
            }
        }

        private String sentence() {
            StringBuilder s = new StringBuilder(120);
            s.append(pick(Vocabulary.OPENERS)).append(" the ").append(pick(Vocabulary.WORDS)).append(' ').append(pick(Vocabulary.WORDS));
            if (random.nextBoolean()) {
                s.append(", ").append(pick(Vocabulary.CONNECTORS)).append(" select the ").append(pick(Vocabulary.WORDS));
            }
            if (random.nextInt(8) == 0) {
                s.append(" marked \"").append(pick(Vocabulary.WORDS)).append('"');
            }
            s.append(". ").append(pick(Vocabulary.CLOSERS));
            return s.toString();
        }

        private List<String> tags(int count) {
            List<String> tags = new ArrayList<>(count + 1);
            while (tags.size() < count) {
                String tag = pick(Vocabulary.TAGS);
                if (!tags.contains(tag)) {
                    tags.add(tag);
                }
            }
            return tags;
        }

        private List<String> tooManyTags() {
            return new ArrayList<>(Vocabulary.TAGS.subList(0, 21 + random.nextInt(5)));
        }

        private String joinTags(List<String> tags) {
            int style = random.nextInt(10);
            return String.join(style < 7 ? ";" : style < 9 ? ", " : "|", tags);
        }

        private String padded(String start, int length) {
            StringBuilder s = new StringBuilder(length + 16).append(start);
            while (s.length() < length) {
                s.append(' ').append(pick(Vocabulary.WORDS));
            }
            return s.toString();
        }

        private String pick(List<String> list) {
            return list.get(random.nextInt(list.size()));
        }
    }
}
