package io.redissession.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.redissession.SessionStoreUnavailableException;
import io.redissession.config.RedisEndpoint;
import io.redissession.config.RedisSessionSettings;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the Lettuce client of one filter: its {@link ClientResources}, one multiplexed connection, and their shutdown.
 * Never keeps Lettuce's hanging defaults: every command has a timeout and commands issued while disconnected are
 * rejected at once instead of queued. If Redis is down at start-up, the connection is made later, on demand, by
 * one request at a time and at most once per connect timeout; the other requests fail fast until Redis is back.
 */
public final class RedisConnector implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisConnector.class.getName());

    private final RedisEndpoint endpoint;
    private final Duration connectTimeout;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final DirectScripts directScripts;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile LettuceClients.Connected connection;
    private volatile long nextAttempt;
    private volatile boolean closed;

    /**
     * Creates the client and tries to connect; a failure is logged, not thrown.
     *
     * @param settings the filter's settings; not {@code null}
     */
    public RedisConnector(RedisSessionSettings settings) {
        this.endpoint = settings.redisEndpoint();
        this.connectTimeout = settings.connectTimeout();
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        this.client = LettuceClients.create(resources, settings);
        this.directScripts = DirectScriptsFactory.create(settings, client);
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

    /** @return the direct connections' script runner, or {@code null} if {@code directConnections} is 0 */
    DirectScripts directScripts() {
        return directScripts;
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
                    + " was unreachable moments ago; next attempt soon", null);
        }
        try {
            connection = LettuceClients.connect(client);
            ServerChecks.run(connection.commands(), endpoint.toString());
            LOG.info("Connected to Redis at " + endpoint);
            return connection;
        } catch (RuntimeException e) {
            nextAttempt = now + connectTimeout.toNanos();
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
            if (directScripts != null) {
                directScripts.close();
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
            connecting.unlock();
        }
    }
}
