package io.redissession.redis.direct;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded pools of {@link DirectConnection}s, one pool per Redis node. A connection serves one caller at a time and
 * goes back to its pool afterwards. When all of a node's connections are busy, or the node refused a connection
 * moments ago, {@link #borrow} answers {@code null} and the caller uses its shared connection instead.
 */
public final class DirectConnections implements AutoCloseable {

    private final ConnectionOptions options;
    private final int maxPerNode;
    private final Map<NodeAddress, NodePool> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param options how connections are opened; not {@code null}
     * @param maxPerNode the most connections open to one node at a time, at least 1
     */
    public DirectConnections(ConnectionOptions options, int maxPerNode) {
        if (maxPerNode < 1) {
            throw new IllegalArgumentException("maxPerNode: must be at least 1, was " + maxPerNode);
        }
        this.options = options;
        this.maxPerNode = maxPerNode;
    }

    /**
     * @param node the node to talk to; not {@code null}
     * @return an idle or new connection to it, or {@code null} if all its connections are busy, it refused a
     *         connection less than a connect timeout ago, or this pool is closed
     * @throws IOException if a new connection cannot be opened
     */
    public DirectConnection borrow(NodeAddress node) throws IOException {
        if (closed) {
            return null;
        }
        NodePool pool = pools.computeIfAbsent(node, key -> new NodePool());
        DirectConnection idle = pool.idle.pollFirst();
        if (idle != null) {
            return idle;
        }
        if (System.nanoTime() - pool.retryAfter < 0) {
            return null;
        }
        if (pool.open.incrementAndGet() > maxPerNode) {
            pool.open.decrementAndGet();
            return null;
        }
        try {
            return DirectConnection.open(node, options);
        } catch (IOException | RuntimeException e) {
            pool.open.decrementAndGet();
            pool.retryAfter = System.nanoTime() + options.connectTimeoutMillis() * 1_000_000L;
            throw e;
        }
    }

    /**
     * Gives a connection back: kept for the next caller, or closed if it is broken or this pool is closed.
     *
     * @param connection a connection from {@link #borrow}; not {@code null}
     */
    public void release(DirectConnection connection) {
        NodePool pool = pools.get(connection.address());
        if (pool == null || closed || connection.isBroken()) {
            connection.close();
            if (pool != null) {
                pool.open.decrementAndGet();
            }
            return;
        }
        pool.idle.addFirst(connection);
        if (closed && pool.idle.remove(connection)) {
            connection.close();
            pool.open.decrementAndGet();
        }
    }

    /**
     * Closes a node's idle connections, after one of them failed in a way that suggests the others are dead too
     * (the node restarted or failed over).
     *
     * @param node the node; not {@code null}
     */
    public void discardIdle(NodeAddress node) {
        NodePool pool = pools.get(node);
        if (pool != null) {
            pool.closeIdle();
        }
    }

    /** Closes every idle connection; busy ones are closed when they are released. */
    @Override
    public void close() {
        closed = true;
        pools.values().forEach(NodePool::closeIdle);
    }

    private static final class NodePool {
        private final ConcurrentLinkedDeque<DirectConnection> idle = new ConcurrentLinkedDeque<>();
        private final AtomicInteger open = new AtomicInteger();
        private volatile long retryAfter = System.nanoTime();

        private void closeIdle() {
            DirectConnection connection;
            while ((connection = idle.pollFirst()) != null) {
                connection.close();
                open.decrementAndGet();
            }
        }
    }
}
