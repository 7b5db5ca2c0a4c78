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

    private static final int MAX_ATTEMPTS = 100;

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

    /** Returns {@code 127.0.0.1} as an address, whatever the IPv6 preferences of the JVM. */
    static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
