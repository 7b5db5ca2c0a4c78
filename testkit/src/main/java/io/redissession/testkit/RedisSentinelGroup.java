package io.redissession.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A master, one replica (or more) and three Sentinels (quorum 2) of real {@code redis-server} processes on free
 * loopback ports; the data servers run with {@code --repl-diskless-sync-delay 0}, so replicas sync at
 * once. The Sentinels run {@code redis-server <conf> --sentinel}, each with its own writable
 * configuration file: {@code sentinel down-after-milliseconds 1000}, {@code failover-timeout 5000},
 * {@code parallel-syncs 1}. The current master is always asked of a Sentinel, so it follows failovers.
 * Every process is a {@link RedisServer}, which the JVM shutdown hook of that class kills if
 * {@link #close()} was not called.
 */
public final class RedisSentinelGroup implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int SENTINELS = 3;
    private static final int QUORUM = 2;
    private static final Pattern MASTER_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final String masterName;
    private final List<RedisServer> servers;
    private final List<RedisServer> sentinels;
    private final Map<RedisServer, Integer> tlsPorts;
    private volatile RedisServer lastMaster;

    private RedisSentinelGroup(String masterName, List<RedisServer> servers, List<RedisServer> sentinels,
            Map<RedisServer, Integer> tlsPorts) {
        this.masterName = masterName;
        this.servers = List.copyOf(servers);
        this.sentinels = List.copyOf(sentinels);
        this.tlsPorts = Map.copyOf(tlsPorts);
        this.lastMaster = servers.get(0);
    }

    /**
     * Starts the master and its replica, waits until the replica is in sync, then starts the three
     * Sentinels and waits until each names the master and knows the replica and the two other
     * Sentinels.
     *
     * @param masterName the name the Sentinels monitor the master under, such as {@code mymaster};
     *     letters, digits, {@code .}, {@code _} and {@code -} only
     * @return the running group
     * @throws IllegalArgumentException if {@code masterName} is {@code null} or has other characters
     * @throws IllegalStateException if a process does not start or a step takes more than 30 s; the
     *     processes already started are stopped
     */
    public static RedisSentinelGroup start(String masterName) {
        return start(masterName, 1, null);
    }

    /**
     * Same as {@link #start(String)} with {@code replicas} replicas: with two or more, a failover leaves the new
     * master a replica, so writes that wait for one acknowledgement go on.
     *
     * @param masterName the name the Sentinels monitor the master under
     * @param replicas the number of replicas, at least 1
     * @return the running group
     */
    public static RedisSentinelGroup start(String masterName, int replicas) {
        return start(masterName, replicas, null);
    }

    /**
     * Same as {@link #start(String)}, with every process also listening on a TLS port, and replication, Sentinel
     * monitoring and the addresses the Sentinels give clients all on the TLS ports. The plain ports stay open for
     * the test kit's own checks.
     *
     * @param masterName the name the Sentinels monitor the master under
     * @param tlsArgs given a TLS port, returns the arguments that enable TLS on it (certificate, key, CA, ...);
     *     {@code null} for no TLS
     * @return the running group
     */
    public static RedisSentinelGroup start(String masterName, IntFunction<List<String>> tlsArgs) {
        return start(masterName, 1, tlsArgs);
    }

    private static RedisSentinelGroup start(String masterName, int replicaCount, IntFunction<List<String>> tlsArgs) {
        if (masterName == null || !MASTER_NAME.matcher(masterName).matches()) {
            throw new IllegalArgumentException("start: masterName [" + masterName + "] must match " + MASTER_NAME);
        }
        if (replicaCount < 1) {
            throw new IllegalArgumentException("start: replicas [" + replicaCount + "] must be at least 1");
        }
        List<RedisServer> servers = new ArrayList<>();
        List<RedisServer> sentinels = new ArrayList<>();
        Map<RedisServer, Integer> tlsPorts = new HashMap<>();
        try {
            int masterTls = tlsArgs == null ? 0 : FreePorts.next();
            RedisServer master = RedisServer.start(withTls(List.of("--repl-diskless-sync-delay", "0"), tlsArgs,
                    masterTls));
            servers.add(master);
            int masterPort = tlsArgs == null ? master.port() : masterTls;
            if (tlsArgs != null) {
                tlsPorts.put(master, masterTls);
            }
            for (int i = 0; i < replicaCount; i++) {
                int replicaTls = tlsArgs == null ? 0 : FreePorts.next();
                RedisServer replica = RedisServer.start(withTls(List.of("--repl-diskless-sync-delay", "0",
                        "--replicaof", master.host(), Integer.toString(masterPort)), tlsArgs, replicaTls));
                servers.add(replica);
                if (tlsArgs != null) {
                    tlsPorts.put(replica, replicaTls);
                }
                Await.until(START_TIMEOUT, "replica " + replica + " to sync with " + master, () -> inSync(replica));
            }
            for (int i = 0; i < SENTINELS; i++) {
                int sentinelTls = tlsArgs == null ? 0 : FreePorts.next();
                RedisServer sentinel = RedisServer.startWithConfig(port -> sentinelConfig(port, masterName,
                        master.host(), masterPort), withTls(List.of("--sentinel"), tlsArgs, sentinelTls));
                sentinels.add(sentinel);
                if (tlsArgs != null) {
                    tlsPorts.put(sentinel, sentinelTls);
                }
            }
            RedisSentinelGroup group = new RedisSentinelGroup(masterName, servers, sentinels, tlsPorts);
            for (RedisServer sentinel : sentinels) {
                Await.until(START_TIMEOUT, "sentinel " + sentinel + " to know the master, its replica and the other sentinels",
                        () -> group.ready(sentinel, master));
            }
            return group;
        } catch (RuntimeException e) {
            sentinels.forEach(RedisServer::stop);
            servers.forEach(RedisServer::stop);
            throw e;
        }
    }

    private static String[] withTls(List<String> args, IntFunction<List<String>> tlsArgs, int tlsPort) {
        List<String> all = new ArrayList<>(args);
        if (tlsArgs != null) {
            all.addAll(tlsArgs.apply(tlsPort));
            all.addAll(List.of("--tls-replication", "yes"));
        }
        return all.toArray(String[]::new);
    }

    /**
     * Returns the TLS port of a process of a group started with TLS.
     *
     * @param server a data server or Sentinel of this group
     * @return its TLS port
     * @throws IllegalArgumentException if the group has no TLS or the server is not one of its processes
     */
    public int tlsPort(RedisServer server) {
        Integer port = tlsPorts.get(server);
        if (port == null) {
            throw new IllegalArgumentException("tlsPort: " + server + " has no TLS port in " + this);
        }
        return port;
    }

    /** Returns the name the Sentinels monitor the master under. */
    public String masterName() {
        return masterName;
    }

    /**
     * Returns the server a Sentinel names as master now.
     *
     * @throws IllegalStateException if no Sentinel answers or it names a server of no group
     */
    public RedisServer master() {
        RuntimeException failure = new IllegalStateException("master: no sentinel of [" + masterName + "] is running");
        for (RedisServer sentinel : sentinels) {
            if (sentinel.isRunning()) {
                try {
                    return namedBy(sentinel);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
        }
        throw failure;
    }

    /** Returns the running data servers other than {@link #master()}, in start order. */
    public List<RedisServer> replicas() {
        RedisServer master = master();
        return servers.stream().filter(s -> s != master && s.isRunning()).toList();
    }

    /** Returns the three Sentinels. */
    public List<RedisServer> sentinels() {
        return sentinels;
    }

    /** Returns {@code redis-sentinel://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3#<masterName>}. */
    public String sentinelUri() {
        return sentinels.stream().map(s -> s.host() + ":" + s.port())
                .collect(Collectors.joining(",", "redis-sentinel://", "#" + masterName));
    }

    /**
     * Kills the current master at once (SIGKILL), as a crash would; {@link #awaitFailover(Duration)}
     * then waits for the Sentinels to promote the replica.
     *
     * @return the killed server
     */
    public RedisServer killMaster() {
        RedisServer master = master();
        lastMaster = master;
        master.kill();
        return master;
    }

    /**
     * Waits until every running Sentinel names another master than the one named before (at start, or
     * at the last {@code killMaster} or {@code awaitFailover}), and that server answers with
     * {@code role:master}.
     *
     * @param timeout how long to wait, not {@code null}
     * @return the new master
     * @throws IllegalStateException if that does not happen in time
     */
    public RedisServer awaitFailover(Duration timeout) {
        RedisServer former = lastMaster;
        RedisServer promoted = Await.until(timeout, "the sentinels of [" + masterName + "] to promote another master than "
                + former, () -> promotedAfter(former));
        lastMaster = promoted;
        return promoted;
    }

    /** Stops the Sentinels, then the data servers. */
    @Override
    public void close() {
        sentinels.forEach(RedisServer::stop);
        servers.forEach(RedisServer::stop);
    }

    @Override
    public String toString() {
        return "RedisSentinelGroup[" + masterName + ", servers " + servers + ", sentinels " + sentinels + "]";
    }

    private static String sentinelConfig(int port, String name, String masterHost, int masterPort) {
        return "port " + port + "\n"
                + "bind " + masterHost + "\n"
                + "sentinel monitor " + name + " " + masterHost + " " + masterPort + " " + QUORUM + "\n"
                + "sentinel down-after-milliseconds " + name + " 1000\n"
                + "sentinel failover-timeout " + name + " 5000\n"
                + "sentinel parallel-syncs " + name + " 1\n";
    }

    private static Boolean inSync(RedisServer replica) {
        try (RedisTestConnection connection = replica.connect()) {
            String status = connection.info("replication").get("master_link_status");
            if (!"up".equals(status)) {
                throw new IllegalStateException("master_link_status is [" + status + "]");
            }
            return true;
        }
    }

    private Boolean ready(RedisServer sentinel, RedisServer master) {
        RedisServer named = namedBy(sentinel);
        if (named != master) {
            throw new IllegalStateException("it names " + named + " as master");
        }
        try (RedisTestConnection connection = sentinel.connect()) {
            List<Map<String, String>> replicas = Replies.records(connection.command("SENTINEL", "REPLICAS", masterName));
            if (replicas.size() != servers.size() - 1 || !replicas.stream().allMatch(r -> "slave".equals(r.get("flags")))) {
                throw new IllegalStateException("it sees the replicas " + replicas.stream().map(r -> r.get("name") + " " + r.get("flags")).toList());
            }
            int others = Replies.records(connection.command("SENTINEL", "SENTINELS", masterName)).size();
            if (others != SENTINELS - 1) {
                throw new IllegalStateException("it knows " + others + " other sentinels");
            }
        }
        return true;
    }

    private RedisServer promotedAfter(RedisServer former) {
        RedisServer promoted = null;
        for (RedisServer sentinel : sentinels) {
            if (!sentinel.isRunning()) {
                continue;
            }
            RedisServer named = namedBy(sentinel);
            if (named == former || (promoted != null && named != promoted)) {
                throw new IllegalStateException("sentinel " + sentinel.port() + " names " + named);
            }
            promoted = named;
        }
        if (promoted == null) {
            throw new IllegalStateException("no sentinel is running");
        }
        try (RedisTestConnection connection = promoted.connect()) {
            String role = connection.info("replication").get("role");
            if (!"master".equals(role)) {
                throw new IllegalStateException(promoted + " says role:" + role);
            }
        }
        return promoted;
    }

    private RedisServer namedBy(RedisServer sentinel) {
        try (RedisTestConnection connection = sentinel.connect()) {
            List<String> address = Replies.texts(connection.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName));
            if (address.size() != 2) {
                throw new IllegalStateException("sentinel " + sentinel.port() + " knows no master [" + masterName + "]");
            }
            int port = Integer.parseInt(address.get(1));
            return servers.stream().filter(s -> s.port() == port || Integer.valueOf(port).equals(tlsPorts.get(s)))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                    "sentinel " + sentinel.port() + " names " + address.get(0) + ":" + port + ", a server of no group"));
        }
    }
}
