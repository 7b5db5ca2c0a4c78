package io.redissession.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.redissession.config.RedisEndpoint;
import io.redissession.config.RedisSessionSettings;
import io.redissession.config.TlsSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the Lettuce client for the topology a {@link RedisEndpoint} names, with this library's options: an explicit
 * command timeout, keep-alive, commands rejected while disconnected (they surely did not run, and
 * {@link FailoverWait} sends them again as soon as the connection is back), and for Cluster a topology refresh
 * that is both periodic and triggered by redirections and reconnects (the failures a failover brings ask for one
 * too, see {@link RedisConnector}).
 */
final class LettuceClients {

    /** The name this library's connections carry in {@code CLIENT LIST}. */
    static final String CLIENT_NAME = "redis-session";
    /** How often a Cluster client re-reads the topology even when nothing went wrong. */
    static final Duration CLUSTER_REFRESH_PERIOD = Duration.ofSeconds(30);
    /**
     * The shortest time between two topology refreshes that redirections or reconnects trigger. Lettuce's default
     * (30 s) would spend the only refresh of a failover before the promotion, when the topology is still the old one.
     */
    static final Duration CLUSTER_ADAPTIVE_REFRESH_TIMEOUT = Duration.ofMillis(500);

    /** Keys as UTF-8 text, values as bytes: the codec of every connection but pub/sub. */
    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /** A connection and its synchronous and asynchronous commands, whatever the topology. */
    record Connected(StatefulConnection<String, byte[]> connection, RedisClusterCommands<String, byte[]> commands,
            RedisClusterAsyncCommands<String, byte[]> async) {
    }

    private LettuceClients() {
    }

    static AbstractRedisClient create(ClientResources resources, RedisSessionSettings settings) {
        RedisEndpoint endpoint = settings.redisEndpoint();
        SocketOptions socket = SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true)
                .build();
        // Synchronous calls already wait at most the URI's timeout (redisTimeout); a per-command timer would only
        // add a scheduled task to every command.
        TimeoutOptions timeouts = TimeoutOptions.builder().timeoutCommands(false).build();
        if (endpoint.topology() == RedisEndpoint.Topology.CLUSTER) {
            RedisClusterClient client = RedisClusterClient.create(resources, uris(settings));
            client.setOptions(ClusterClientOptions.builder()
                    .autoReconnect(true)
                    // A command for a node whose connection is down fails at once, surely not run, instead of
                    // waiting redisTimeout in a queue: the request sends it again (FailoverWait) as soon as the
                    // connection is back or the slot has a new master.
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(timeouts)
                    .socketOptions(socket)
                    .sslOptions(sslOptions(settings.tls()))
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(CLUSTER_REFRESH_PERIOD)
                            .enableAllAdaptiveRefreshTriggers()
                            .adaptiveRefreshTriggersTimeout(CLUSTER_ADAPTIVE_REFRESH_TIMEOUT)
                            .build())
                    .build());
            return client;
        }
        RedisClient client = RedisClient.create(resources, uris(settings).get(0));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(timeouts)
                .socketOptions(socket)
                .sslOptions(sslOptions(settings.tls()))
                .build());
        return client;
    }

    private static SslOptions sslOptions(TlsSettings tls) {
        SslOptions.Builder builder = SslOptions.builder().jdkSslProvider();
        if (tls.caFile() != null) {
            builder.trustManager(tls.caFile().toFile());
        }
        if (tls.trustStore() != null) {
            builder.truststore(tls.trustStore().toFile(), tls.trustStorePassword());
        }
        if (tls.keyStore() != null) {
            char[] password = tls.keyStorePassword() == null ? null : tls.keyStorePassword().toCharArray();
            builder.keystore(tls.keyStore().toFile(), password);
        }
        return builder.build();
    }

    /**
     * Connects the shared connection; on a Cluster also the connection to every master, so that the first commands
     * (and the expiry sweep's, which no request waits for) do not meet a node connection still being opened, which
     * rejects them.
     */
    static Connected connect(AbstractRedisClient client) {
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<String, byte[]> connection = cluster.connect(CODEC);
            for (RedisClusterNode node : connection.getPartitions()) {
                if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                    // by host and port: the connection that commands routed by slot use
                    connection.getConnection(node.getUri().getHost(), node.getUri().getPort());
                }
            }
            return new Connected(connection, connection.sync(), connection.async());
        }
        StatefulRedisConnection<String, byte[]> connection = ((RedisClient) client).connect(CODEC);
        return new Connected(connection, connection.sync(), connection.async());
    }

    static StatefulRedisPubSubConnection<String, String> connectPubSub(AbstractRedisClient client) {
        if (client instanceof RedisClusterClient cluster) {
            return cluster.connectPubSub(StringCodec.UTF8);
        }
        return ((RedisClient) client).connectPubSub(StringCodec.UTF8);
    }

    /**
     * @return the commands of the connection that writes {@code key}: the shared one, or on a Cluster the
     *         connection to the master of the key's slot (the same one routed writes of that key use)
     */
    static RedisClusterCommands<String, byte[]> commandsForKey(Connected connected, String key) {
        if (connected.connection() instanceof StatefulRedisClusterConnection<String, byte[]> cluster) {
            RedisClusterNode master = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
            if (master != null) {
                return cluster.getConnection(master.getUri().getHost(), master.getUri().getPort()).sync();
            }
        }
        return connected.commands();
    }

    /** @return one URI for standalone and Sentinel (sentinels inside it), one per seed node for Cluster */
    static List<RedisURI> uris(RedisSessionSettings settings) {
        RedisEndpoint endpoint = settings.redisEndpoint();
        List<RedisURI> uris = new ArrayList<>();
        if (endpoint.topology() == RedisEndpoint.Topology.SENTINEL) {
            RedisEndpoint.HostAndPort first = endpoint.hosts().get(0);
            RedisURI.Builder builder = RedisURI.Builder.sentinel(first.host(), first.port(), endpoint.masterName());
            for (RedisEndpoint.HostAndPort sentinel : endpoint.hosts().subList(1, endpoint.hosts().size())) {
                builder.withSentinel(sentinel.host(), sentinel.port());
            }
            uris.add(common(builder, settings).withDatabase(endpoint.database()).build());
            return uris;
        }
        for (RedisEndpoint.HostAndPort host : endpoint.hosts()) {
            RedisURI.Builder builder = RedisURI.builder().withHost(host.host()).withPort(host.port());
            uris.add(common(builder, settings).withDatabase(endpoint.database()).build());
        }
        return uris;
    }

    private static RedisURI.Builder common(RedisURI.Builder builder, RedisSessionSettings settings) {
        RedisEndpoint endpoint = settings.redisEndpoint();
        builder.withSsl(endpoint.tls()).withTimeout(settings.redisTimeout()).withClientName(CLIENT_NAME);
        if (endpoint.tls()) {
            builder.withVerifyPeer(switch (settings.tls().verify()) {
                case FULL -> SslVerifyMode.FULL;
                case CA -> SslVerifyMode.CA;
                case NONE -> SslVerifyMode.NONE;
            });
        }
        char[] password = endpoint.password();
        if (password != null) {
            if (endpoint.username() != null) {
                builder.withAuthentication(endpoint.username(), password);
            } else {
                builder.withPassword(password);
            }
        }
        return builder;
    }
}
