package dev.qaimport.benchmarks.qaimport;

import dev.qaimport.QaImport;
import dev.qaimport.benchmarks.Contenders;
import dev.qaimport.benchmarks.Database;
import dev.qaimport.benchmarks.EmbeddingContender;
import dev.qaimport.benchmarks.EmbeddingOutcome;
import dev.qaimport.benchmarks.EmbeddingSpec;
import dev.qaimport.benchmarks.baseline.FaqCsv;
import dev.qaimport.benchmarks.baseline.FaqRow;
import dev.qaimport.embed.http.HttpEmbeddingService;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.model.EmbeddingResult;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.SourceType;
import dev.qaimport.spi.EmbeddingLimits;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * qa-import's embedding stage: the pairs are imported first (not timed), then
 * {@code EmbeddingTrigger.triggerForJob} claims them in groups, packs requests of up to 100
 * inputs, keeps 4 in flight through {@code HttpEmbeddingService}, decodes the base64 vectors and
 * stores them in the database, committing after every group.
 */
public final class QaImportEmbeddingContender implements EmbeddingContender {
    private static final int DEFAULT_IN_FLIGHT = 4;
    private static final int PER_REQUEST = 100;

    /** The id of the variant with OpenAI's default limits, for a stub that enforces a token limit. */
    public static final String OPENAI_DEFAULTS = Contenders.QA_IMPORT + "-openai-defaults";

    private final int inFlight;
    private final Database database;
    private final boolean openAiDefaults;

    /** The stage with {@code inFlight} requests at once (the provider's default is 4), storing into {@code database}. */
    public QaImportEmbeddingContender(int inFlight, Database database) {
        this(inFlight, database, false);
    }

    private QaImportEmbeddingContender(int inFlight, Database database, boolean openAiDefaults) {
        this.inFlight = inFlight;
        this.database = database;
        this.openAiDefaults = openAiDefaults;
    }

    /**
     * The stage with {@code HttpEmbeddingService.openAi()} exactly at its defaults (up to 2,048 inputs and
     * 300,000 tokens per request, 4 in flight, pacing), on an H2 file; pairs it could not embed are reported,
     * not raised.
     */
    public static QaImportEmbeddingContender openAiDefaults() {
        return new QaImportEmbeddingContender(DEFAULT_IN_FLIGHT, Database.H2, true);
    }

    @Override
    public String id() {
        if (openAiDefaults) {
            return OPENAI_DEFAULTS;
        }
        return Contenders.QA_IMPORT + (database == Database.H2 ? "" : "-" + database.id())
                + (inFlight == DEFAULT_IN_FLIGHT ? "" : "-" + inFlight + "-in-flight");
    }

    @Override
    public String description() {
        if (openAiDefaults) {
            return "As `qa-import`, with `HttpEmbeddingService.openAi()` at its defaults: OpenAI's limits of 2,048 inputs and "
                    + "300,000 tokens per request as upper bounds, 4 in flight, pacing from the `x-ratelimit-*` headers and 429 "
                    + "messages. Pairs left pending are counted as lost, not raised.";
        }
        if (database != Database.H2 || inFlight != DEFAULT_IN_FLIGHT) {
            return "As `qa-import`, with " + inFlight + " in flight, storing into " + database.label() + ".";
        }
        return "The library's embedding stage (`EmbeddingTrigger.triggerForJob`) with `HttpEmbeddingService.openAi()` at its "
                + "defaults (base64, retries, pacing) limited to " + PER_REQUEST + " inputs per request and " + inFlight
                + " in flight, on an H2 file: it claims pending pairs several requests' worth at a time, renders question + "
                + "plain-text answer, checks the vector cache, sends the requests, stores the new vectors (binary float32) as they "
                + "arrive and marks the pairs in batches through one writer (docs/EMBEDDINGS.md). The import before it is not timed.";
    }

    @Override
    public int concurrency() {
        return inFlight;
    }

    @Override
    public Database database() {
        return database;
    }

    @Override
    public EmbeddingOutcome run(EmbeddingSpec spec) throws Exception {
        Path csv = Files.createTempFile("qa-import-embed", ".csv");
        try {
            firstRows(spec.csv(), csv, spec.texts());
            HttpEmbeddingService.OpenAiBuilder builder = HttpEmbeddingService.openAi().baseUrl(spec.baseUrl()).apiKey("benchmark-key")
                    .model(spec.model());
            if (!openAiDefaults) {
                builder.limits(new EmbeddingLimits(PER_REQUEST, 300_000, 8192, inFlight)).maxConcurrency(inFlight);
            }
            HttpEmbeddingService provider = builder.build();
            try (JdbcImportStore store = JdbcImportStore.builder(spec.jdbcUrl(), spec.user(), spec.password()).installSchema(true).build()) {
                UUID id;
                try (QaImport importer = QaImport.builder().store(store).batchSize(500).autoStart(false).recoveryInterval(Duration.ZERO)
                        .build()) {
                    id = importer.startImport(csv, SourceType.CSV);
                    ImportJob job = importer.processImport(id);
                    if (job.successCount() != spec.texts()) {
                        throw new IllegalStateException("imported " + job.successCount() + " of " + spec.texts() + " pairs");
                    }
                }
                try (QaImport qa = QaImport.builder().store(store).embeddingService(provider).autoStart(false)
                        .recoveryInterval(Duration.ZERO).build()) {
                    long started = System.nanoTime();
                    EmbeddingResult r = qa.embeddingTrigger().triggerForJob(id, (done, total) -> { });
                    long nanos = System.nanoTime() - started;
                    if (!openAiDefaults && (r.error() != null || r.embedded() != spec.texts())) {
                        throw new IllegalStateException("embedded " + r.embedded() + " of " + spec.texts() + ": " + r.error());
                    }
                    return new EmbeddingOutcome(r.embedded(), nanos);
                }
            }
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static void firstRows(Path from, Path to, int n) throws Exception {
        try (FaqCsv in = FaqCsv.open(from); Writer w = Files.newBufferedWriter(to, StandardCharsets.UTF_8);
                CSVPrinter out = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader("question", "answer", "category", "tags").get())) {
            FaqRow row;
            int written = 0;
            while (written < n && (row = in.next()) != null) {
                out.printRecord(row.question(), row.answer(), row.category(), row.tags());
                written++;
            }
        }
    }
}
