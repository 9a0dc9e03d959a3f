package dev.qaimport.jobs.internal;

import dev.qaimport.CollectionName;
import dev.qaimport.ImportException;
import dev.qaimport.ImportOptions;
import dev.qaimport.internal.Ids;
import dev.qaimport.internal.Settings;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.SourceType;
import dev.qaimport.parse.internal.FileSizeGuard;
import dev.qaimport.parse.internal.RecordReaders;
import dev.qaimport.spi.ImportStore;
import dev.qaimport.spi.NewJob;
import dev.qaimport.spi.StoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in an upload: tells its format, refuses it when its first bytes show another format (an
 * HTML page or a workbook named {@code .csv}) before anything is stored, stores it (no larger
 * than {@code Limits.maxFileBytes}) and creates its job, so that a crash after {@code startImport}
 * returns loses nothing.
 */
final class JobIntake {
    private static final Logger LOG = LoggerFactory.getLogger(JobIntake.class);

    private final ImportStore store;
    private final Payloads payloads;
    private final Settings settings;
    /** The profile of this instance's embedding service, or {@code null} when it has none. */
    private final EmbeddingProfile ownProfile;

    JobIntake(ImportStore store, Payloads payloads, Settings settings, EmbeddingProfile ownProfile) {
        this.store = store;
        this.payloads = payloads;
        this.settings = settings;
        this.ownProfile = ownProfile;
    }

    UUID accept(Path file, ImportOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        try (InputStream in = Files.newInputStream(file)) {
            return accept(String.valueOf(file.getFileName()), in, options);
        } catch (NoSuchFileException e) {
            throw new ImportException(ErrorCodes.PAYLOAD, "file not found: " + file, e);
        } catch (IOException e) {
            throw new ImportException(ErrorCodes.PAYLOAD, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    UUID accept(String filename, InputStream content, ImportOptions options) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(options, "options");
        String name = displayName(filename);
        SourceType type = options.sourceType() != null ? options.sourceType()
                : SourceType.fromFilename(name).orElseThrow(() -> new ImportException(ErrorCodes.UNSUPPORTED_FORMAT,
                        name + ": cannot tell the format from the file name; name it .csv, .tsv, .json, .jsonl, .html or .xlsx, or pass the format"));
        ImportOptions stored = options.toBuilder().sourceType(type).embeddingProfile(profileOf(options)).build();
        InputStream upload = checkedStart(name, content, type);
        UUID id = Ids.next();
        long bytes;
        try {
            bytes = payloads.current().write(id, FileSizeGuard.borrowing(upload, settings.limits().maxFileBytes()));
        } catch (UncheckedIOException e) {
            throw new ImportException(ErrorCodes.PAYLOAD, name + ": cannot store the upload: " + e.getCause().getMessage(), e);
        } catch (StoreException e) {
            // The database failed: say which upload, and keep whether it is worth retrying.
            throw new StoreException(e.kind(), name + ": " + e.getMessage(), e);
        } catch (ImportException e) {
            // Too large, or the payload store failed: say which upload.
            throw new ImportException(e.code(), name + ": " + e.getMessage(), e);
        }
        try {
            String collection = options.collection() != null ? options.collection() : CollectionName.DEFAULT;
            store.jobs().insert(new NewJob(id, collection, name, type, OptionsCodec.encode(stored), payloads.current().name(), bytes,
                    settings.clock().instant()));
        } catch (RuntimeException e) {
            payloads.current().delete(id);
            throw e;
        }
        LOG.info("job {} created for {} ({} bytes, {})", id, name, bytes, type);
        return id;
    }

    /**
     * The upload, whole, once its first bytes passed the check the readers make when the job opens
     * it: only those bytes are read here, and they are stored ahead of the rest, so a stream that
     * can be read only once loses nothing. Closing the result would close {@code content}.
     */
    private static InputStream checkedStart(String name, InputStream content, SourceType type) {
        byte[] head = new byte[RecordReaders.PEEK_BYTES];
        int n;
        try {
            n = content.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new ImportException(ErrorCodes.PAYLOAD, name + ": cannot read the upload: " + e.getMessage(), e);
        }
        try {
            RecordReaders.checkStart(head, n, type);
        } catch (ImportException e) {
            throw new ImportException(e.code(), name + ": " + e.getMessage(), e);
        }
        return new SequenceInputStream(new ByteArrayInputStream(head, 0, n), content);
    }

    /**
     * The profile recorded with the job: the one the options ask for, else this instance's; with
     * this instance's input template unless the options name one. Nothing when neither says.
     */
    private EmbeddingProfile profileOf(ImportOptions options) {
        EmbeddingProfile asked = options.embeddingProfile() != null ? options.embeddingProfile() : ownProfile;
        if (asked == null || asked.isNone() || asked.input() != null) {
            return asked;
        }
        return asked.withInput(settings.embeddingInput().template());
    }

    /** The name a job shows for its upload: control characters removed, at most 255 characters, {@code upload} when empty. */
    static String displayName(String filename) {
        if (filename == null || filename.isBlank()) {
            return "upload";
        }
        StringBuilder sb = new StringBuilder(Math.min(filename.length(), 255));
        filename.codePoints().filter(cp -> !Character.isISOControl(cp)).limit(255).forEach(sb::appendCodePoint);
        String s = sb.toString().strip();
        return s.isEmpty() ? "upload" : s;
    }
}
