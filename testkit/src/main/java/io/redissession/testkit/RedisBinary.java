package io.redissession.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a {@code redis-server} executable, in this order: the file named by the environment
 * variable {@value #ENV_VARIABLE}; a {@code redis-server} on {@code PATH}, {@code /usr/bin} or
 * {@code /usr/local/bin}; the binary shipped in the {@code embedded-redis} jar, extracted once to
 * {@code ${java.io.tmpdir}/redis-session-testkit/}.
 */
public final class RedisBinary {

    /** Environment variable naming the {@code redis-server} executable to use. */
    public static final String ENV_VARIABLE = "REDIS_SERVER_BIN";

    private static final String EXECUTABLE = "redis-server";
    private static final List<String> EXTRA_DIRS = List.of("/usr/bin", "/usr/local/bin");
    private static final Pattern VERSION = Pattern.compile("v=(\\d+\\.\\d+\\.\\d+)");

    private static Path located;

    private RedisBinary() {
    }

    /**
     * Returns the {@code redis-server} executable to use; the answer is computed once per JVM.
     *
     * @return an existing executable file
     * @throws IllegalStateException if {@value #ENV_VARIABLE} names no executable file, or if no
     *     executable is found and none is shipped for this operating system and architecture
     */
    public static synchronized Path locate() {
        if (located == null) {
            located = find();
        }
        return located;
    }

    /**
     * Runs {@code <binary> --version}.
     *
     * @param binary a {@code redis-server} executable, not {@code null}
     * @return the version number, such as {@code 7.0.15}; the whole first line of the output if it
     *     holds no {@code v=} field
     * @throws IllegalStateException if the binary cannot be run or does not exit within 10 s
     */
    public static String version(Path binary) {
        Path output = null;
        try {
            output = Files.createTempFile("redis-server-version", ".txt");
            Process process = new ProcessBuilder(binary.toString(), "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("version: [" + binary + " --version] did not exit within 10 s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8).trim();
            Matcher m = VERSION.matcher(text);
            return m.find() ? m.group(1) : text.lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new IllegalStateException("version: cannot run [" + binary + " --version]", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("version: interrupted while running [" + binary + " --version]", e);
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a stray temporary file is harmless
        }
    }

    private static Path find() {
        String configured = System.getenv(ENV_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path path = Paths.get(configured.trim());
            if (!isExecutable(path)) {
                throw new IllegalStateException(ENV_VARIABLE + " is [" + configured + "], which is not an executable file");
            }
            return path;
        }
        for (Path dir : searchDirs()) {
            Path candidate = dir.resolve(EXECUTABLE);
            if (isExecutable(candidate)) {
                return candidate;
            }
        }
        String resource = shippedResource();
        if (resource == null) {
            throw new IllegalStateException("No redis-server found: set " + ENV_VARIABLE + ", put redis-server on PATH,"
                    + " or run on an OS/architecture that embedded-redis ships a binary for (this is ["
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "])");
        }
        return extract(resource);
    }

    private static List<Path> searchDirs() {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    dirs.add(Paths.get(dir));
                }
            }
        }
        EXTRA_DIRS.forEach(dir -> dirs.add(Paths.get(dir)));
        return dirs;
    }

    private static boolean isExecutable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    /** Returns the name of the binary that embedded-redis ships for this platform, or {@code null}. */
    static String shippedResource() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.contains("linux")) {
            return x64 ? "redis-server-6.2.6-v5-linux-amd64" : arm64 ? "redis-server-6.2.7-linux-arm64" : null;
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return x64 ? "redis-server-6.2.6-v5-darwin-amd64" : arm64 ? "redis-server-6.2.6-v5-darwin-arm64" : null;
        }
        return null;
    }

    /** Extracts a binary shipped by embedded-redis, or reuses the copy of an earlier run. */
    static Path extract(String resource) {
        URL url = RedisBinary.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("No redis-server found on PATH and the resource [" + resource
                    + "] of embedded-redis is not on the class path; set " + ENV_VARIABLE);
        }
        Path dir = Paths.get(System.getProperty("java.io.tmpdir"), "redis-session-testkit");
        Path target = dir.resolve(resource);
        try {
            URLConnection connection = url.openConnection();
            long size = connection.getContentLengthLong();
            if (size >= 0 && isExecutable(target) && Files.size(target) == size) {
                return target;
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, resource, ".tmp");
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract [" + resource + "] to [" + target + "]", e);
        }
    }
}
