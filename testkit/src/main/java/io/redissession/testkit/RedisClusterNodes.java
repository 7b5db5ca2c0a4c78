package io.redissession.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of real {@code redis-server} processes on free loopback ports, built without
 * {@code redis-cli}. Each node runs with {@code --cluster-enabled yes --cluster-config-file
 * nodes-<port>.conf --cluster-node-timeout 2000 --appendonly no} (and {@code --repl-diskless-sync-delay 0},
 * so replicas sync at once) in its own directory. Roles are read
 * from the nodes themselves, so they follow failovers. Every process is a {@link RedisServer}, which
 * the JVM shutdown hook of that class kills if {@link #close()} was not called.
 */
public final class RedisClusterNodes implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String NODE_TIMEOUT_MILLIS = "2000";

    private final List<RedisServer> nodes;
    private volatile KilledMaster killed;

    private RedisClusterNodes(List<RedisServer> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Starts {@code masters * (1 + replicasPerMaster)} nodes, gives the masters the 16384 slots
     * evenly (in order: master 0 gets slot 0), attaches the replicas, and waits until every node says
     * {@code cluster_state:ok} and every replica has its master link up.
     *
     * @param masters the number of masters, at least 1 (at least 3 for a failover to be possible)
     * @param replicasPerMaster the number of replicas of each master, at least 0
     * @return the running cluster
     * @throws IllegalArgumentException if a count is out of range
     * @throws IllegalStateException if a node does not start or the cluster is not ready within 30 s
     *     per step; the processes already started are stopped
     */
    public static RedisClusterNodes start(int masters, int replicasPerMaster) {
        return start(masters, replicasPerMaster, port -> List.of());
    }

    /**
     * Same as {@link #start(int, int)}, with more arguments for every node, such as TLS settings.
     *
     * @param masters the number of masters, at least 1
     * @param replicasPerMaster the number of replicas of each master, at least 0
     * @param extraArgs given a node's port, returns arguments appended to the cluster defaults; not {@code null}
     * @return the running cluster
     */
    public static RedisClusterNodes start(int masters, int replicasPerMaster, IntFunction<List<String>> extraArgs) {
        Objects.requireNonNull(extraArgs, "extraArgs");
        if (masters < 1) {
            throw new IllegalArgumentException("start: masters [" + masters + "] must be at least 1");
        }
        if (replicasPerMaster < 0) {
            throw new IllegalArgumentException("start: replicasPerMaster [" + replicasPerMaster + "] must be at least 0");
        }
        List<RedisServer> started = new ArrayList<>();
        try {
            for (int i = 0; i < masters * (1 + replicasPerMaster); i++) {
                started.add(RedisServer.start(port -> {
                    List<String> args = new ArrayList<>(List.of("--cluster-enabled", "yes",
                            "--cluster-config-file", "nodes-" + port + ".conf",
                            "--cluster-node-timeout", NODE_TIMEOUT_MILLIS, "--appendonly", "no",
                            "--repl-diskless-sync-delay", "0"));
                    args.addAll(extraArgs.apply(port));
                    return args;
                }));
            }
            ClusterBuilder.build(started.subList(0, masters), started.subList(masters, started.size()), START_TIMEOUT);
            return new RedisClusterNodes(started);
        } catch (RuntimeException e) {
            started.forEach(RedisServer::stop);
            throw e;
        }
    }

    /**
     * Returns the hash slot of a key, as {@code CLUSTER KEYSLOT} computes it: CRC16 of the key (of its
     * hash tag, if it has a non-empty one) modulo 16384.
     *
     * @param key the key, encoded as UTF-8; not {@code null}
     * @return the slot, 0..16383
     */
    public static int slot(String key) {
        return KeySlots.slot(key);
    }

    /** Returns every node in start order (masters first), running or not. */
    public List<RedisServer> nodes() {
        return nodes;
    }

    /**
     * Returns the running nodes that say they are a master serving slots, ordered by their lowest
     * slot: index {@code i} keeps naming the same slot range across failovers.
     */
    public List<RedisServer> masters() {
        Map<RedisServer, ClusterNode> selves = selves();
        return selves.entrySet().stream()
                .filter(e -> e.getValue().isMaster() && e.getValue().slotCount() > 0)
                .sorted(Comparator.comparingInt(e -> e.getValue().firstSlot()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Returns the running nodes that say they are a replica, in start order. */
    public List<RedisServer> replicas() {
        Map<RedisServer, ClusterNode> selves = selves();
        return nodes.stream().filter(n -> selves.containsKey(n) && selves.get(n).isReplica()).toList();
    }

    /** Returns {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,...}: the current masters, as in {@link #masters()}. */
    public String seedUri() {
        return masters().stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(",", "redis-cluster://", ""));
    }

    /**
     * Returns the running master that serves a slot.
     *
     * @param slot the slot, 0..16383
     * @return the master
     * @throws IllegalArgumentException if {@code slot} is out of range
     * @throws IllegalStateException if no running master serves it, as between a kill and the failover
     */
    public RedisServer nodeForSlot(int slot) {
        if (slot < 0 || slot >= KeySlots.SLOTS) {
            throw new IllegalArgumentException("nodeForSlot: slot [" + slot + "] is not between 0 and " + (KeySlots.SLOTS - 1));
        }
        return selves().entrySet().stream()
                .filter(e -> e.getValue().isMaster() && e.getValue().owns(slot))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("nodeForSlot: no running master serves slot [" + slot + "]"));
    }

    /**
     * Kills a master at once (SIGKILL), as a crash would; {@link #awaitFailover(Duration)} then waits
     * for a replica to take over its slots.
     *
     * @param index the index of the master in {@link #masters()}
     * @return the killed node
     * @throws IllegalArgumentException if {@code index} is out of range
     */
    public RedisServer killMaster(int index) {
        List<RedisServer> masters = masters();
        if (index < 0 || index >= masters.size()) {
            throw new IllegalArgumentException("killMaster: index [" + index + "] is not between 0 and " + (masters.size() - 1));
        }
        RedisServer master = masters.get(index);
        ClusterNode self = ClusterNode.self(master);
        killed = new KilledMaster(master, self.id(), self.firstSlot());
        master.kill();
        return master;
    }

    /**
     * Waits until another running node serves the slots of the master killed last, as a master, and
     * every running node says {@code cluster_state:ok} and agrees on it.
     *
     * @param timeout how long to wait, not {@code null}
     * @return the promoted node
     * @throws IllegalStateException if no master was killed, or the failover does not complete in time
     */
    public RedisServer awaitFailover(Duration timeout) {
        KilledMaster k = killed;
        if (k == null) {
            throw new IllegalStateException("awaitFailover: no master was killed with killMaster");
        }
        RedisServer promoted = Await.until(timeout, "a replica to take over slot " + k.firstSlot() + " from the killed "
                + k.server() + " with cluster_state:ok on every running node", () -> newOwner(k));
        killed = null;
        return promoted;
    }

    /** Stops every node it started. */
    @Override
    public void close() {
        nodes.forEach(RedisServer::stop);
    }

    @Override
    public String toString() {
        return "RedisClusterNodes" + nodes;
    }

    private RedisServer newOwner(KilledMaster k) {
        RedisServer owner = null;
        for (RedisServer node : running()) {
            try (RedisTestConnection connection = node.connect()) {
                if (!connection.string("CLUSTER", "INFO").contains("cluster_state:ok")) {
                    throw new IllegalStateException("node " + node.port() + " does not say cluster_state:ok");
                }
            }
            ClusterNode holder = ClusterNode.seenBy(node).stream().filter(n -> n.owns(k.firstSlot())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("node " + node.port() + " sees no owner of slot " + k.firstSlot()));
            RedisServer server = byPort(holder.port());
            if (holder.id().equals(k.id()) || server == null || !server.isRunning()) {
                throw new IllegalStateException("node " + node.port() + " sees slot " + k.firstSlot() + " served by " + holder);
            }
            if (owner != null && owner != server) {
                throw new IllegalStateException("nodes disagree on the owner of slot " + k.firstSlot());
            }
            owner = server;
        }
        if (owner == null || !ClusterNode.self(owner).isMaster()) {
            throw new IllegalStateException(owner + " does not say it is a master");
        }
        return owner;
    }

    private Map<RedisServer, ClusterNode> selves() {
        return running().stream().collect(Collectors.toMap(n -> n, ClusterNode::self));
    }

    private List<RedisServer> running() {
        return nodes.stream().filter(RedisServer::isRunning).toList();
    }

    private RedisServer byPort(int port) {
        return nodes.stream().filter(n -> n.port() == port).findFirst().orElse(null);
    }

    /** The master killed last: its node id and one of its slots. */
    private record KilledMaster(RedisServer server, String id, int firstSlot) {
    }
}
