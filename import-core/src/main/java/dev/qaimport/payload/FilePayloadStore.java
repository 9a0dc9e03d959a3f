package dev.qaimport.payload;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.spi.PayloadStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@link PayloadStore} that keeps each upload as a file in one directory, named after the job
 * id ({@code <jobId>.payload}); the caller's file name never becomes part of a path. Immutable
 * and thread-safe; several processes may share the directory (a network volume, for example).
 *
 * <p>A write streams into a temporary file in the same directory, forces it to disk and then
 * moves it into place atomically, so a reader sees either the whole payload or none, and a
 * failed or interrupted upload leaves no payload behind (at most a {@code .tmp} file of a crashed
 * process, which readers ignore).
 */
public final class FilePayloadStore implements PayloadStore {
    /** The name stored with jobs whose payload lives in a {@code FilePayloadStore}. */
    public static final String NAME = "files";

    private static final String SUFFIX = ".payload";
    private static final int READ_BUFFER = 64 * 1024;

    private final Path directory;

    private FilePayloadStore(Path directory) {
        this.directory = directory;
    }

    /**
     * A store in {@code directory}, which is created on the first write if it does not exist.
     *
     * @throws IllegalArgumentException if {@code directory} exists and is not a directory
     */
    public static FilePayloadStore create(Path directory) {
        Objects.requireNonNull(directory, "directory");
        Path absolute = directory.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("directory is not a directory: " + absolute);
        }
        return new FilePayloadStore(absolute);
    }

    /** The directory holding the payloads. */
    public Path directory() {
        return directory;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Stores {@code content} as the payload of {@code jobId}, replacing an earlier one.
     *
     * @throws ImportException with code {@code PAYLOAD} if reading {@code content} or writing the
     *                         file fails (the {@link IOException} is the cause); a runtime
     *                         exception thrown by {@code content} propagates unchanged. Either
     *                         way nothing is kept.
     */
    @Override
    public long write(UUID jobId, InputStream content) {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(content, "content");
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, "." + jobId + ".", ".tmp");
            long written;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = Channels.newOutputStream(channel)) {
                written = content.transferTo(out);
                channel.force(true);
            }
            moveIntoPlace(temp, path(jobId));
            temp = null;
            syncDirectory();
            return written;
        } catch (IOException e) {
            throw new ImportException(ErrorCodes.PAYLOAD, "storing the upload of job " + jobId + " in " + directory
                    + " failed: " + e, e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable where the platform allows syncing a directory (not Windows). */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the data itself is already on disk.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temporary file is ignored by readers and overwritten by nothing.
        }
    }

    /**
     * Opens the payload of {@code jobId}.
     *
     * @throws ImportException with code {@code PAYLOAD} if there is none or it cannot be read
     */
    @Override
    public InputStream open(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        Path file = path(jobId);
        try {
            return new BufferedInputStream(Files.newInputStream(file), READ_BUFFER);
        } catch (NoSuchFileException e) {
            throw new ImportException(ErrorCodes.PAYLOAD, "no payload of job " + jobId + " in " + directory, e);
        } catch (IOException e) {
            throw new ImportException(ErrorCodes.PAYLOAD, "cannot open the payload of job " + jobId + " in " + directory
                    + ": " + e, e);
        }
    }

    @Override
    public void delete(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        try {
            Files.deleteIfExists(path(jobId));
        } catch (IOException e) {
            throw new ImportException(ErrorCodes.PAYLOAD, "cannot delete the payload of job " + jobId + " in " + directory
                    + ": " + e, e);
        }
    }

    /** The file of a job's payload: the id alone names it. */
    Path path(UUID jobId) {
        return directory.resolve(jobId + SUFFIX);
    }

    @Override
    public String toString() {
        return "FilePayloadStore[" + directory + "]";
    }
}
