package io.redissession.testkit;

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
 */
public final class RedisMonitor implements AutoCloseable {

    private static final String MARKER_PREFIX = "redis-session-testkit-marker-";
    private static final long DRAIN_TIMEOUT_MILLIS = 5_000;
    private static final AtomicLong MONITOR_IDS = new AtomicLong();

    private final RespConnection monitor;
    private final RespConnection helper;
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

    private RedisMonitor(RespConnection monitor, RespConnection helper, int port) {
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
        RespConnection helper = server.connect();
        RespConnection monitor = null;
        try {
            monitor = server.connect();
            monitor.command("MONITOR");
            monitor.readTimeout(0);
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
                command = MonitoredCommand.parse((String) monitor.read());
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
}
