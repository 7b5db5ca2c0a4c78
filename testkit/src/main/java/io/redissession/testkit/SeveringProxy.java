package io.redissession.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay on a loopback port in front of a Redis server that can lose one reply on purpose: once armed with a
 * byte pattern (a script's SHA-1, a key), the first chunk a client sends that contains it reaches Redis, which runs
 * it, but the connection is then cut (reset on the client's side) and no reply bytes read after that chunk reach the
 * client. This is what a failover does to a command in flight: applied, outcome unknown. Armed with
 * {@link #dropAndSever}, the chunk is not relayed at all: the command is lost with the connection, as when a failover
 * promotes a replica that never got it. It relays bytes only; it knows nothing of the protocol.
 */
public final class SeveringProxy implements AutoCloseable {

    private static final long SERVER_GRACE_MILLIS = 300;

    private final int upstreamPort;
    private final ServerSocket listener;
    private final AtomicReference<byte[]> armed = new AtomicReference<>();
    /** Whether the armed chunk reaches Redis before the cut. */
    private volatile boolean relayArmed = true;
    private final AtomicInteger severed = new AtomicInteger();
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * Starts relaying.
     *
     * @param upstreamPort the loopback port of the Redis server behind it
     * @return the running relay
     */
    public static SeveringProxy start(int upstreamPort) {
        try {
            return new SeveringProxy(upstreamPort);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for the relay to port " + upstreamPort, e);
        }
    }

    private SeveringProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "severing-proxy accept " + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the loopback port clients connect to */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Cuts the connection of the next chunk a client sends that contains the pattern, after Redis got it.
     *
     * @param pattern bytes to look for, for example a script's SHA-1 in hex
     */
    public void severAfter(String pattern) {
        relayArmed = true;
        armed.set(pattern.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Cuts the connection of the next chunk a client sends that contains the pattern, without relaying that chunk:
     * Redis never gets it.
     *
     * @param pattern bytes to look for, for example a script's SHA-1 in hex
     */
    public void dropAndSever(String pattern) {
        relayArmed = false;
        armed.set(pattern.getBytes(StandardCharsets.UTF_8));
    }

    /** @return how many connections were cut so far */
    public int severedCount() {
        return severed.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 5000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                Link link = new Link(client, server);
                links.add(link);
                link.start();
            } catch (IOException e) {
                if (!closed) {
                    // a client that could not be relayed sees its connection refused or closed and retries
                    continue;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Link link : links) {
            link.close();
        }
    }

    /** One client connection and its connection to Redis, relayed by two threads. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private volatile boolean cut;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            thread(this::relayRequests, "requests").start();
            thread(this::relayReplies, "replies").start();
        }

        private Thread thread(Runnable body, String what) {
            Thread thread = new Thread(body, "severing-proxy " + what + " " + client.getPort());
            thread.setDaemon(true);
            return thread;
        }

        private void relayRequests() {
            byte[] buffer = new byte[64 * 1024];
            byte[] carried = new byte[0];
            try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    byte[] pattern = armed.get();
                    byte[] seen = join(carried, buffer, read);
                    boolean relay = relayArmed;
                    boolean sever = pattern != null && contains(seen, pattern) && armed.compareAndSet(pattern, null);
                    carried = pattern == null ? new byte[0]
                            : Arrays.copyOfRange(seen, Math.max(0, seen.length - pattern.length + 1), seen.length);
                    if (sever) {
                        cut = true;
                    }
                    if (!sever || relay) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                    if (sever) {
                        severed.incrementAndGet();
                        client.setSoLinger(true, 0);
                        client.close();
                        // Redis reads and runs what it got before it sees the connection end
                        Thread.sleep(SERVER_GRACE_MILLIS);
                        break;
                    }
                }
            } catch (IOException e) {
                // either side went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
        }

        private void relayReplies() {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!cut) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // either side went away
            }
            if (!cut) {
                close();
            }
        }

        void close() {
            try {
                client.close();
            } catch (IOException e) {
                // closing anyway
            }
            try {
                server.shutdownOutput();
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private static byte[] join(byte[] before, byte[] buffer, int length) {
        byte[] joined = Arrays.copyOf(before, before.length + length);
        System.arraycopy(buffer, 0, joined, before.length, length);
        return joined;
    }

    private static boolean contains(byte[] bytes, byte[] pattern) {
        outer:
        for (int start = 0; start + pattern.length <= bytes.length; start++) {
            for (int i = 0; i < pattern.length; i++) {
                if (bytes[start + i] != pattern[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
