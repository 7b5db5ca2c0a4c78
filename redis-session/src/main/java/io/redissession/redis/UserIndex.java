package io.redissession.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.redissession.RedisSessionException;
import io.redissession.config.LoginSettings;
import io.redissession.session.LoginAdmission;
import io.redissession.session.SessionIds;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The index of each user's sessions: one sorted set per user ({@link KeyLayout#userIndexKey}), session ids scored by
 * login time. On a Cluster it lives in another slot than the sessions, so no script can change both; the order of
 * the steps keeps it exact instead: an entry is written before a session gets its user and removed only after the
 * session lost it or was destroyed. A step lost with a node therefore leaves a stale entry, never a missing one;
 * {@link #sessionsOf} checks every entry against its session and removes those stale for longer than the grace a
 * login in progress may need.
 */
final class UserIndex {

    private static final Logger LOG = Logger.getLogger(UserIndex.class.getName());
    private static final LuaScript LOGIN = LuaScript.load("login.lua");
    private static final LuaScript FORGET_STALE = LuaScript.load("forget-stale.lua");

    private final KeyLayout keys;
    private final RedisConnector connector;
    private final ScriptRunner runner;
    private final Duration timeout;
    private final long graceMillis;
    private final int ackReplicas;
    private final Duration ackTimeout;

    /**
     * @param keys the key layout; not {@code null}
     * @param connector the connections; not {@code null}
     * @param timeout the command timeout
     * @param grace how long an entry whose session does not show its user yet is kept: a login between its two
     *        steps, each of which may wait out a failover
     * @param ackReplicas with more than 0, each write to the index waits for that many replicas, as the session's
     *        writes do, so that a master's crash loses no step of a change
     * @param ackTimeout how long such a wait lasts
     */
    UserIndex(KeyLayout keys, RedisConnector connector, Duration timeout, Duration grace, int ackReplicas,
            Duration ackTimeout) {
        this.ackReplicas = ackReplicas;
        this.ackTimeout = ackTimeout;
        this.keys = keys;
        this.connector = connector;
        this.runner = new ScriptRunner(connector, timeout);
        this.timeout = timeout;
        this.graceMillis = grace.toMillis();
    }

    /** See {@link io.redissession.session.SessionRepository#admit}. */
    LoginAdmission admit(String user, String id, LoginSettings login) {
        if (login.limited()) {
            // stale entries (sessions gone, logins lost with a node) must not count against the limit
            try {
                sessionsOf(user);
            } catch (RedisSessionException e) {
                LOG.fine("Stale logins of user [" + user + "] are left for the next login: " + e.getMessage());
            }
        }
        // a second run admits the same id again, with the same outcome
        String[] keyArgs = {keys.userIndexKey(user)};
        byte[][] args = {RedisSessionRepository.bytes(id),
            RedisSessionRepository.bytes(Integer.toString(login.maxSessionsPerUser())),
            RedisSessionRepository.bytes(login.policy().label())};
        List<Object> reply = ackReplicas == 0
                ? runner.eval("log in", FailoverWait.Policy.ALWAYS, LOGIN, ScriptOutputType.MULTI, keyArgs, args)
                : runner.evalAndWait("log in", FailoverWait.Policy.ALWAYS, LOGIN, ScriptOutputType.MULTI, keyArgs,
                        ackReplicas, ackTimeout, args);
        if ("REFUSED".equals(text(reply.get(0)))) {
            return new LoginAdmission(true, List.of());
        }
        List<String> toEnd = new ArrayList<>();
        for (int i = 1; i < reply.size(); i++) {
            toEnd.add(text(reply.get(i)));
        }
        return new LoginAdmission(false, toEnd);
    }

    /**
     * Adds a session under its user with the login time of its previous id, before the session gets the new id; fails
     * (and the commit with it) if Redis does not take it within {@code failoverWait}.
     */
    void carryOver(String user, String previousId, String id) {
        String key = keys.userIndexKey(user);
        // both commands give the same result when sent twice
        write("index the user's session", key, commands -> {
            Double score = commands.zscore(key, RedisSessionRepository.bytes(previousId));
            return commands.zadd(key, score != null ? score : System.currentTimeMillis(),
                    RedisSessionRepository.bytes(id));
        });
    }

    /**
     * Removes a session from its user's index, after the session lost the user or was destroyed. The change it
     * follows is done, so a failure does not fail the caller: it is logged, and the entry left behind is found stale
     * and removed later (see {@link #sessionsOf}).
     */
    void remove(String user, String id) {
        String key = keys.userIndexKey(user);
        try {
            write("unindex the user's session", key, commands -> commands.zrem(key,
                    RedisSessionRepository.bytes(id)));
        } catch (RedisSessionException e) {
            LOG.warning("Session [" + id + "] stays in the index of user [" + user + "] until it is found stale: "
                    + e.getMessage());
        }
    }

    /**
     * Reads a user's index and checks every entry against its session (pipelined: on a Cluster the sessions are on
     * several nodes); removes the entries that have been stale for longer than the grace.
     *
     * @return the ids of the user's live sessions, oldest login first
     */
    List<String> sessionsOf(String user) {
        String key = keys.userIndexKey(user);
        List<ScoredValue<byte[]>> read = runner.run("read the user's sessions", FailoverWait.Policy.ALWAYS,
                commands -> commands.zrangeWithScores(key, 0, -1));
        List<ScoredValue<byte[]>> entries = new ArrayList<>(read.size());
        List<byte[]> stale = new ArrayList<>();
        for (ScoredValue<byte[]> entry : read) {
            if (SessionIds.isWellFormed(text(entry.getValue()))) {
                entries.add(entry);
            } else {
                // written by something else: never a session of this filter
                stale.add(entry.getValue());
                stale.add(RedisSessionRepository.bytes(scoreText(entry.getScore())));
            }
        }
        List<RedisFuture<List<io.lettuce.core.KeyValue<String, byte[]>>>> checks = runner.translate(
                "read the user's sessions", () -> {
                    RedisClusterAsyncCommands<String, byte[]> async = connector.asyncCommands();
                    List<RedisFuture<List<io.lettuce.core.KeyValue<String, byte[]>>>> sent = new ArrayList<>();
                    for (ScoredValue<byte[]> entry : entries) {
                        sent.add(async.hmget(keys.sessionKey(text(entry.getValue())), KeyLayout.USER,
                                KeyLayout.LAST_ACCESSED, KeyLayout.DESTROYING_BY));
                    }
                    return sent;
                });
        long deadline = System.nanoTime() + timeout.toNanos();
        long staleBefore = System.currentTimeMillis() - graceMillis;
        List<String> live = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ScoredValue<byte[]> entry = entries.get(i);
            List<io.lettuce.core.KeyValue<String, byte[]>> fields = await(checks.get(i), deadline);
            boolean hasUser = fields.get(0).hasValue() && user.equals(text(fields.get(0).getValue()));
            boolean usable = fields.get(1).hasValue() && !fields.get(2).hasValue();
            if (hasUser && usable) {
                live.add(text(entry.getValue()));
            } else if (!hasUser && entry.getScore() < staleBefore) {
                stale.add(entry.getValue());
                stale.add(RedisSessionRepository.bytes(scoreText(entry.getScore())));
            }
        }
        if (!stale.isEmpty()) {
            runner.eval("forget stale logins", FailoverWait.Policy.ALWAYS, FORGET_STALE, ScriptOutputType.INTEGER,
                    new String[] {key}, stale.toArray(new byte[0][]));
        }
        return live;
    }

    /**
     * Checks the index of every user of the namespace ({@code SCAN}, in pages): removes the entries of sessions
     * that are gone or have another user, once stale for longer than the grace.
     *
     * @return how many users' indexes were checked
     */
    int repairAll() {
        int users = 0;
        for (String key : connector.scanKeys(keys.userIndexKeyPattern())) {
            sessionsOf(keys.userOfIndexKey(key));
            users++;
        }
        return users;
    }

    /** Runs idempotent index writes, waiting out failovers and, with {@code writeAckReplicas}, for replicas. */
    private <T> T write(String operation, String key,
            Function<RedisClusterCommands<String, byte[]>, T> call) {
        return ackReplicas == 0 ? runner.run(operation, FailoverWait.Policy.ALWAYS, call)
                : runner.runAndWait(operation, FailoverWait.Policy.ALWAYS, key, ackReplicas, ackTimeout, call);
    }

    private static String scoreText(double score) {
        return score == Math.rint(score) && Math.abs(score) < 1e15 ? Long.toString((long) score)
                : Double.toString(score);
    }

    private <T> T await(RedisFuture<T> future, long deadline) {
        return PipelinedReplies.await(future, deadline, "read the user's sessions", timeout);
    }

    private static String text(Object bytes) {
        return new String((byte[]) bytes, StandardCharsets.UTF_8);
    }
}
