package io.redissession.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Creates and deletes the temporary directories of servers and containers. */
final class TempDirs {

    private TempDirs() {
    }

    /** Creates a new directory under {@code java.io.tmpdir}. */
    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory [" + prefix + "...]", e);
        }
    }

    /** Deletes a directory tree, best effort, without following links; {@code null} is ignored. */
    static void delete(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a file removed concurrently, or unreadable: leave the rest to the OS
        }
    }
}
