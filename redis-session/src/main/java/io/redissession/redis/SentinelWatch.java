package io.redissession.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Listens to every sentinel for the promotion of a new master ({@code +switch-master} of the monitored master) and
 * reports it at once. Without it, a connection to a master that Sentinel replaced while it was still running (a
 * {@code SENTINEL FAILOVER}, a network partition) keeps writing to it until Sentinel demotes it, and those writes are
 * lost when it resynchronizes from the new master. Subscribes lazily (sentinels may be down at start-up); once
 * subscribed, the client reconnects and subscribes again by itself.
 */
final class SentinelWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SentinelWatch.class.getName());
    private static final String SWITCH_MASTER = "+switch-master";

    private final RedisClient client;
    private final List<RedisURI> sentinels;
    private final String masterName;
    private final Consumer<String> onSwitch;
    private final List<StatefulRedisPubSubConnection<String, String>> connections = new ArrayList<>();
    private String lastSwitch;
    private boolean closed;

    /**
     * @param client the client of the Sentinel topology; not {@code null}
     * @param sentinels the sentinels to listen to; not {@code null}
     * @param masterName the monitored master's name; not {@code null}
     * @param onSwitch told the new master's address ({@code host port}) once per promotion; not {@code null}
     */
    SentinelWatch(RedisClient client, List<RedisURI> sentinels, String masterName, Consumer<String> onSwitch) {
        this.client = client;
        this.sentinels = List.copyOf(sentinels);
        this.masterName = masterName;
        this.onSwitch = onSwitch;
    }

    /** Subscribes to the sentinels not listened to yet; failures are logged and retried on the next call. */
    synchronized void ensureSubscribed() {
        if (closed || connections.size() == sentinels.size()) {
            return;
        }
        for (RedisURI sentinel : sentinels.subList(connections.size(), sentinels.size())) {
            StatefulRedisPubSubConnection<String, String> opened = null;
            try {
                opened = client.connectPubSub(StringCodec.UTF8, sentinel);
                opened.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        switched(message);
                    }
                });
                opened.sync().subscribe(SWITCH_MASTER);
                connections.add(opened);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Cannot listen to sentinel " + sentinel.getHost() + ":" + sentinel.getPort()
                        + " yet: " + e.getMessage());
                if (opened != null) {
                    opened.closeAsync();
                }
                return;
            }
        }
    }

    /** {@code <master name> <old ip> <old port> <new ip> <new port>}; each sentinel sends it once per promotion. */
    private void switched(String message) {
        String[] parts = message.split(" ");
        if (parts.length != 5 || !parts[0].equals(masterName)) {
            return;
        }
        String promoted = parts[3] + " " + parts[4];
        synchronized (this) {
            if (promoted.equals(lastSwitch)) {
                return;
            }
            lastSwitch = promoted;
        }
        onSwitch.accept(promoted);
    }

    @Override
    public synchronized void close() {
        closed = true;
        connections.forEach(StatefulRedisPubSubConnection::close);
        connections.clear();
    }
}
