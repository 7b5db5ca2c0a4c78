package io.redissession.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
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
    /** The name this library's connections carry in {@code CLIENT LIST}. */
    static final String CLIENT_NAME = "redis-session";
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisEndpoint endpoint;
    private final Duration connectTimeout;
    private final ClientResources resources;
    private final RedisClient client;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile StatefulRedisConnection<String, byte[]> connection;
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
        this.client = RedisClient.create(resources, toLettuceUri(endpoint, settings.redisTimeout()));
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // Synchronous calls already wait at most the URI's timeout (redisTimeout); a per-command timer
                // would only add a scheduled task to every command.
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build())
                .build());
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
        StatefulRedisConnection<String, byte[]> current = connection;
        return current != null ? current.sync() : connect().sync();
    }

    private StatefulRedisConnection<String, byte[]> connect() {
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

    private StatefulRedisConnection<String, byte[]> connectOnce() {
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
            connection = client.connect(CODEC);
            LOG.info("Connected to Redis at " + endpoint);
            return connection;
        } catch (RuntimeException e) {
            nextAttempt = now + connectTimeout.toNanos();
            throw new SessionStoreUnavailableException("connect", "cannot connect to Redis at " + endpoint + ": "
                    + e.getMessage(), e);
        }
    }

    /** @return whether a connection is established and open */
    public boolean isConnected() {
        StatefulRedisConnection<String, byte[]> current = connection;
        return current != null && current.isOpen();
    }

    /** Closes the connection and shuts the client and its threads down. */
    @Override
    public void close() {
        closed = true;
        connecting.lock();
        try {
            if (connection != null) {
                connection.close();
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

    static RedisURI toLettuceUri(RedisEndpoint endpoint, Duration timeout) {
        RedisEndpoint.HostAndPort host = endpoint.hosts().get(0);
        RedisURI.Builder builder = RedisURI.builder()
                .withHost(host.host())
                .withPort(host.port())
                .withDatabase(endpoint.database())
                .withSsl(endpoint.tls())
                .withTimeout(timeout)
                .withClientName(CLIENT_NAME);
        char[] password = endpoint.password();
        if (password != null) {
            if (endpoint.username() != null) {
                builder.withAuthentication(endpoint.username(), password);
            } else {
                builder.withPassword(password);
            }
        }
        return builder.build();
    }
}
