package io.redissession.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.redissession.metrics.SessionMetrics;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisKeyCommands;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.redissession.SessionStoreUnavailableException;
import io.redissession.config.RedisEndpoint;
import io.redissession.config.RedisSessionSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the Lettuce client of one filter: its {@link ClientResources}, one multiplexed connection, and their shutdown.
 * Never keeps Lettuce's hanging defaults: every command has a timeout and commands issued while disconnected are
 * rejected at once instead of queued (requests wait for Redis in {@link FailoverWait}, with a bound). If Redis is
 * down at start-up, the connection is made later, on demand, by one request at a time and at most once per connect
 * timeout. During a failover it helps the client find the new master: on a Cluster it asks for the topology again
 * (at most every {@link #REFRESH_INTERVAL}); with Sentinel it replaces the connection as soon as a sentinel announces
 * a new master ({@link SentinelWatch}) or the server reached turns out to be a replica.
 */
public final class RedisConnector implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisConnector.class.getName());

    /** The shortest time between two topology refreshes a failover asks for. */
    static final Duration REFRESH_INTERVAL = Duration.ofMillis(250);
    /**
     * The longest pause between two reconnection attempts. Lettuce's default grows to 30 s, which would leave a
     * connection down for seconds after a new master is ready.
     */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofMillis(500);

    private volatile SessionMetrics metrics = new SessionMetrics("", "", () -> 0);
    private final RedisEndpoint endpoint;
    private final Duration connectTimeout;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final FailoverWait failoverWait;
    private final SentinelWatch sentinelWatch;
    private final TrackedReads trackedReads;
    private final AtomicLong lastRefresh = new AtomicLong(System.nanoTime() - REFRESH_INTERVAL.toNanos());
    private final ReentrantLock connecting = new ReentrantLock();
    private final ClientThreads threads = new ClientThreads();
    private volatile LettuceClients.Connected connection;
    private volatile long nextAttempt;
    private volatile RuntimeException lastConnectFailure;
    private volatile boolean closed;

    /**
     * Creates the client and tries to connect; a failure is logged, not thrown.
     *
     * @param settings the filter's settings; not {@code null}
     */
    public RedisConnector(RedisSessionSettings settings) {
        this.endpoint = settings.redisEndpoint();
        this.connectTimeout = settings.connectTimeout();
        DefaultClientResources.Builder resourcesBuilder = DefaultClientResources.builder().ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS));
        resourcesBuilder.threadFactoryProvider(threads);
        boolean nearCache = settings.nearCache().enabled();
        resourcesBuilder.nettyCustomizer(new NettyCustomizer() {
            @Override
            public void afterChannelInitialized(Channel channel) {
                WriteCoalescing.install(channel);
                if (nearCache) {
                    // cached reads tell from the socket whether an invalidation may still be unread (ChannelReads)
                    ChannelReads.install(channel);
                }
            }
        });
        this.resources = resourcesBuilder.build();
        this.client = LettuceClients.create(resources, settings);
        this.failoverWait = new FailoverWait(settings.failoverWait(),
                settings.redisTimeout().plus(settings.connectTimeout()).plus(FailoverWait.PAUSE), this::failoverSeen);
        this.sentinelWatch = endpoint.topology() == RedisEndpoint.Topology.SENTINEL ? new SentinelWatch(
                (RedisClient) client, LettuceClients.uris(settings).get(0).getSentinels(), endpoint.masterName(),
                // not on the client's I/O thread that delivered the message: replacing the connection waits for it
                promoted -> resources.eventExecutorGroup().execute(() -> replaceConnection("Sentinel promoted "
                        + promoted.replace(' ', ':')))) : null;
        this.trackedReads = settings.nearCache().enabled() ? new TrackedReads(client, new NearCache(
                settings.nearCache().maxEntries(), settings.nearCache().maxBytes()), connectTimeout,
                settings.redisTimeout(), this::metrics) : null;
        try {
            connect();
        } catch (SessionStoreUnavailableException e) {
            LOG.warning("Redis at " + endpoint + " is not reachable yet; sessions will be unavailable until it is"
                    + " (" + e.getMessage() + ")");
        }
    }

    /**
     * @return the commands of the shared connection, connecting first if needed
     * @throws SessionStoreUnavailableException if Redis cannot be reached
     */
    public RedisClusterCommands<String, byte[]> commands() {
        return connected().commands();
    }

    /**
     * @return the shared connection, connecting first if needed
     * @throws SessionStoreUnavailableException if Redis cannot be reached
     */
    LettuceClients.Connected connected() {
        LettuceClients.Connected current = connection;
        return current != null ? current : connect();
    }

    /** @return the near cache's reads, or {@code null} when the near cache is off */
    TrackedReads trackedReads() {
        return trackedReads;
    }

    /** @return where the latency and failures of calls on this connection are recorded */
    SessionMetrics metrics() {
        return metrics;
    }

    /** @param value where the latency and failures of calls are recorded from now on; not {@code null} */
    public void metrics(SessionMetrics value) {
        this.metrics = value;
    }

    /** @return how calls on this connection wait out a failover */
    FailoverWait failoverWait() {
        return failoverWait;
    }

    /**
     * Helps the client find the new master after a failure a failover explains: a Cluster client re-reads the
     * topology; a standalone or Sentinel connection that reached a replica is replaced, so that the next one asks
     * the sentinels for the master again (and the sentinels not listened to yet are subscribed to).
     */
    private void failoverSeen(RuntimeException failure) {
        if (client instanceof RedisClusterClient cluster) {
            long last = lastRefresh.get();
            long now = System.nanoTime();
            if (now - last >= REFRESH_INTERVAL.toNanos() && lastRefresh.compareAndSet(last, now)) {
                cluster.refreshPartitionsAsync().whenComplete((done, e) -> {
                    if (e != null) {
                        LOG.log(Level.FINE, "Topology refresh failed", e);
                    }
                });
            }
        } else {
            if (sentinelWatch != null) {
                sentinelWatch.ensureSubscribed();
            }
            if (RedisFailures.isReadOnlyReplica(failure)) {
                replaceConnection("The server reached is a replica");
            }
        }
    }

    /**
     * Closes the shared connection, if it is open, so that the next command connects anew and asks the sentinels
     * for the master; commands in flight on it fail and are sent again where that is safe ({@link FailoverWait}).
     */
    private void replaceConnection(String reason) {
        connecting.lock();
        try {
            LettuceClients.Connected stale = connection;
            if (trackedReads != null && !closed) {
                trackedReads.reset();
            }
            if (stale != null && !closed) {
                connection = null;
                stale.connection().closeAsync();
                LOG.info(reason + "; connecting to the master of " + endpoint + " again");
            }
        } finally {
            connecting.unlock();
        }
    }

    /**
     * Finds keys with {@code SCAN} (never {@code KEYS}), on every serving master of a Cluster.
     *
     * @param pattern a {@code MATCH} pattern; not {@code null}
     * @return the keys found; a key may appear twice if the keyspace was resized during the scan
     */
    List<String> scanKeys(String pattern) {
        List<String> found = new ArrayList<>();
        scanKeys(pattern, key -> {
            found.add(key);
            return true;
        });
        return found;
    }

    /**
     * Visits keys found with {@code SCAN} (never {@code KEYS}), on every serving master of a Cluster, one batch of
     * up to 1000 at a time, until the visitor says to stop.
     *
     * @param pattern a {@code MATCH} pattern; not {@code null}
     * @param visitor receives each key and answers whether to go on; not {@code null}
     */
    void scanKeys(String pattern, Predicate<String> visitor) {
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(1000);
        LettuceClients.Connected current = connected();
        if (current.connection() instanceof StatefulRedisClusterConnection<String, byte[]> cluster) {
            for (RedisClusterNode node : cluster.getPartitions()) {
                if (!node.getSlots().isEmpty() && !node.is(RedisClusterNode.NodeFlag.FAIL)
                        && !scan(cluster.getConnection(node.getNodeId()).sync(), args, visitor)) {
                    return;
                }
            }
        } else {
            scan(current.commands(), args, visitor);
        }
    }

    /** @return whether the visitor wants more */
    private static boolean scan(RedisKeyCommands<String, byte[]> node, ScanArgs args,
            Predicate<String> visitor) {
        ScanIterator<String> keys = ScanIterator.scan(node, args);
        while (keys.hasNext()) {
            if (!visitor.test(keys.next())) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the asynchronous commands of the shared connection, connecting first if needed, for pipelining
     * @throws SessionStoreUnavailableException if Redis cannot be reached
     */
    RedisClusterAsyncCommands<String, byte[]> asyncCommands() {
        return connected().async();
    }

    /**
     * Waits until the writes sent so far on the connection that serves {@code key} reach {@code replicas}
     * replicas ({@code WAIT}), on the node that owns the key's slot when Redis is a Cluster.
     *
     * @param key a key whose writes to wait for; not {@code null}
     * @param replicas how many replicas must acknowledge
     * @param timeout how long the server waits
     * @return how many replicas acknowledged
     */
    long waitForReplicas(String key, int replicas, Duration timeout) {
        return LettuceClients.commandsForKey(connected(), key)
                .waitForReplication(replicas, timeout.toMillis());
    }

    /**
     * Sends {@code PING} to the server that holds {@code key} (its slot's master on a Cluster) and waits for the
     * reply. Redis writes every reply and push message of one event-loop pass before it reads the next command, so
     * when the reply comes, whatever an earlier write of that key sent to other clients is on its way to them.
     *
     * @param key a key just written; not {@code null}
     */
    void pingServerOf(String key) {
        LettuceClients.commandsForKey(connected(), key).ping();
    }

    /**
     * @return a new connection for pub/sub, of the topology's kind; the caller closes it
     * @throws io.lettuce.core.RedisException if Redis cannot be reached
     */
    StatefulRedisPubSubConnection<String, String> connectPubSub() {
        if (closed) {
            throw new SessionStoreUnavailableException("subscribe", "the session filter was stopped", null);
        }
        return LettuceClients.connectPubSub(client);
    }

    private LettuceClients.Connected connect() {
        if (!connecting.tryLock()) {
            throw new SessionStoreUnavailableException("connect", "a connection to Redis at " + endpoint
                    + " is being attempted", null);
        }
        try {
            return connectOnce();
        } finally {
            connecting.unlock();
        }
    }

    private LettuceClients.Connected connectOnce() {
        if (connection != null) {
            return connection;
        }
        if (closed) {
            throw new SessionStoreUnavailableException("connect", "the session filter was stopped", null);
        }
        long now = System.nanoTime();
        if (now - nextAttempt < 0) {
            throw new SessionStoreUnavailableException("connect", "Redis at " + endpoint
                    + " was unreachable moments ago; next attempt soon", lastConnectFailure);
        }
        try {
            connection = LettuceClients.connect(client);
            ServerChecks.run(connection.commands(), endpoint.toString());
            if (sentinelWatch != null) {
                sentinelWatch.ensureSubscribed();
            }
            LOG.info("Connected to Redis at " + endpoint);
            return connection;
        } catch (RuntimeException e) {
            nextAttempt = now + connectTimeout.toNanos();
            lastConnectFailure = e;
            throw new SessionStoreUnavailableException("connect", "cannot connect to Redis at " + endpoint + ": "
                    + e.getMessage(), e);
        }
    }

    /** Closes the connection and shuts the client and its threads down. */
    @Override
    public void close() {
        closed = true;
        connecting.lock();
        try {
            if (sentinelWatch != null) {
                sentinelWatch.close();
            }
            if (trackedReads != null) {
                trackedReads.close();
            }
            if (connection != null) {
                connection.connection().close();
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.FINE, "Redis client shutdown was not clean", e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            threads.end(Duration.ofSeconds(2));
            connecting.unlock();
        }
    }
}
