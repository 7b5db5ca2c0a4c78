package io.redissession.redis;

import io.redissession.config.RedisSessionSettings;
import io.redissession.config.TouchShare;
import io.redissession.events.ExpiredSessionHandler;
import io.redissession.events.SessionNotice;
import io.redissession.session.SessionRepository;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * The Redis side of one filter, built from its settings: the connection, the repository, the expiry sweeper and the
 * notice subscription. Closing it stops the sweeper, then closes the connections and stops the client's threads.
 */
public final class RedisSessionStore implements AutoCloseable {

    private final String node;
    private final RedisConnector connector;
    private final RedisSessionRepository repository;
    private final KeyLayout keys;
    private final RedisSessionSettings settings;
    private final ActiveSessionCount activeCount;
    private final Watchers watchers = new Watchers(System::currentTimeMillis);
    private final ActivityLog activity;
    private ExpirySweeper sweeper;
    private NoticeSubscriber notices;

    /**
     * Connects to Redis; if Redis is down, logs it and connects later, on demand.
     *
     * @param settings the filter's settings; not {@code null}
     * @param touchShare how much of the timeout passes before an access is recorded again, as resolved for the
     *        application; not {@code null}
     */
    public RedisSessionStore(RedisSessionSettings settings, TouchShare touchShare) {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        this.node = ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
        this.settings = settings;
        this.keys = new KeyLayout(settings.keyPrefix(), settings.sessionNamespace());
        this.connector = new RedisConnector(settings);
        this.repository = new RedisSessionRepository(keys, connector, settings, touchShare, node, watchers);
        this.activeCount = new ActiveSessionCount(keys, connector, settings.redisTimeout());
        this.activity = new ActivityLog(keys, connector, settings.redisTimeout(), System::currentTimeMillis);
    }

    /**
     * @return the namespace's live sessions, cluster-wide: the sizes of the 256 expiry index shards (every session
     *         has an entry there, scored {@code +inf} when it never expires), read in one pipelined batch; sessions
     *         past their deadline whose destroy event is under way count until it is delivered
     */
    public long activeSessions() {
        return activeCount.get();
    }

    /**
     * @param metrics where this store records Redis latency, failures and expiry lateness, and whose session counts
     *        it adds to the namespace's per-minute activity; not {@code null}
     */
    public void metrics(io.redissession.metrics.SessionMetrics metrics) {
        connector.metrics(metrics);
        activity.metrics(metrics);
        TrackedReads near = connector.trackedReads();
        if (near != null) {
            metrics.nearCache(near::stats);
        }
    }

    /** @return the session repository */
    public SessionRepository repository() {
        return repository;
    }

    /** @return the name of this node in claims and notices: process id and a random suffix */
    public String node() {
        return node;
    }

    /**
     * Starts destroying expired sessions (see {@link ExpirySweeper}) and receiving cross-node notices.
     *
     * @param expired delivers each expired session's events; not {@code null}
     * @param noticeSink receives the notices of every node; not {@code null}
     */
    public synchronized void startEvents(ExpiredSessionHandler expired, Consumer<SessionNotice> noticeSink) {
        notices = new NoticeSubscriber(connector, keys.noticeChannel(), noticeSink, watchers);
        NoticeSubscriber subscriber = notices;
        sweeper = new ExpirySweeper(new ExpiryClaims(keys, connector, settings, node, repository.users()),
                new SweepLease(keys, new ScriptRunner(connector, settings.redisTimeout()), node,
                        settings.expiryCheckInterval(), System::currentTimeMillis),
                settings.expiryCheckInterval(), settings.sessionNamespace() + "/" + node, () -> {
                    subscriber.ensureSubscribed();
                    activity.flushIfDue();
                });
        sweeper.start(expired);
    }

    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.close();
        }
        if (notices != null) {
            notices.close();
        }
        try {
            activity.flush();
        } catch (RuntimeException e) {
            // Redis is down: the last seconds' counts are lost, the sessions are not
        }
        connector.close();
    }
}
