package io.redissession.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A running Redis deployment of one topology, started from real {@code redis-server} processes on loopback ports:
 * {@code standalone} (one server), {@code sentinel} (1 master, 1 replica, 3 Sentinels) or {@code cluster}
 * (3 masters, 3 replicas). Gives the {@code redisUri} a filter uses and connections to the master that holds a key,
 * so that one test can run unchanged on every topology.
 */
public final class RedisTopology implements AutoCloseable {

    /** The names {@link #start(String)} accepts. */
    public static final List<String> NAMES = List.of("standalone", "sentinel", "cluster");

    private final String name;
    private final RedisServer standalone;
    private final RedisSentinelGroup sentinel;
    private final RedisClusterNodes cluster;
    private final Map<Integer, RedisTestConnection> connections = new HashMap<>();

    private RedisTopology(String name, RedisServer standalone, RedisSentinelGroup sentinel, RedisClusterNodes cluster) {
        this.name = name;
        this.standalone = standalone;
        this.sentinel = sentinel;
        this.cluster = cluster;
    }

    /**
     * Starts a topology and waits until it serves requests.
     *
     * @param name one of {@link #NAMES}
     * @return the running topology
     * @throws IllegalArgumentException for another name
     */
    public static RedisTopology start(String name) {
        Objects.requireNonNull(name, "name");
        return switch (name) {
            case "standalone" -> new RedisTopology(name, RedisServer.start(), null, null);
            case "sentinel" -> new RedisTopology(name, null, RedisSentinelGroup.start("sessions"), null);
            case "cluster" -> new RedisTopology(name, null, null, RedisClusterNodes.start(3, 1));
            default -> throw new IllegalArgumentException("start: topology [" + name + "] is not one of " + NAMES);
        };
    }

    /** Returns the topology's name, one of {@link #NAMES}. */
    public String name() {
        return name;
    }

    /** Returns the URI a client uses: {@code redis://}, {@code redis-sentinel://} or {@code redis-cluster://}. */
    public String uri() {
        return standalone != null ? standalone.uri() : sentinel != null ? sentinel.sentinelUri() : cluster.seedUri();
    }

    /**
     * Returns the server that holds a key now: the only server, the master Sentinel names, or the master of the
     * key's Cluster slot.
     *
     * @param key the key
     * @return the master
     */
    public RedisServer masterFor(String key) {
        return standalone != null ? standalone : sentinel != null ? sentinel.master()
                : cluster.nodeForSlot(RedisClusterNodes.slot(key));
    }

    /**
     * Returns a connection to {@link #masterFor(String) the master of a key}; connections are kept for reuse and
     * closed with the topology.
     *
     * @param key the key
     * @return an open connection, shared: do not close it
     */
    public synchronized RedisTestConnection connectionFor(String key) {
        RedisServer master = masterFor(key);
        RedisTestConnection connection = connections.get(master.port());
        if (connection == null || !connection.isOpen()) {
            connection = master.connect();
            connections.put(master.port(), connection);
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        connections.values().forEach(RedisTestConnection::close);
        connections.clear();
        if (standalone != null) {
            standalone.close();
        }
        if (sentinel != null) {
            sentinel.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    public String toString() {
        return name + " " + uri();
    }
}
