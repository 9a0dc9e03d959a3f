package dev.qaimport.benchmarks;

import dev.qaimport.benchmarks.baseline.CopyContender;
import dev.qaimport.benchmarks.baseline.NaiveJdbcContender;
import dev.qaimport.benchmarks.embed.LangChain4jIngestorContender;
import dev.qaimport.benchmarks.qaimport.QaImportContender;
import dev.qaimport.benchmarks.qaimport.QaImportEmbeddingContender;
import dev.qaimport.benchmarks.embed.RawHttpContender;
import dev.qaimport.benchmarks.springbatch.SpringBatchContender;
import java.util.List;

/**
 * The contenders the harness runs, in the order each round runs them. To add one (qa-import),
 * put an instance in the list: the harness, the child JVM and the report pick it up from here.
 */
public final class Contenders {
    /** The id the harness compares the baselines against. */
    public static final String QA_IMPORT = "qa-import";

    private Contenders() {
    }

    /** Every import contender. */
    public static List<ImportContender> imports() {
        return List.of(
                new QaImportContender(),
                new SpringBatchContender(),
                new NaiveJdbcContender(),
                new CopyContender());
    }

    /** Every embedding contender. */
    public static List<EmbeddingContender> embeddings() {
        return List.of(
                new QaImportEmbeddingContender(4, Database.H2),
                new QaImportEmbeddingContender(4, Database.POSTGRESQL),
                new QaImportEmbeddingContender(2, Database.H2),
                new QaImportEmbeddingContender(1, Database.H2),
                new LangChain4jIngestorContender(),
                new RawHttpContender(),
                new RawHttpContender(1));
    }

    /** The embedding contenders of the token-limit benchmark, against a stub that enforces a sliding window. */
    public static List<EmbeddingContender> rateLimited() {
        return List.of(QaImportEmbeddingContender.openAiDefaults(), LangChain4jIngestorContender.openAiDefaults());
    }

    /** The import contender called {@code id}. */
    public static ImportContender importContender(String id) {
        return imports().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown import contender: " + id));
    }

    /** The embedding contender called {@code id}. */
    public static EmbeddingContender embeddingContender(String id) {
        return java.util.stream.Stream.concat(embeddings().stream(), rateLimited().stream()).filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown embedding contender: " + id));
    }
}
