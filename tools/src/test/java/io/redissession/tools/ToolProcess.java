package io.redissession.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The tool's jar run in its own JVM, as an operator runs it: to completion, or in the background. */
final class ToolProcess implements AutoCloseable {

    /** What a finished run printed, and its exit code. */
    record Result(int code, String out, String err) {
    }

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final List<Thread> readers;

    private ToolProcess(Process process) {
        this.process = process;
        this.readers = List.of(collect(process.getInputStream(), out), collect(process.getErrorStream(), err));
    }

    /** Runs the tool to completion (at most 60 s). */
    static Result run(String... args) throws IOException, InterruptedException {
        try (ToolProcess tool = start(args)) {
            if (!tool.process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the tool did not finish: " + List.of(args));
            }
            tool.drained();
            return new Result(tool.process.exitValue(), String.join("\n", tool.out) + (tool.out.isEmpty() ? "" : "\n"),
                    String.join("\n", tool.err) + (tool.err.isEmpty() ? "" : "\n"));
        }
    }

    /** Starts the tool in the background; {@link #close()} stops it. */
    static ToolProcess start(String... args) throws IOException {
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("redis-session-cli-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the tool's jar is not built in target/"));
        }
        // flags that only shorten the start of a short-lived JVM (about 0.65 s instead of 0.9 s per run here)
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        return new ToolProcess(process);
    }

    /** @return the lines printed on standard output so far */
    List<String> out() {
        return List.copyOf(out);
    }

    /**
     * Waits until a line of standard output or error matches.
     *
     * @return the line
     * @throws IllegalStateException if none did within the time, or the tool ended first
     */
    String awaitLine(Predicate<String> wanted, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            for (List<String> lines : List.of(out, err)) {
                for (String line : lines) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
            }
            if (!process.isAlive()) {
                drained();
                break;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no such line within " + millis + " ms; out: " + out + " err: " + err);
    }

    /** Waits until the ended process's output is read to its end. */
    private void drained() throws InterruptedException {
        for (Thread reader : readers) {
            reader.join(10_000);
        }
    }

    private static Thread collect(InputStream stream, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "tool-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
