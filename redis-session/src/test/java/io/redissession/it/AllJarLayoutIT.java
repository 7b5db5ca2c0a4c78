package io.redissession.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The drop-in jar, as {@code package} built it: every class under {@code io/redissession/} (dependencies relocated),
 * and no class a container's annotation scanner would find at a path that does not match its name.
 */
class AllJarLayoutIT {

    @Test
    void everyClassIsRelocatedAndLivesWhereItsNameSays() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("redis-session-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no -all jar in target/: run mvn package first"));
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> misplaced = file.stream().map(e -> e.getName())
                    .filter(name -> name.endsWith(".class") && !name.startsWith("io/redissession/"))
                    .toList();
            assertEquals(List.of(), misplaced);
            assertNull(file.getManifest().getMainAttributes().getValue("Multi-Release"));
        }
    }
}
