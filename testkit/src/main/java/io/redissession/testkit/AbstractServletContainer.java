package io.redissession.testkit;

import java.net.BindException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Port choice, start/stop state and bind retries shared by the container implementations. */
abstract class AbstractServletContainer implements ServletContainer {

    private static final int START_ATTEMPTS = 3;

    private final List<WebAppSpec> apps;
    private final boolean anyPort;
    private int port;
    private boolean running;

    AbstractServletContainer(int port, WebAppSpec... apps) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: [" + port + "] must be 0 (any free port) or 1..65535");
        }
        if (apps.length == 0) {
            throw new IllegalArgumentException("apps: at least one web app is needed");
        }
        Set<String> paths = new HashSet<>();
        for (WebAppSpec app : apps) {
            if (!paths.add(app.contextPath())) {
                throw new IllegalArgumentException("apps: the context path [" + app.contextPath() + "] is used twice");
            }
        }
        this.apps = List.of(apps);
        this.anyPort = port == 0;
        this.port = anyPort ? FreePorts.next() : port;
        ContainerLogging.quiet();
    }

    /** Builds and starts the container on the port; may leave state that {@link #doStop()} cleans. */
    abstract void doStart(int port) throws Exception;

    /** Stops and releases everything {@link #doStart(int)} built, even after it failed half-way. */
    abstract void doStop() throws Exception;

    @Override
    public final List<WebAppSpec> apps() {
        return apps;
    }

    @Override
    public final synchronized int port() {
        return port;
    }

    @Override
    public final synchronized boolean isRunning() {
        return running;
    }

    @Override
    public final synchronized void start() {
        if (running) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                doStart(port);
                running = true;
                return;
            } catch (Exception e) {
                stopQuietly(e);
                if (!(anyPort && attempt < START_ATTEMPTS && isBindFailure(e))) {
                    throw new IllegalStateException(name() + ": cannot start on " + FreePorts.HOST + ":" + port + ": " + e.getMessage(), e);
                }
                port = FreePorts.next();
            }
        }
    }

    @Override
    public final synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            doStop();
        } catch (Exception e) {
            throw new IllegalStateException(name() + ": failed to stop cleanly", e);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + baseUrl() + ", " + apps + (isRunning() ? "" : ", stopped") + "]";
    }

    private void stopQuietly(Exception cause) {
        try {
            doStop();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
