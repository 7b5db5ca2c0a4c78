package io.redissession.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.redissession.config.RedisEndpoint;
import io.redissession.redis.direct.NodeAddress;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds the master that serves a key, from what the client knows of the topology: the configured server; the master
 * the sentinels name (asked once, then again after a failure); or, on a Cluster, the master of the key's slot in the
 * client's current slot map. Answers {@code null} while it does not know, so the caller uses the shared connection.
 */
final class MasterLocator {

    private static final Logger LOG = Logger.getLogger(MasterLocator.class.getName());

    private final RedisEndpoint endpoint;
    private final NodeAddress standalone;
    private final AbstractRedisClient client;
    private final long retryNanos;
    private final ReentrantLock asking = new ReentrantLock();
    private volatile NodeAddress sentinelMaster;
    private volatile long nextQuestion = System.nanoTime();

    /**
     * @param endpoint the configured topology; not {@code null}
     * @param client the client of that topology; not {@code null}
     * @param retry how long to wait before asking the sentinels again after they did not answer
     */
    MasterLocator(RedisEndpoint endpoint, AbstractRedisClient client, Duration retry) {
        this.endpoint = endpoint;
        RedisEndpoint.HostAndPort first = endpoint.hosts().get(0);
        this.standalone = new NodeAddress(first.host(), first.port());
        this.client = client;
        this.retryNanos = retry.toNanos();
    }

    /**
     * @param key the key a command touches; not {@code null}
     * @param connected the shared connection; not {@code null}
     * @return the master that serves the key, or {@code null} if not known now
     */
    NodeAddress masterFor(String key, LettuceClients.Connected connected) {
        switch (endpoint.topology()) {
            case CLUSTER:
                return clusterMaster(key, (StatefulRedisClusterConnection<String, byte[]>) connected.connection());
            case SENTINEL:
                NodeAddress known = sentinelMaster;
                return known != null ? known : askSentinels();
            default:
                return standalone;
        }
    }

    /** Forgets the master the sentinels named, after it failed or refused a write: it may have been replaced. */
    void forget() {
        sentinelMaster = null;
    }

    private static NodeAddress clusterMaster(String key, StatefulRedisClusterConnection<String, byte[]> cluster) {
        RedisClusterNode master = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
        return master == null ? null : new NodeAddress(master.getUri().getHost(), master.getUri().getPort());
    }

    private NodeAddress askSentinels() {
        if (System.nanoTime() - nextQuestion < 0 || !asking.tryLock()) {
            return null;
        }
        try (StatefulRedisSentinelConnection<String, String> sentinel =
                ((RedisClient) client).connectSentinel(StringCodec.UTF8)) {
            SocketAddress address = sentinel.sync().getMasterAddrByName(endpoint.masterName());
            if (address instanceof InetSocketAddress inet) {
                sentinelMaster = new NodeAddress(inet.getHostString(), inet.getPort());
                return sentinelMaster;
            }
            nextQuestion = System.nanoTime() + retryNanos;
            return null;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The sentinels did not name the master of " + endpoint.masterName(), e);
            nextQuestion = System.nanoTime() + retryNanos;
            return null;
        } finally {
            asking.unlock();
        }
    }
}
