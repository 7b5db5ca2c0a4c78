package io.redissession.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.output.MapOutput;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.redissession.metrics.NearCacheStats;
import io.redissession.metrics.SessionMetrics;
import io.netty.util.concurrent.EventExecutor;
import reactor.core.Disposable;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The near cache's side of Redis: a connection of its own that reads session hashes with server-assisted client-side
 * caching ({@code CLIENT TRACKING ON}, default mode, RESP3 push messages on the same connection), and the
 * {@link NearCache} that keeps what it read until Redis says a key changed.
 *
 * <p>Only session reads go through this connection, so Redis tracks (and later invalidates) only session keys for
 * this node. On a Cluster, each read goes to the connection of its slot's master, on which tracking was switched on
 * first. A reply is cached only if it came through a connection whose tracking is known to be on, and no reconnect,
 * failover or flush message came in between: any of them drops the whole cache. Whatever goes wrong here, the read
 * is made the ordinary way on the shared connection ({@link #read} answers {@code null}); the cache is never trusted
 * in doubt.
 */
final class TrackedReads implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TrackedReads.class.getName());
    private static final String INVALIDATE = "invalidate";
    /** How long a cached read waits for the I/O threads before it reads from Redis instead. */
    private static final Duration BARRIER_TIMEOUT = Duration.ofMillis(200);

    private final AbstractRedisClient client;
    private final NearCache cache;
    private final Duration retryAfter;
    private final Duration timeout;
    private final Supplier<SessionMetrics> metrics;
    /** Connections whose tracking is on, by identity; any event of theirs removes them and flushes the cache. */
    private final Set<RedisChannelHandler<?, ?>> tracking = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The I/O thread and socket of each tracked connection, as seen when its tracking was switched on. */
    private final Map<RedisChannelHandler<?, ?>, Serving> loops = new IdentityHashMap<>();
    private final AtomicLong connectionEvents = new AtomicLong();
    private final Disposable topologyWatch;
    private final PushBarrier barrier;
    private final LongAdder drainedPasses = new LongAdder();
    private final LongAdder waitedPasses = new LongAdder();
    private final RedisConnectionStateListener onConnectionEvent = new RedisConnectionStateListener() {
        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            lost(connection, "reconnected");
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            lost(connection, "disconnected");
        }
    };
    private LettuceClients.Connected connection;
    private long nextAttempt = System.nanoTime();
    private boolean closed;
    private volatile boolean warnedResp2;

    /**
     * @param client the filter's client, whose options, URIs and threads the connection shares; not {@code null}
     * @param cache the cache to fill and invalidate; not {@code null}
     * @param retryAfter how long to read without the cache after this connection failed to open
     * @param timeout how long a command on this connection waits for its reply
     * @param metrics where Redis call latency is recorded; not {@code null}
     */
    TrackedReads(AbstractRedisClient client, NearCache cache, Duration retryAfter, Duration timeout,
            Supplier<SessionMetrics> metrics) {
        this.client = client;
        this.timeout = timeout;
        this.cache = cache;
        this.retryAfter = retryAfter;
        this.metrics = metrics;
        this.barrier = new PushBarrier(client.getResources(), BARRIER_TIMEOUT);
        // a slot served by another master now: what was read from the old one may not be watched there
        this.topologyWatch = client instanceof RedisClusterClient ? client.getResources().eventBus().get()
                .filter(ClusterTopologyChangedEvent.class::isInstance).subscribe(event -> cache.flush()) : null;
    }

    /**
     * Answers from the cache, after the invalidations that reached this machine before the call have been read: a
     * change made before this request began is never missed. The connection's socket tells that without a hop when
     * it has nothing unread and no read is under way ({@link ChannelReads}); otherwise the call waits for its I/O
     * thread ({@link PushBarrier}).
     *
     * @param key a session key; not {@code null}
     * @param usable whether the cached fields may answer this read, or {@code null} for always
     * @return the cached fields (do not change them), or {@code null}
     */
    Map<String, byte[]> cached(String key, Predicate<Map<String, byte[]>> usable) {
        if (!cache.contains(key)) {
            return cache.miss();
        }
        Serving serving = serving(key);
        boolean drained = serving != null && serving.reads() != null && serving.reads().drained();
        if (drained) {
            drainedPasses.increment();
        } else {
            waitedPasses.increment();
        }
        return drained || barrier.pass(serving == null ? null : serving.loop()) ? cache.get(key, usable)
                : cache.miss();
    }

    /** @return how many cached reads passed without a hop to the I/O thread, and how many waited for it */
    long[] passes() {
        return new long[] {drainedPasses.sum(), waitedPasses.sum()};
    }

    /**
     * Reads a session hash with {@code HGETALL} through the tracking connection, and caches the reply if
     * {@code cacheable} accepts it and nothing could have changed the key since the read was sent.
     *
     * @param key a session key; not {@code null}
     * @param cacheable which replies may be cached; not {@code null}
     * @return the hash (empty if the key does not exist), or {@code null} if this path cannot read now: the caller
     *         reads the ordinary way
     */
    Map<String, byte[]> read(String key, Predicate<Map<String, byte[]>> cacheable) {
        StatefulRedisConnection<String, byte[]> node = trackedOrNull(key);
        if (node == null) {
            return null;
        }
        long start = System.nanoTime();
        boolean failed = true;
        try {
            NearCache.Ticket ticket = cache.beginLoad(key);
            Map<String, byte[]> hash = node.sync().hgetall(key);
            failed = false;
            if (cacheable.test(hash)) {
                cache.complete(ticket, Map.copyOf(hash));
            } else {
                cache.invalidate(key);
            }
            return hash;
        } catch (RuntimeException e) {
            // MOVED during a resharding, a timeout, a closed connection: the ordinary read decides what it means
            LOG.log(Level.FINE, "Tracked read of " + key + " failed; reading without the near cache", e);
            cache.invalidate(key);
            return null;
        } finally {
            metrics.get().redisCall((System.nanoTime() - start) / 1000, failed);
        }
    }

    /**
     * Reads a session this node just wrote, through the tracking connection, and caches the reply as of its arrival
     * (on the I/O thread: the invalidation of this node's own write came before it on that connection, any later
     * one comes after). The read is also the fence a write needs: its reply comes in a later pass of the server than
     * the write, so the write's invalidations to other nodes have been sent.
     *
     * @param key the session key written; not {@code null}
     * @param cacheable which replies may be cached; not {@code null}
     * @return whether the read was answered; {@code false}: the caller fences another way
     */
    boolean refresh(String key, Predicate<Map<String, byte[]>> cacheable) {
        StatefulRedisConnection<String, byte[]> node = trackedOrNull(key);
        if (node == null) {
            return false;
        }
        long sentAt = cache.epoch();
        AsyncCommand<String, byte[], Map<String, byte[]>> read = new AsyncCommand<>(new Command<>(
                CommandType.HGETALL, new MapOutput<>(LettuceClients.CODEC),
                new CommandArgs<>(LettuceClients.CODEC).addKey(key)));
        // registered before the command is sent, so it runs as the reply is read
        read.thenAccept(hash -> {
            if (cacheable.test(hash)) {
                cache.putAsRead(key, Map.copyOf(hash), sentAt);
            }
        });
        long start = System.nanoTime();
        boolean failed = true;
        try {
            node.dispatch(read);
            read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            failed = false;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.log(Level.FINE, "Tracked read of " + key + " after a write failed", e);
            return false;
        } finally {
            metrics.get().redisCall((System.nanoTime() - start) / 1000, failed);
        }
    }

    /**
     * Runs {@code commit.lua} or {@code create.lua} in its {@code +read} form on the tracking connection of the
     * key's server: the reply brings the session as written, cached as it is read (as {@link #refresh} does), and
     * the read inside the script keeps this node tracking the key. The connection is {@code NOLOOP}, so the write
     * sends this node no invalidation of its own: one round trip writes the session and refreshes the node's copy.
     *
     * @param key the session key written; not {@code null}
     * @param script {@code commit.lua} or {@code create.lua}; not {@code null}
     * @param keys the script's keys; not {@code null}
     * @param args the script's arguments, the first one with the {@code +read} suffix; not {@code null}
     * @param cacheable which session hashes may be cached; not {@code null}
     * @return the script's outcome and, when saved, the session as written; or {@code null} if this path cannot be
     *         used now and nothing was sent: the caller commits the ordinary way
     * @throws RuntimeException the client's failure once the script was sent, as the shared connection would give it
     */
    Committed commit(String key, LuaScript script, String[] keys, byte[][] args,
            Predicate<Map<String, byte[]>> cacheable) {
        StatefulRedisConnection<String, byte[]> node = trackedOrNull(key);
        if (node == null) {
            return null;
        }
        // the copy this node holds is about to be out of date; the reply brings the new one
        cache.invalidate(key);
        long sentAt = cache.epoch();
        long start = System.nanoTime();
        boolean failed = true;
        try {
            Committed committed;
            try {
                committed = awaitScript(node, CommandType.EVALSHA, script.sha1(), key, keys, args, cacheable, sentAt);
            } catch (RedisNoScriptException e) {
                committed = awaitScript(node, CommandType.EVAL, script.source(), key, keys, args, cacheable, sentAt);
            }
            failed = false;
            return committed;
        } finally {
            metrics.get().redisCall((System.nanoTime() - start) / 1000, failed);
        }
    }

    /** Sends a script whose reply starts with its outcome, caches the hash that follows {@code SAVED}, and waits. */
    private Committed awaitScript(StatefulRedisConnection<String, byte[]> node, CommandType type, String script,
            String key, String[] keys, byte[][] args, Predicate<Map<String, byte[]>> cacheable, long sentAt) {
        CommandArgs<String, byte[]> arguments = new CommandArgs<>(LettuceClients.CODEC).add(script).add(keys.length)
                .addKeys(keys);
        for (byte[] arg : args) {
            arguments.add(arg);
        }
        AsyncCommand<String, byte[], List<Object>> command = new AsyncCommand<>(new Command<>(type,
                new NestedMultiOutput<>(LettuceClients.CODEC), arguments));
        // registered before the command is sent, so it runs as the reply is read
        CompletableFuture<Committed> committed = command.thenApply(reply -> {
            Map<String, byte[]> hash = savedHash(reply);
            if (hash != null && cacheable.test(hash)) {
                cache.putAsRead(key, hash, sentAt);
            }
            return new Committed(new String((byte[]) reply.get(0), StandardCharsets.UTF_8), hash);
        });
        node.dispatch(command);
        try {
            return committed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisCommandInterruptedException(e);
        } catch (TimeoutException e) {
            command.cancel(false);
            throw new RedisCommandTimeoutException("Command timed out after " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new RedisException(e.getCause());
        }
    }

    /** @return the session hash following {@code SAVED} in a {@code +read} commit's reply, or {@code null} */
    private static Map<String, byte[]> savedHash(List<Object> reply) {
        if (reply == null || reply.size() < 2 || !(reply.get(0) instanceof byte[] outcome)
                || !"SAVED".equals(new String(outcome, StandardCharsets.UTF_8))) {
            return null;
        }
        Map<String, byte[]> hash = new java.util.HashMap<>();
        for (int i = 1; i + 1 < reply.size(); i += 2) {
            hash.put(new String((byte[]) reply.get(i), StandardCharsets.UTF_8), (byte[]) reply.get(i + 1));
        }
        return Collections.unmodifiableMap(hash);
    }

    /**
     * Forgets a key this node is about to change or just changed; Redis would say so too, a moment later.
     *
     * @param key the session key; not {@code null}
     */
    void changed(String key) {
        cache.invalidate(key);
    }

    /** @return the cache's counts and size */
    NearCacheStats stats() {
        return cache.stats();
    }

    /**
     * Drops the cache and the connection, so that the next read connects anew (after a Sentinel failover: to the new
     * master).
     */
    synchronized void reset() {
        LettuceClients.Connected stale = connection;
        connection = null;
        tracking.clear();
        loops.clear();
        cache.flush();
        if (stale != null) {
            stale.connection().closeAsync();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (topologyWatch != null) {
            topologyWatch.dispose();
        }
        reset();
        barrier.close();
    }

    /** @return the I/O thread and socket of the tracked connection that serves the key, or {@code null} */
    private Serving serving(String key) {
        LettuceClients.Connected current;
        synchronized (this) {
            current = connection;
        }
        StatefulRedisConnection<String, byte[]> node = current == null ? null : nodeConnection(current, key);
        synchronized (this) {
            return node == null ? null : loops.get(node);
        }
    }

    /** @return the connection that serves the key, with tracking on; {@code null} if there is none now (logged) */
    private StatefulRedisConnection<String, byte[]> trackedOrNull(String key) {
        try {
            return trackedConnectionFor(key);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Tracking could not be switched on; " + key + " goes without the near cache", e);
            return null;
        }
    }

    /**
     * @return the connection that serves the key, with tracking on; {@code null} if there is none now
     */
    private StatefulRedisConnection<String, byte[]> trackedConnectionFor(String key) {
        LettuceClients.Connected current = connected();
        if (current == null) {
            return null;
        }
        StatefulRedisConnection<String, byte[]> node = nodeConnection(current, key);
        if (node == null) {
            return null;
        }
        synchronized (this) {
            if (tracking.contains(node)) {
                return node;
            }
        }
        return startTracking(node) ? node : null;
    }

    @SuppressWarnings("unchecked")
    private static StatefulRedisConnection<String, byte[]> nodeConnection(LettuceClients.Connected current,
            String key) {
        if (current.connection() instanceof StatefulRedisClusterConnection<String, byte[]> cluster) {
            RedisClusterNode master = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
            return master == null ? null : cluster.getConnection(master.getUri().getHost(),
                    master.getUri().getPort());
        }
        return (StatefulRedisConnection<String, byte[]>) current.connection();
    }

    /**
     * Switches tracking on for one connection; it counts as tracking only if no connection event came meanwhile
     * (the switch may have reached a connection that then reconnected without it).
     */
    private boolean startTracking(StatefulRedisConnection<String, byte[]> node) {
        if (!(node instanceof StatefulRedisConnectionImpl<String, byte[]> handler)) {
            return false;
        }
        if (handler.getConnectionState().getNegotiatedProtocolVersion() != ProtocolVersion.RESP3) {
            // with RESP2 the server drops invalidations it cannot push: caching would serve changed sessions
            if (!warnedResp2) {
                warnedResp2 = true;
                LOG.warning("The near cache is off: the connection to Redis speaks RESP2, which cannot carry"
                        + " invalidations (Redis 6+ and an ACL user allowed HELLO are needed)");
            }
            return false;
        }
        handler.removeListener(onConnectionEvent);
        handler.addListener(onConnectionEvent);
        long events = connectionEvents.get();
        AsyncCommand<String, byte[], String> on = new AsyncCommand<>(new Command<>(CommandType.CLIENT,
                new StatusOutput<>(LettuceClients.CODEC), new CommandArgs<>(LettuceClients.CODEC).add("TRACKING")
                .add("ON").add("NOLOOP")));
        // runs on the connection's I/O thread, the one a barrier must wait for, while it reads that channel
        CompletableFuture<Serving> loop = on.thenApply(reply -> new Serving(barrier.currentLoop(),
                ChannelReads.of(ChannelReads.reading())));
        node.dispatch(on);
        Serving serving;
        try {
            serving = loop.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("CLIENT TRACKING ON was not answered: " + e.getMessage(), e);
        }
        synchronized (this) {
            if (connectionEvents.get() != events || closed) {
                return false;
            }
            tracking.add(handler);
            if (serving.loop() != null) {
                loops.put(handler, serving);
            }
        }
        return true;
    }

    private synchronized LettuceClients.Connected connected() {
        if (connection != null || closed) {
            return connection;
        }
        long now = System.nanoTime();
        if (now - nextAttempt < 0) {
            return null;
        }
        try {
            LettuceClients.Connected opened = LettuceClients.connect(client);
            if (opened.connection() instanceof StatefulRedisClusterConnection<String, byte[]> cluster) {
                cluster.addListener((node, message) -> pushed(message));
            } else {
                ((StatefulRedisConnection<String, byte[]>) opened.connection()).addListener(this::pushed);
            }
            cache.flush();
            connection = opened;
            return opened;
        } catch (RuntimeException e) {
            nextAttempt = now + retryAfter.toNanos();
            LOG.log(Level.WARNING, "The near cache's connection to Redis could not be opened; sessions are read"
                    + " without it for " + retryAfter.toMillis() + " ms", e);
            return null;
        }
    }

    /** An invalidation names the keys that changed; one without keys (after {@code FLUSHALL}) means all of them. */
    private void pushed(PushMessage message) {
        if (!INVALIDATE.equals(message.getType())) {
            return;
        }
        List<Object> content = message.getContent(StringCodec.UTF8::decodeKey);
        Object keys = content.size() > 1 ? content.get(1) : null;
        if (keys instanceof List<?> changed) {
            for (Object key : changed) {
                cache.invalidate(key instanceof ByteBuffer buffer ? StringCodec.UTF8.decodeKey(buffer)
                        : String.valueOf(key));
            }
        } else {
            cache.flush();
        }
    }

    private void lost(RedisChannelHandler<?, ?> handler, String what) {
        connectionEvents.incrementAndGet();
        boolean wasTracking;
        synchronized (this) {
            wasTracking = tracking.remove(handler);
            loops.remove(handler);
        }
        if (wasTracking) {
            cache.flush();
            LOG.fine("Near cache dropped: its connection " + what);
        }
    }

    /**
     * What a commit on the cache's connection gave.
     *
     * @param outcome the script's outcome, a {@link io.redissession.session.CommitOutcome} name or another reply
     * @param session the session as written when saved, else {@code null}
     */
    record Committed(String outcome, Map<String, byte[]> session) {
    }

    /**
     * @param loop the I/O thread of a tracked connection
     * @param reads its socket's read counter, or {@code null} if it cannot be probed
     */
    private record Serving(EventExecutor loop, ChannelReads reads) {
    }
}
