package io.redissession.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.redissession.session.SessionIds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The number of live sessions of a namespace, cluster-wide, without {@code SCAN}: the sum of {@code ZCARD} over the
 * 256 expiry index shards, sent in one pipelined batch, and kept for a second so that frequent scrapes cost Redis
 * at most 256 O(1) commands a second.
 */
final class ActiveSessionCount {

    private static final long KEEP_NANOS = Duration.ofSeconds(1).toNanos();

    private final KeyLayout keys;
    private final RedisConnector connector;
    private final ScriptRunner runner;
    private final Duration timeout;
    private long readAt;
    private long value = -1;

    ActiveSessionCount(KeyLayout keys, RedisConnector connector, Duration timeout) {
        this.keys = keys;
        this.connector = connector;
        this.runner = new ScriptRunner(connector, timeout);
        this.timeout = timeout;
    }

    /**
     * @return the count, at most a second old
     * @throws io.redissession.SessionStoreUnavailableException if Redis does not answer in time
     */
    synchronized long get() {
        long now = System.nanoTime();
        if (value >= 0 && now - readAt < KEEP_NANOS) {
            return value;
        }
        List<RedisFuture<Long>> replies = runner.translate("count sessions", () -> {
            RedisClusterAsyncCommands<String, byte[]> async = connector.asyncCommands();
            List<RedisFuture<Long>> sent = new ArrayList<>(SessionIds.SHARDS);
            for (int shard = 0; shard < SessionIds.SHARDS; shard++) {
                sent.add(async.zcard(keys.expiryIndexKey(shard)));
            }
            return sent;
        });
        long deadline = now + timeout.toNanos();
        long total = 0;
        for (RedisFuture<Long> reply : replies) {
            total += PipelinedReplies.await(reply, deadline, "count sessions", timeout);
        }
        value = total;
        readAt = System.nanoTime();
        return total;
    }
}
