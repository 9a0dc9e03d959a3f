package dev.qaimport.jobs.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.PayloadStore;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the payload store that holds a job's upload: this instance's, or the database's. */
final class Payloads {
    private static final Logger LOG = LoggerFactory.getLogger(Payloads.class);

    private final ImportStore store;
    private final PayloadStore payloadStore;

    Payloads(ImportStore store, PayloadStore payloadStore) {
        this.store = store;
        this.payloadStore = payloadStore;
    }

    /** The store new uploads go to. */
    PayloadStore current() {
        return payloadStore;
    }

    /** The store that holds the upload of {@code jobId}. */
    PayloadStore of(UUID jobId) {
        String name = store.jobs().payloadStore(jobId).orElse(payloadStore.name());
        if (name.equals(payloadStore.name())) {
            return payloadStore;
        }
        PayloadStore db = store.databasePayloads();
        if (name.equals(db.name())) {
            return db;
        }
        throw new ImportException(ErrorCodes.PAYLOAD, "the upload of job " + jobId + " is in payload store '" + name
                + "', which this process is not configured with");
    }

    /** Deletes the upload of a job that ended; a failure only costs disk space, so it is logged. */
    void deleteQuietly(UUID jobId, String what) {
        try {
            of(jobId).delete(jobId);
        } catch (RuntimeException e) {
            LOG.warn("could not delete the upload of {} {}: {}", what, jobId, e.getMessage());
        }
    }
}
