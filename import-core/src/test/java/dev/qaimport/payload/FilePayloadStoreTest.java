package dev.qaimport.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePayloadStoreTest {
    @TempDir
    Path dir;

    @Test
    void storesAndReadsBackAPayloadNamedAfterTheJob() throws IOException {
        FilePayloadStore store = FilePayloadStore.create(dir.resolve("uploads"));
        byte[] content = new byte[300_000];
        new Random(1).nextBytes(content);
        UUID job = UUID.randomUUID();
        assertThat(store.name()).isEqualTo("files");
        assertThat(store.write(job, new ByteArrayInputStream(content))).isEqualTo(300_000);
        try (InputStream in = store.open(job)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        try (Stream<Path> files = Files.list(dir.resolve("uploads"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(job + ".payload");
        }
    }

    @Test
    void writingAgainReplacesAndDeleteRemoves() throws IOException {
        FilePayloadStore store = FilePayloadStore.create(dir);
        UUID job = UUID.randomUUID();
        store.write(job, new ByteArrayInputStream("first, longer".getBytes(StandardCharsets.UTF_8)));
        store.write(job, new ByteArrayInputStream("second".getBytes(StandardCharsets.UTF_8)));
        try (InputStream in = store.open(job)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
        }
        store.delete(job);
        store.delete(job);
        assertThatThrownBy(() -> store.open(job))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.PAYLOAD))
                .hasMessage("no payload of job " + job + " in " + dir.toAbsolutePath().normalize());
    }

    @Test
    void anEmptyUploadIsAPayloadToo() throws IOException {
        FilePayloadStore store = FilePayloadStore.create(dir);
        UUID job = UUID.randomUUID();
        assertThat(store.write(job, InputStream.nullInputStream())).isZero();
        try (InputStream in = store.open(job)) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aFailedUploadLeavesNeitherPayloadNorTemporaryFile() throws IOException {
        FilePayloadStore store = FilePayloadStore.create(dir);
        UUID job = UUID.randomUUID();
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(new byte[100_000]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        });
        assertThatThrownBy(() -> store.write(job, failing))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.PAYLOAD))
                .hasMessageContaining("client went away").hasMessageContaining(job.toString());
        InputStream tooLarge = new InputStream() {
            @Override
            public int read() {
                throw new ImportException(ErrorCodes.LIMIT_EXCEEDED, "upload larger than maxFileBytes");
            }
        };
        assertThatThrownBy(() -> store.write(job, tooLarge))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.LIMIT_EXCEEDED));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aFailedReplacementKeepsThePreviousPayload() throws IOException {
        FilePayloadStore store = FilePayloadStore.create(dir);
        UUID job = UUID.randomUUID();
        store.write(job, new ByteArrayInputStream(new byte[] {7}));
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("broken");
            }
        };
        assertThatThrownBy(() -> store.write(job, failing)).isInstanceOf(ImportException.class);
        try (InputStream in = store.open(job)) {
            assertThat(in.readAllBytes()).containsExactly(7);
        }
    }

    @Test
    void refusesAFileAsDirectory() throws IOException {
        Path file = Files.createFile(dir.resolve("plain.txt"));
        assertThatThrownBy(() -> FilePayloadStore.create(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("directory is not a directory: " + file.toAbsolutePath().normalize());
    }
}
