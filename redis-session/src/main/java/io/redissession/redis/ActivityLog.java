package io.redissession.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.redissession.metrics.SessionMetrics;
import io.redissession.metrics.SessionMetrics.DestroyReason;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Adds this node's session counts to the namespace's per-minute activity in Redis, for the operators' chart of
 * sessions created and destroyed per minute: every {@link #FLUSH_EVERY} at most, the counts since the previous
 * flush go to the hash of the current minute ({@link KeyLayout#activityKey}) with {@code HINCRBY}, and the hash is
 * kept for {@link #KEPT}. A node with nothing to report sends nothing; a failed flush is carried to the next one.
 */
final class ActivityLog {

    private static final Logger LOG = Logger.getLogger(ActivityLog.class.getName());

    /** How often a node adds its counts. */
    static final Duration FLUSH_EVERY = Duration.ofSeconds(10);
    /** How long a minute's counts are kept. */
    static final Duration KEPT = Duration.ofHours(2);
    /** The fields of a minute's hash, in order. */
    static final List<String> FIELDS = List.of("created", "invalidated", "expired", "logged-out", "forced-logout");

    private final KeyLayout keys;
    private final RedisConnector connector;
    private final Duration timeout;
    private final LongSupplier clock;
    private volatile SessionMetrics metrics;
    private final long[] flushed = new long[FIELDS.size()];
    private long nextFlush;

    ActivityLog(KeyLayout keys, RedisConnector connector, Duration timeout, LongSupplier clock) {
        this.keys = keys;
        this.connector = connector;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** @param metrics the node's counts; not {@code null} */
    void metrics(SessionMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Flushes if {@link #FLUSH_EVERY} has passed since the previous flush. A failure is logged and the counts wait
     * for the next flush: it never stops the caller's work.
     */
    synchronized void flushIfDue() {
        long now = clock.getAsLong();
        if (now >= nextFlush) {
            nextFlush = now + FLUSH_EVERY.toMillis();
            try {
                flush();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Session activity not recorded yet: " + e.getMessage());
            }
        }
    }

    /** Adds the counts since the previous flush to the current minute's hash, waiting for the replies. */
    synchronized void flush() {
        SessionMetrics current = metrics;
        if (current == null) {
            return;
        }
        long[] counts = counts(current);
        Map<String, Long> deltas = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > flushed[i]) {
                deltas.put(FIELDS.get(i), counts[i] - flushed[i]);
            }
        }
        if (deltas.isEmpty()) {
            return;
        }
        String key = keys.activityKey(clock.getAsLong() / 60_000);
        RedisClusterAsyncCommands<String, byte[]> async = connector.asyncCommands();
        List<RedisFuture<?>> replies = new ArrayList<>();
        deltas.forEach((field, delta) -> replies.add(async.hincrby(key, field, delta)));
        replies.add(async.expire(key, KEPT.toSeconds()));
        long deadline = System.nanoTime() + timeout.toNanos();
        for (RedisFuture<?> reply : replies) {
            PipelinedReplies.await(reply, deadline, "record session activity", timeout);
        }
        System.arraycopy(counts, 0, flushed, 0, counts.length);
    }

    private static long[] counts(SessionMetrics metrics) {
        return new long[] {metrics.createdCount(), metrics.destroyedCount(DestroyReason.INVALIDATED),
            metrics.destroyedCount(DestroyReason.EXPIRED), metrics.destroyedCount(DestroyReason.LOGGED_OUT),
            metrics.destroyedCount(DestroyReason.FORCED_LOGOUT)};
    }
}
