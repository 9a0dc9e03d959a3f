package dev.qaimport.batch.internal;

import dev.qaimport.internal.Ids;
import dev.qaimport.internal.Settings;
import dev.qaimport.CollectionName;
import dev.qaimport.QACreator;
import dev.qaimport.RowValidationException;
import dev.qaimport.model.EmbeddingStatus;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.ParsedQA;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.QAStatus;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.NewPair;
import dev.qaimport.validate.internal.CleanQA;
import dev.qaimport.validate.internal.RowPreparer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Creates single pairs in their own transaction; no duplicate check (an explicit create is a create). */
final class DefaultQACreator implements QACreator {
    private final ImportStore store;
    private final RowPreparer preparer;
    private final Settings settings;

    DefaultQACreator(ImportStore store, RowPreparer preparer, Settings settings) {
        this.store = store;
        this.preparer = preparer;
        this.settings = settings;
    }

    @Override
    public QAPair createFromParsed(ParsedQA parsed, UUID importJobId) {
        Objects.requireNonNull(parsed, "parsed");
        RowPreparer.Prepared p = preparer.prepare(parsed);
        if (!p.valid()) {
            throw new RowValidationException(p.errors());
        }
        CleanQA c = p.qa();
        Instant now = settings.clock().instant();
        String collection = importJobId == null ? CollectionName.DEFAULT
                : store.jobs().find(importJobId).map(ImportJob::collection).orElse(CollectionName.DEFAULT);
        NewPair pair = new NewPair(Ids.next(), collection, importJobId, c.row(), c.question(), c.answer(), c.category(), c.tags(),
                c.questionKey(), QAStatus.DRAFT, now);
        store.inTransaction(tx -> {
            tx.insertPairs(List.of(pair));
            return null;
        });
        return new QAPair(pair.id(), collection, pair.question(), pair.answer(), pair.category(), pair.tags(), QAStatus.DRAFT, importJobId,
                c.row(), c.questionKey(), EmbeddingStatus.PENDING, now);
    }
}
