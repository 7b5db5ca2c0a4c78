package io.redissession.redis;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Live notices of a namespace for operators: sessions created, destroyed (with the reason) and given a new id, on any
 * node. Subscribes to the notice channel and announces itself there every {@link Watchers#ANNOUNCE_EVERY}, which
 * makes the nodes publish their creations while it runs. Notices travel over pub/sub: one sent while the watch was
 * disconnected is missed.
 */
public final class SessionWatch implements AutoCloseable {

    /**
     * One notice.
     *
     * @param kind {@code created}, {@code destroyed} or {@code id-changed}
     * @param id the session id (the previous one for {@code id-changed})
     * @param newId the new id for {@code id-changed}, otherwise {@code null}
     * @param reason why it was destroyed ({@code invalidated}, {@code expired}, {@code logged-out},
     *        {@code forced-logout}), otherwise {@code null}
     * @param node the node where it happened
     */
    public record Notice(String kind, String id, String newId, String reason, String node) {

        /**
         * @param message a message of the notice channel; may be {@code null}
         * @return the notice, or empty if the message is of another form
         */
        static Optional<Notice> parse(String message) {
            String[] parts = message == null ? new String[0] : message.split(" ");
            if (parts.length == 3 && parts[0].equals("created")) {
                return Optional.of(new Notice("created", parts[1], null, null, parts[2]));
            }
            if (parts.length == 4 && parts[0].equals("destroyed")) {
                return Optional.of(new Notice("destroyed", parts[1], null, parts[2], parts[3]));
            }
            if (parts.length == 4 && parts[0].equals("id-changed")) {
                return Optional.of(new Notice("id-changed", parts[1], parts[2], null, parts[3]));
            }
            return Optional.empty();
        }
    }

    private final RedisConnector connector;
    private final String channel;
    private final String name;
    private final ScheduledExecutorService announcer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "redis-session-watch");
        thread.setDaemon(true);
        return thread;
    });
    private StatefulRedisPubSubConnection<String, String> connection;

    /**
     * @param connector the connection; not {@code null}
     * @param keyPrefix the filter's {@code keyPrefix}; not {@code null}
     * @param namespace the namespace to watch; not {@code null}
     * @param name the watcher's name in its announcements, without spaces; not {@code null}
     */
    public SessionWatch(RedisConnector connector, String keyPrefix, String namespace, String name) {
        this.connector = connector;
        this.channel = new KeyLayout(keyPrefix, namespace).noticeChannel();
        this.name = name;
    }

    /**
     * Subscribes, then announces the watch at once and every {@link Watchers#ANNOUNCE_EVERY}.
     *
     * @param sink receives each notice, on the client's thread; not {@code null}
     * @throws io.redissession.SessionStoreUnavailableException if Redis cannot be reached
     */
    public synchronized void start(Consumer<Notice> sink) {
        connection = connector.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                Notice.parse(message).ifPresent(sink);
            }
        });
        connection.sync().subscribe(channel);
        String announcement = Watchers.ANNOUNCEMENT + " " + name;
        byte[] message = announcement.getBytes(StandardCharsets.UTF_8);
        connector.commands().publish(channel, message);
        long every = Watchers.ANNOUNCE_EVERY.toMillis();
        announcer.scheduleAtFixedRate(() -> {
            try {
                connector.commands().publish(channel, message);
            } catch (RuntimeException e) {
                // Redis is away; the next announcement tries again
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        announcer.shutdownNow();
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
