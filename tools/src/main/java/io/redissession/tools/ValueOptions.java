package io.redissession.tools;

import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The options that say how to decode attribute values: the filter's serializer and the application's classes. */
final class ValueOptions {

    @Option(names = "--classpath", paramLabel = "PATH", description = "The application's classes, to decode values:"
            + " jars and directories separated by ':' (';' on Windows); dir/* adds every jar in dir (for a"
            + " WAR: its unpacked WEB-INF/classes and WEB-INF/lib/*).")
    String classpath;

    @Option(names = "--serializer", defaultValue = "jdk", description = "The filter's serializer setting: jdk, json"
            + " or a class name on --classpath. Default: ${DEFAULT-VALUE}.")
    String serializer;

    @Option(names = "--json-allowed-types", split = ",", paramLabel = "TYPES",
            description = "The filter's jsonAllowedTypes, for --serializer json.")
    List<String> jsonAllowedTypes = new ArrayList<>();

    /**
     * @param decode whether values are to be decoded
     * @return a reader of stored values; it decodes them only if {@code decode}
     */
    StoredValues reader(boolean decode) {
        return new StoredValues(decode ? serializer : null, jsonAllowedTypes, classLoader());
    }

    private ClassLoader classLoader() {
        ClassLoader parent = ValueOptions.class.getClassLoader();
        if (classpath == null || classpath.isBlank()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            if (entry.endsWith(File.separator + "*") || entry.equals("*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 1).isEmpty() ? "."
                        : entry.substring(0, entry.length() - 1));
                try (Stream<Path> jars = Files.list(dir)) {
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> urls.add(url(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException("--classpath: cannot list " + dir + ": " + e.getMessage(), e);
                }
            } else {
                Path path = Path.of(entry);
                if (!Files.exists(path)) {
                    throw new IllegalArgumentException("--classpath: " + entry + " does not exist");
                }
                urls.add(url(path));
            }
        }
        return new URLClassLoader(urls.toArray(new URL[0]), parent);
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("--classpath: " + path + ": " + e.getMessage(), e);
        }
    }
}
