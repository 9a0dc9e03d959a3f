package dev.qaimport.examples.cli;

import dev.qaimport.ImportListener;
import dev.qaimport.QaImport;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.xlsx.XlsxSheetReader;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** An open database and a {@link QaImport} over it, closed together. */
final class Session implements AutoCloseable {
    final JdbcImportStore store;
    final QaImport qa;
    final EmbeddingService embeddings;

    private Session(JdbcImportStore store, QaImport qa, EmbeddingService embeddings) {
        this.store = store;
        this.qa = qa;
        this.embeddings = embeddings;
    }

    /**
     * Opens the database and builds a {@link QaImport} that only does what the command asks: no
     * automatic start, no recovery sweeper. It works in the collection {@code collection} names
     * (checked first, before the database is opened), or, when none is given, in the default one
     * and, for workers and {@code recover()}, in every collection.
     */
    static Session open(Env env, DatabaseOptions db, CollectionOption collection, EmbeddingService embeddings, ImportListener listener,
            UnaryOperator<QaImport.Builder> customize) {
        collection.validate(env);
        return over(env, collection, db.open(env), embeddings, listener, customize);
    }

    /** As {@link #open}, over a store already opened; closing the session closes it. */
    static Session over(Env env, CollectionOption collection, JdbcImportStore store, EmbeddingService embeddings, ImportListener listener,
            UnaryOperator<QaImport.Builder> customize) {
        try {
            QaImport.Builder b = collection.apply(env, QaImport.builder().store(store).autoStart(false).recoveryInterval(Duration.ZERO)
                    .embeddingService(embeddings).listener(listener).shutdownTimeout(Duration.ofSeconds(20))
                    .sheetReader(XlsxSheetReader.create()));
            return new Session(store, customize.apply(b).build(), embeddings);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            qa.close();
        } finally {
            store.close();
        }
    }
}
