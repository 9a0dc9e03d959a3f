package dev.qaimport.examples.cli;

import dev.qaimport.ImportException;
import dev.qaimport.ImportListener;
import dev.qaimport.SearchHit;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.validate.Sanitizer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qa-import search QUERY}. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Finds the pairs of the collection closest in meaning to a query, using the same embedding model as the import.")
public final class SearchCommand implements Callable<Integer> {
    private final Env env;

    @Parameters(index = "0", paramLabel = "QUERY")
    String query;

    @Mixin
    DatabaseOptions db = new DatabaseOptions();

    @Mixin
    CollectionOption collection = new CollectionOption();

    @Mixin
    EmbeddingOptions embedding = new EmbeddingOptions();

    @Option(names = "--limit", paramLabel = "N", description = "How many results (default 5).")
    int limit = 5;

    @Option(names = "--json", description = "Print the results as a JSON array.")
    boolean json;

    public SearchCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        collection.validate(env);
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1, not " + limit);
        }
        if (query.isBlank()) {
            throw new UsageException("the search query is empty");
        }
        EmbeddingService embeddings = embedding.create(env);
        if (embeddings == null) {
            throw new UsageException("search needs embeddings; use --embeddings local, openai, azure or ollama");
        }
        try (Session s = Session.open(env, db, collection, embeddings, ImportListener.NONE, b -> b)) {
            List<SearchHit> hits;
            try {
                hits = s.qa.search(query, limit);
            } catch (ImportException e) {
                if (ErrorCodes.EMBEDDING.equals(e.code())) {
                    env.err().println("qa-import: " + Printable.line(e.getMessage()));
                    return 1;
                }
                throw e;
            }
            if (json) {
                printJson(hits);
            } else if (hits.isEmpty()) {
                String where = collection.given(env) == null ? "" : " in collection " + s.qa.collection();
                env.out().println("No embedded pairs yet" + where + " for " + Printable.line(embeddings.describe())
                        + ". Import a file first: qa-import import FILE" + collection.hint());
            } else {
                int i = 1;
                for (SearchHit h : hits) {
                    String answer = Sanitizer.plainText(h.answer()).replaceAll("\\s+", " ");
                    if (answer.length() > 200) {
                        int end = Character.isHighSurrogate(answer.charAt(199)) ? 199 : 200;
                        answer = answer.substring(0, end) + "…";
                    }
                    env.out().printf(Locale.ROOT, "%d. [%.3f] %s%n   %s%n", i++, h.score(), Printable.line(h.question()), Printable.line(answer));
                }
            }
            return 0;
        }
    }

    private void printJson(List<SearchHit> hits) {
        try (com.fasterxml.jackson.core.JsonGenerator g = Reports.JSON.createGenerator(env.out())) {
            g.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartArray();
            for (SearchHit h : hits) {
                g.writeStartObject();
                g.writeStringField("pairId", h.pairId().toString());
                g.writeNumberField("score", Math.round(h.score() * 10000) / 10000.0);
                g.writeStringField("question", h.question());
                g.writeStringField("answer", h.answer());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeRaw('\n');
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        env.out().flush();
    }
}
