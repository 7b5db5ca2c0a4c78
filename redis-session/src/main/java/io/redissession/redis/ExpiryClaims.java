package io.redissession.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.redissession.SessionStoreUnavailableException;
import io.redissession.config.RedisSessionSettings;
import io.redissession.session.SessionIds;
import io.redissession.session.EndReason;
import io.redissession.session.StoredSession;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Redis side of expiry: finds the sessions of one index shard that may be past their deadline, claims the
 * delivery of one session's expiry for this node ({@code claim-expired.lua}) and, once its event is delivered,
 * deletes it ({@code destroy.lua}). A claim is a lease: if this node dies before finishing, another node claims the
 * session again once the lease lapses.
 */
final class ExpiryClaims {

    /** How long a claim holds; a node that has not delivered an event by then is presumed dead. */
    static final Duration LEASE = Duration.ofSeconds(60);

    private static final LuaScript CLAIM = LuaScript.load("claim-expired.lua");
    private static final LuaScript DESTROY = LuaScript.load("destroy.lua");
    private static final byte[] EXPIRED = RedisSessionRepository.bytes("expired");
    private static final byte[] NO_MARKER = new byte[0];
    private static final byte[] FIRST_CLAIM = RedisSessionRepository.bytes("0");
    private static final byte[] CLAIM_AGAIN = RedisSessionRepository.bytes("1");

    /** What a claim found. */
    enum Status {
        /** This node now delivers the session's expiry. */
        CLAIMED,
        /** Not past its deadline; its index entry was corrected. */
        LIVE,
        /** Another node is delivering it. */
        BUSY,
        /** No such session. */
        GONE,
        /** Its metadata cannot be read; it is left in Redis until its TTL. */
        CORRUPT
    }

    /**
     * @param status what the claim found
     * @param session the session when {@link Status#CLAIMED} and readable, otherwise {@code null}
     * @param reason why the session was ended from outside the nodes ({@code end-now.lua}), or {@code null} if it
     *        timed out
     */
    record Claim(Status status, StoredSession session, EndReason reason) {
    }

    private final KeyLayout keys;
    private final RedisConnector connector;
    private final ScriptRunner runner;
    private final Duration timeout;
    private final byte[] node;
    private final byte[] lease;
    private final byte[] retention;
    private final byte[] channel;
    private final UserIndex users;

    ExpiryClaims(KeyLayout keys, RedisConnector connector, RedisSessionSettings settings, String node,
            UserIndex users) {
        this.users = users;
        this.keys = keys;
        this.connector = connector;
        this.runner = new ScriptRunner(connector, settings.redisTimeout());
        this.timeout = settings.redisTimeout();
        this.node = RedisSessionRepository.bytes(node);
        this.lease = RedisSessionRepository.bytes(Long.toString(LEASE.toMillis()));
        this.retention = RedisSessionRepository.bytes(Long.toString(settings.expiryRetention().toMillis()));
        this.channel = RedisSessionRepository.bytes(keys.noticeChannel());
    }

    /**
     * What one read of every shard found.
     *
     * @param byShard for each shard, the ids whose index score is not after the given time, earliest first; empty
     *        for a shard that did not answer
     * @param unanswered how many shards did not answer in time (on a Cluster, those of a node that is down)
     * @param failure why the first of them did not, or {@code null}
     */
    record Due(List<List<String>> byShard, int unanswered, Throwable failure) {
    }

    /**
     * Reads every shard of the index at once: the queries are pipelined, one hand-off to the client's I/O thread
     * and one wait for all of them, instead of one round trip per shard. Shards that answer are used even if
     * others do not.
     *
     * @param now epoch milliseconds
     * @param limit the most ids to return per shard
     * @return what each shard holds
     */
    Due dueInEveryShard(long now, int limit) {
        List<RedisFuture<List<byte[]>>> replies = runner.translate("find expired sessions", () -> {
            RedisClusterAsyncCommands<String, byte[]> async = connector.asyncCommands();
            Range<Long> range = notAfter(now);
            List<RedisFuture<List<byte[]>>> sent = new ArrayList<>(SessionIds.SHARDS);
            for (int shard = 0; shard < SessionIds.SHARDS; shard++) {
                sent.add(async.zrangebyscore(keys.expiryIndexKey(shard), range, Limit.create(0, limit)));
            }
            return sent;
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        List<List<String>> byShard = new ArrayList<>(SessionIds.SHARDS);
        int unanswered = 0;
        Throwable failure = null;
        for (RedisFuture<List<byte[]>> reply : replies) {
            try {
                byShard.add(ids(reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SessionStoreUnavailableException("find expired sessions", "interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                byShard.add(List.of());
                unanswered++;
                if (failure == null) {
                    failure = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                }
            }
        }
        return new Due(byShard, unanswered, failure);
    }

    /**
     * @param shard the index shard
     * @param now epoch milliseconds
     * @param limit the most ids to return
     * @return ids of the shard whose index score is not after {@code now}, earliest first
     */
    List<String> due(int shard, long now, int limit) {
        String key = keys.expiryIndexKey(shard);
        return ids(runner.run("find expired sessions", commands -> commands.zrangebyscore(key, notAfter(now),
                Limit.create(0, limit))));
    }

    private static Range<Long> notAfter(long now) {
        return Range.from(Range.Boundary.unbounded(), Range.Boundary.including(now));
    }

    private static List<String> ids(List<byte[]> members) {
        List<String> ids = new ArrayList<>(members.size());
        for (byte[] member : members) {
            ids.add(new String(member, StandardCharsets.UTF_8));
        }
        return ids;
    }

    /** @return where the expiry lateness is recorded */
    io.redissession.metrics.SessionMetrics metrics() {
        return connector.metrics();
    }

    /**
     * @param id a session id from {@link #due}
     * @param again whether this node sends again a claim whose reply it lost: a claim it already holds is then
     *        renewed and {@link Status#CLAIMED}, not {@link Status#BUSY}
     * @return what the claim found
     */
    Claim claim(String id, boolean again) {
        List<Object> reply = runner.eval("claim expired session", FailoverWait.Policy.FAIL_FAST, CLAIM,
                ScriptOutputType.MULTI, keys.sessionAndIndexKeys(id), RedisSessionRepository.bytes(id), lease, node,
                retention, again ? CLAIM_AGAIN : FIRST_CLAIM);
        Status status = Status.valueOf(new String((byte[]) reply.get(0), StandardCharsets.UTF_8));
        if (status != Status.CLAIMED) {
            return new Claim(status, null, null);
        }
        Optional<StoredSession> session = StoredSessionReader.read(id, reply, 1);
        EndReason reason = null;
        for (int i = 1; i + 1 < reply.size(); i += 2) {
            if (KeyLayout.ENDED_BY.equals(new String((byte[]) reply.get(i), StandardCharsets.UTF_8))) {
                reason = EndReason.of(new String((byte[]) reply.get(i + 1), StandardCharsets.UTF_8));
            }
        }
        return new Claim(status, session.orElse(null), reason);
    }

    /**
     * Deletes a session whose expiry this node claimed and delivered, and publishes its notice.
     *
     * @param id the claimed session
     * @param user the user the session was logged in as, or {@code null}: its index entry goes after the session
     * @param reason why it ended, for the notice: {@code null} if it timed out
     * @return whether the claim was still this node's
     */
    boolean finish(String id, String user, EndReason reason) {
        List<Object> reply = runner.eval("delete expired session", FailoverWait.Policy.FAIL_FAST, DESTROY,
                ScriptOutputType.MULTI, keys.sessionAndIndexKeys(id), RedisSessionRepository.bytes(id), channel, node,
                EXPIRED, NO_MARKER, reason == null ? NO_MARKER : RedisSessionRepository.bytes(reason.label()));
        boolean finished = !StoredSessionReader.isNil(reply);
        if (finished && user != null) {
            users.remove(user, id);
        }
        return finished;
    }
}
