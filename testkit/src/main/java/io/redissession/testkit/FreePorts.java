package io.redissession.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out free TCP ports on {@code 127.0.0.1}. A port is free when it was handed out: another
 * process may still take it before the caller binds it. Never returns {@code 6379}, and never the
 * same port twice within one JVM.
 */
public final class FreePorts {

    /** The only address the testkit binds to and connects to. */
    static final String HOST = "127.0.0.1";

    /** The port a developer's own Redis usually listens on. */
    static final int RESERVED_REDIS_PORT = 6379;

    /** How far above its port a Redis Cluster node listens for the cluster bus. */
    static final int CLUSTER_BUS_OFFSET = 10_000;

    private static final int MAX_ATTEMPTS = 100;
    private static final int FIRST_UNPRIVILEGED_PORT = 1024;

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /**
     * Returns a port that was free on {@code 127.0.0.1} a moment ago.
     *
     * @return a port number in the range 1..65535, never {@code 6379}
     * @throws IllegalStateException if no new free port was found
     */
    public static synchronized int next() {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int port = bindAndRelease();
            if (port != RESERVED_REDIS_PORT && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("next: no new free port on 127.0.0.1 after " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * Returns a port that, like the port {@code 10000} above it, was free on {@code 127.0.0.1} a
     * moment ago, so a Redis Cluster node can use it (Redis 6.2 always puts its cluster bus there).
     * Neither port was handed out before, and both count as handed out now.
     *
     * @return a port number in the range 1024..55535, never {@code 6379}
     * @throws IllegalStateException if no such pair was found
     */
    public static synchronized int nextWithBusPort() {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int bus = bindAndRelease();
            int port = bus - CLUSTER_BUS_OFFSET;
            if (port >= FIRST_UNPRIVILEGED_PORT && port != RESERVED_REDIS_PORT && bus != RESERVED_REDIS_PORT
                    && !HANDED_OUT.contains(port) && !HANDED_OUT.contains(bus) && isFree(port)) {
                HANDED_OUT.add(port);
                HANDED_OUT.add(bus);
                return port;
            }
        }
        throw new IllegalStateException("nextWithBusPort: no new pair of free ports N and N+" + CLUSTER_BUS_OFFSET
                + " on 127.0.0.1 after " + MAX_ATTEMPTS + " attempts");
    }

    /** Returns {@code 127.0.0.1} as an address, whatever the IPv6 preferences of the JVM. */
    static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(loopback(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int bindAndRelease() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(loopback(), 0), 1);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("next: cannot bind a socket on 127.0.0.1", e);
        }
    }
}
