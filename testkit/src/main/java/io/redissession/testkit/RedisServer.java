package io.redissession.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A real {@code redis-server} process on a free port of {@code 127.0.0.1}, without persistence,
 * with its own temporary directory and its output in {@link #logFile()}.
 *
 * <p>The port leaves the port 10000 above it free, so any server may be a cluster node. The process
 * starts with {@code --port N --bind 127.0.0.1 --save "" --appendonly no
 * --daemonize no --dir <tempdir>} (plus {@code --enable-debug-command local} from Redis 7 on), then
 * the extra arguments, which may override these. A server started {@linkplain #startWithConfig with a
 * configuration file} gets that file as its first argument, so the command line overrides it; this is
 * how a Sentinel runs. A JVM shutdown hook kills the processes still running and deletes their
 * directories.
 */
public final class RedisServer implements AutoCloseable {

    private static final long START_TIMEOUT_MILLIS = 10_000;
    private static final long STOP_TIMEOUT_SECONDS = 5;
    private static final int START_ATTEMPTS = 3;
    private static final int RESTART_ATTEMPTS = 5;
    private static final int LOG_TAIL_LINES = 20;
    private static final String CONFIG_FILE = "redis.conf";

    private static final Set<RedisServer> STARTED = ConcurrentHashMap.newKeySet();
    private static final Map<Path, String> VERSIONS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(RedisServer::cleanUpAll, "redis-session-testkit-redis-cleanup"));
    }

    private final Path binary;
    private final int port;
    private final List<String> extraArgs;
    private final Path dir;
    private final Path configFile;
    private final String password;
    private volatile Process process;

    private RedisServer(Path binary, int port, List<String> extraArgs, Path dir, Path configFile) {
        this.binary = binary;
        this.port = port;
        this.extraArgs = extraArgs;
        this.dir = dir;
        this.configFile = configFile;
        this.password = requirepass(extraArgs);
    }

    /**
     * Starts a server and waits until it answers.
     *
     * @return the running server
     * @throws IllegalStateException if it does not answer within 10 s; the message ends with the
     *     tail of its log
     */
    public static RedisServer start() {
        return start(new String[0]);
    }

    /**
     * Starts a server with extra command line arguments and waits until it answers.
     *
     * @param extraArgs arguments appended to the defaults, such as {@code "--requirepass", "secret"};
     *     not {@code null}, no element {@code null}
     * @return the running server
     * @throws IllegalStateException if it does not answer within 10 s; the message ends with the
     *     tail of its log
     */
    public static RedisServer start(String... extraArgs) {
        List<String> args = List.of(extraArgs);
        return startNew(null, port -> args);
    }

    /**
     * Starts a server whose extra arguments depend on the port it gets, and waits until it answers.
     *
     * @param extraArgs given the port, returns the arguments appended to the defaults, such as
     *     {@code port -> List.of("--cluster-config-file", "nodes-" + port + ".conf")}; not {@code null},
     *     never returning {@code null}
     * @return the running server
     * @throws IllegalStateException if it does not answer within 10 s; the message ends with the
     *     tail of its log
     */
    public static RedisServer start(IntFunction<List<String>> extraArgs) {
        Objects.requireNonNull(extraArgs, "extraArgs");
        return startNew(null, extraArgs);
    }

    /**
     * Starts a server with a configuration file and waits until it answers. The file is
     * {@code redis.conf} in the server's own directory, holds the text {@code config} returns for the
     * port the server gets, and is the first argument: the defaults and {@code extraArgs} override
     * it. It stays writable (a Sentinel rewrites it) and {@link #restart()} reuses it as it is then.
     * {@link #password()} and {@link #connect()} know only a {@code --requirepass} of {@code extraArgs}.
     *
     * @param config given the port, returns the content of the file, such as
     *     {@code port -> "port " + port + "\nsentinel monitor ...\n"}; not {@code null}, never
     *     returning {@code null}
     * @param extraArgs arguments appended to the defaults, such as {@code "--sentinel"}; not
     *     {@code null}, no element {@code null}
     * @return the running server
     * @throws IllegalStateException if it does not answer within 10 s; the message ends with the
     *     tail of its log
     */
    public static RedisServer startWithConfig(IntFunction<String> config, String... extraArgs) {
        Objects.requireNonNull(config, "config");
        List<String> args = List.of(extraArgs);
        return startNew(config, port -> args);
    }

    private static RedisServer startNew(IntFunction<String> config, IntFunction<List<String>> extraArgs) {
        Path binary = RedisBinary.locate();
        Path dir = TempDirs.create("redis-session-testkit-redis-").toAbsolutePath();
        Path configFile = config == null ? null : dir.resolve(CONFIG_FILE);
        PortInUseException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = FreePorts.nextWithBusPort();
            List<String> args = List.copyOf(extraArgs.apply(port));
            if (configFile != null) {
                writeConfig(configFile, config.apply(port));
            }
            RedisServer server = new RedisServer(binary, port, args, dir, configFile);
            STARTED.add(server);
            try {
                server.launch();
                return server;
            } catch (PortInUseException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Returns the host the server listens on: {@code 127.0.0.1}. */
    public String host() {
        return FreePorts.HOST;
    }

    /** Returns the port the server listens on; it stays the same across {@link #restart()}. */
    public int port() {
        return port;
    }

    /** Returns {@code redis://127.0.0.1:PORT}. */
    public String uri() {
        return "redis://" + FreePorts.HOST + ":" + port;
    }

    /**
     * Returns the password given with {@code --requirepass}.
     *
     * @return the password, or {@code null} if none was given
     */
    public String password() {
        return password;
    }

    /** Returns the process id of the current (or last) process. */
    public long pid() {
        return process.pid();
    }

    /** Returns the file that receives the standard output and error of every process of this server. */
    public Path logFile() {
        return dir.resolve("redis.log");
    }

    /** Returns the version of the executable, such as {@code 7.0.15}. */
    public String version() {
        return VERSIONS.computeIfAbsent(binary, RedisBinary::version);
    }

    /** Returns whether the current process is alive. */
    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /**
     * Opens a new connection, authenticated with the {@code --requirepass} password if there is one.
     *
     * @return a new connection; the caller closes it
     */
    public RedisTestConnection connect() {
        RedisTestConnection connection = new RedisTestConnection(port);
        if (password != null) {
            try {
                connection.command("AUTH", password);
            } catch (RuntimeException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    /**
     * Stops the process gracefully (SIGTERM), waiting up to 5 s before killing it. Does nothing if
     * it is not running.
     */
    public void stop() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        if (!awaitExit(p, STOP_TIMEOUT_SECONDS)) {
            p.destroyForcibly();
            awaitExit(p, STOP_TIMEOUT_SECONDS);
        }
    }

    /** Kills the process at once (SIGKILL) and waits until it is gone, as a crash would. */
    public void kill() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            awaitExit(p, STOP_TIMEOUT_SECONDS);
        }
    }

    /**
     * Starts a new process on the same port with the same arguments, stopping the current one first
     * if it still runs, and waits until it answers. The data is gone: nothing is persisted.
     *
     * @throws IllegalStateException if it does not answer within 10 s, or the port stays taken
     */
    public void restart() {
        stop();
        for (int attempt = 1; ; attempt++) {
            try {
                launch();
                return;
            } catch (PortInUseException e) {
                if (attempt == RESTART_ATTEMPTS) {
                    throw e;
                }
                sleep(200L * attempt);
            }
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        Process p = process;
        return "RedisServer[" + FreePorts.HOST + ":" + port + (p == null ? "" : ", pid " + p.pid()) + (isRunning() ? "" : ", stopped") + "]";
    }

    private List<String> command() {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        if (configFile != null) {
            command.add(configFile.toString());
        }
        command.addAll(List.of("--port", Integer.toString(port), "--bind", FreePorts.HOST, "--save", "",
                "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString()));
        if (majorVersion() >= 7) {
            command.addAll(List.of("--enable-debug-command", "local"));
        }
        command.addAll(extraArgs);
        return command;
    }

    private int majorVersion() {
        String version = version();
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void launch() {
        Process p;
        try {
            p = new ProcessBuilder(command())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile().toFile()))
                    .start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run [" + binary + "]", e);
        }
        process = p;
        awaitAnswer(p);
    }

    private void awaitAnswer(Process p) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                awaitExit(p, 1);
                String log = logTail();
                String message = "redis-server on port " + port + " exited with code " + p.exitValue() + ". Log tail:\n" + log;
                throw log.contains("Address already in use") ? new PortInUseException(message) : new IllegalStateException(message);
            }
            if (answers()) {
                return;
            }
            sleep(20);
        }
        p.destroyForcibly();
        awaitExit(p, STOP_TIMEOUT_SECONDS);
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                + START_TIMEOUT_MILLIS + " ms. Log tail:\n" + logTail());
    }

    private boolean answers() {
        try (RedisTestConnection connection = new RedisTestConnection(port)) {
            connection.command("PING");
            return true;
        } catch (RedisErrorReply e) {
            // NOAUTH (requirepass) or NOPERM also prove the server is up; LOADING does not
            return !e.getMessage().startsWith("LOADING");
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile(), StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void writeConfig(Path file, String text) {
        try {
            Files.writeString(file, Objects.requireNonNull(text, "config returned null"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write [" + file + "]", e);
        }
    }

    private static String requirepass(List<String> args) {
        String password = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equalsIgnoreCase("--requirepass") && i + 1 < args.size()) {
                password = args.get(i + 1).isEmpty() ? null : args.get(i + 1);
            }
        }
        return password;
    }

    private static boolean awaitExit(Process p, long seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for redis-server", e);
        }
    }

    private static void cleanUpAll() {
        for (RedisServer server : STARTED) {
            Process p = server.process;
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
        for (RedisServer server : STARTED) {
            Process p = server.process;
            if (p != null) {
                awaitExit(p, 1);
            }
            TempDirs.delete(server.dir);
        }
    }

    /** The process exited because its port was taken. */
    private static final class PortInUseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortInUseException(String message) {
            super(message);
        }
    }
}
