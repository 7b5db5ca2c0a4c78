package io.redissession.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records the commands a {@link RedisServer} runs, through {@code MONITOR}, so tests can count
 * exactly the round trips an operation costs.
 *
 * <p>{@link #drain()} first sends a marker ({@code ECHO redis-session-testkit-marker-...}) over a
 * helper connection of its own and waits until the monitor has seen it. Every command that got its
 * reply before {@code drain()} was called is therefore included, and nothing later. The marker and
 * anything else the helper sends are left out. MONITOR itself does not show commands the server
 * rejects before running them (unknown command, wrong arity, {@code NOAUTH}), nor administrative
 * commands such as {@code CONFIG} or {@code DEBUG}; it shows {@code AUTH} as {@code AUTH (redacted)}.
 * Commands queued in {@code MULTI} appear once each, before {@code EXEC}.
 *
 * <p>The helper is a {@link RedisTestConnection}. The MONITOR stream itself is read by a small reader of its own over a
 * plain socket, because neither of the usual ways is available: Lettuce has no MONITOR API (after {@code MONITOR}
 * the server sends lines that no command asked for), and {@code redis-cli} is not guaranteed to be installed (the
 * fallback {@code redis-server} of the {@code embedded-redis} artifact ships without it, see {@link RedisBinary}).
 * The reader sends {@code AUTH} (with {@link RedisServer#password()}, if any) and {@code MONITOR}, then reads one
 * simple-string line ({@code +...\r\n}) per command; MONITOR escapes line breaks inside arguments, so a line is
 * always one command.
 */
public final class RedisMonitor implements AutoCloseable {

    private static final String MARKER_PREFIX = "redis-session-testkit-marker-";
    private static final long DRAIN_TIMEOUT_MILLIS = 5_000;
    private static final AtomicLong MONITOR_IDS = new AtomicLong();

    private final MonitorStream monitor;
    private final RedisTestConnection helper;
    private final String helperClient;
    private final String markerPrefix;
    private final Thread reader;
    private final Object lock = new Object();

    /* guarded by lock */
    private final List<MonitoredCommand> seen = new ArrayList<>();
    private long markerSeen;
    private int markerIndex;
    private RuntimeException failure;

    private long markerSent;
    private volatile boolean closed;

    private RedisMonitor(MonitorStream monitor, RedisTestConnection helper, int port) {
        this.monitor = monitor;
        this.helper = helper;
        this.helperClient = FreePorts.HOST + ":" + helper.localPort();
        this.markerPrefix = MARKER_PREFIX + MONITOR_IDS.incrementAndGet() + "-";
        this.reader = new Thread(this::readLoop, "redis-monitor-" + port);
        this.reader.setDaemon(true);
    }

    /**
     * Opens a MONITOR connection to a server; commands run after this method returns are recorded.
     *
     * @param server a running server, not {@code null}
     * @return the started monitor; the caller closes it
     */
    public static RedisMonitor start(RedisServer server) {
        RedisTestConnection helper = server.connect();
        MonitorStream monitor = null;
        try {
            monitor = MonitorStream.open(server.host(), server.port(), server.password());
            RedisMonitor started = new RedisMonitor(monitor, helper, server.port());
            started.reader.start();
            return started;
        } catch (RuntimeException e) {
            helper.close();
            if (monitor != null) {
                monitor.close();
            }
            throw e;
        }
    }

    /**
     * Returns the commands run since the previous drain (or since {@link #start}), in the order the
     * server ran them, including those run by scripts.
     *
     * @return the commands, never {@code null}
     * @throws IllegalStateException if the monitor connection failed, or the marker was not seen
     *     within 5 s
     */
    public synchronized List<MonitoredCommand> drain() {
        if (closed) {
            throw new IllegalStateException("drain: the monitor is closed");
        }
        long marker = ++markerSent;
        helper.command("ECHO", markerPrefix + marker);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MILLIS);
        synchronized (lock) {
            while (markerSeen < marker) {
                if (failure != null) {
                    throw new IllegalStateException("drain: the MONITOR connection failed", failure);
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IllegalStateException("drain: marker " + marker + " not seen within " + DRAIN_TIMEOUT_MILLIS + " ms");
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("drain: interrupted", e);
                }
            }
            List<MonitoredCommand> drained = List.copyOf(seen.subList(0, markerIndex));
            seen.subList(0, markerIndex).clear();
            markerIndex = 0;
            return drained;
        }
    }

    /**
     * Same as {@link #drain()} without the commands run by scripts: one entry per command a client
     * sent.
     *
     * @return the commands sent by clients, never {@code null}
     */
    public List<MonitoredCommand> drainTopLevel() {
        return drain().stream().filter(command -> !command.fromLua()).toList();
    }

    /** Closes both connections and stops the reader thread. */
    @Override
    public void close() {
        closed = true;
        monitor.close();
        helper.close();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        while (!closed) {
            MonitoredCommand command;
            try {
                command = MonitoredCommand.parse(monitor.nextLine());
            } catch (RuntimeException e) {
                if (!closed) {
                    fail(e);
                }
                return;
            }
            synchronized (lock) {
                if (!command.client().equals(helperClient)) {
                    seen.add(command);
                } else if (isMarker(command)) {
                    markerSeen = Long.parseLong(command.arg(0).substring(markerPrefix.length()));
                    markerIndex = seen.size();
                    lock.notifyAll();
                }
            }
        }
    }

    private boolean isMarker(MonitoredCommand command) {
        return command.name().equals("ECHO") && command.args().size() == 1 && command.arg(0).startsWith(markerPrefix);
    }

    private void fail(RuntimeException e) {
        synchronized (lock) {
            failure = e;
            lock.notifyAll();
        }
        monitor.close();
    }

    /** A socket that has sent {@code MONITOR} and now reads the server's lines, one per command run. */
    private static final class MonitorStream implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;

        private MonitorStream(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
        }

        /**
         * Connects, authenticates if {@code password} is not {@code null}, and starts MONITOR.
         *
         * @throws RedisErrorReply if the server refuses {@code AUTH} or {@code MONITOR}
         * @throws UncheckedIOException if the connection fails
         */
        static MonitorStream open(String host, int port, String password) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(RedisTestConnection.SOCKET_TIMEOUT_MILLIS);
                socket.connect(new InetSocketAddress(host, port), RedisTestConnection.SOCKET_TIMEOUT_MILLIS);
                MonitorStream stream = new MonitorStream(socket);
                if (password != null) {
                    stream.send("AUTH", password);
                    stream.nextLine();
                }
                stream.send("MONITOR");
                stream.nextLine();
                socket.setSoTimeout(0);
                return stream;
            } catch (IOException e) {
                closeQuietly(socket);
                throw new UncheckedIOException("MONITOR: cannot start on [" + host + ":" + port + "]", e);
            } catch (RuntimeException e) {
                closeQuietly(socket);
                throw e;
            }
        }

        /**
         * Reads the next line.
         *
         * @return the text of a simple-string line, without its {@code +}
         * @throws RedisErrorReply for an error line
         * @throws UncheckedIOException if the connection fails or the line is of another type
         */
        String nextLine() {
            try {
                int type = in.read();
                String line = readLine();
                if (type == '+') {
                    return line;
                }
                if (type == '-') {
                    throw new RedisErrorReply(line);
                }
                throw new IOException("MONITOR: unexpected line [" + (char) type + line + "]");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes one command as a RESP array of bulk strings. */
        private void send(String... args) throws IOException {
            ByteArrayOutputStream command = new ByteArrayOutputStream();
            command.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                command.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                command.writeBytes(bytes);
                command.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            OutputStream out = socket.getOutputStream();
            out.write(command.toByteArray());
            out.flush();
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            for (int b = in.read(); b != '\r'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("MONITOR: connection closed by the server");
                }
                line.write(b);
            }
            if (in.read() != '\n') {
                throw new IOException("MONITOR: malformed line, CR without LF");
            }
            return line.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            closeQuietly(socket);
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
