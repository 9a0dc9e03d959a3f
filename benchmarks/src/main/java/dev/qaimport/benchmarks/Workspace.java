package dev.qaimport.benchmarks;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The temporary directory a benchmark command works in (generated files, H2 databases, child
 * logs); deleted when the command ends, also on Ctrl-C, unless the caller chose the directory.
 */
final class Workspace implements AutoCloseable {
    private final Path dir;
    private final boolean owned;
    private final Thread hook;

    private Workspace(Path dir, boolean owned) {
        this.dir = dir;
        this.owned = owned;
        this.hook = new Thread(this::delete, "benchmark-workspace-cleanup");
        if (owned) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /** A new temporary directory, or {@code chosen} (kept afterwards) when not {@code null}. */
    static Workspace create(String chosen) throws IOException {
        if (chosen != null) {
            Path dir = Path.of(chosen);
            Files.createDirectories(dir);
            return new Workspace(dir, false);
        }
        return new Workspace(Files.createTempDirectory("qa-bench-"), true);
    }

    Path dir() {
        return dir;
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    private void delete() {
        try {
            deleteRecursively(dir);
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (owned) {
            delete();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running or has run.
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
