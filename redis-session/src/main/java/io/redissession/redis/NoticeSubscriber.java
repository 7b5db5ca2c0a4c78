package io.redissession.redis;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.redissession.events.SessionNotice;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Receives the namespace's cross-node notices on a dedicated pub/sub connection and passes each one on. Subscribes
 * lazily (Redis may be down at start-up); once subscribed, the client reconnects and subscribes again by itself.
 */
final class NoticeSubscriber implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NoticeSubscriber.class.getName());

    private final RedisConnector connector;
    private final String channel;
    private final Consumer<SessionNotice> sink;
    private final Watchers watchers;
    private StatefulRedisPubSubConnection<String, String> connection;
    private boolean closed;

    NoticeSubscriber(RedisConnector connector, String channel, Consumer<SessionNotice> sink, Watchers watchers) {
        this.connector = connector;
        this.channel = channel;
        this.sink = sink;
        this.watchers = watchers;
    }

    /** Subscribes if not done yet; a failure is logged and retried on the next call. */
    synchronized void ensureSubscribed() {
        if (connection != null || closed) {
            return;
        }
        StatefulRedisPubSubConnection<String, String> opened = null;
        try {
            opened = connector.connectPubSub();
            opened.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    deliver(message);
                }
            });
            opened.sync().subscribe(channel);
            connection = opened;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cannot subscribe to " + channel + " yet: " + e.getMessage());
            if (opened != null) {
                opened.closeAsync();
            }
        }
    }

    private void deliver(String message) {
        if (message == null || watchers.heard(message) || message.startsWith("created ")) {
            return;
        }
        SessionNotice.parse(message).ifPresentOrElse(notice -> {
            try {
                sink.accept(notice);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A session notice listener failed on [" + message + "]", e);
            }
        }, () -> LOG.fine("Ignored a message of unknown form on " + channel));
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
