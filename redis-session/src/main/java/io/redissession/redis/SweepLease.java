package io.redissession.redis;

import io.lettuce.core.ScriptOutputType;
import io.redissession.RedisSessionException;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides which node sweeps a namespace's expiries ({@code sweep-lease.lua}): the node holding a short lease in
 * Redis sweeps and renews it on every pass; the others ask again only when the holder's lease may have lapsed. So
 * the sweep costs Redis the same whatever the number of nodes: one pass of the index per interval, plus one small
 * command per idle node per lease. If the holder dies, another node takes over when its lease lapses. Exactly-once
 * delivery never depends on the lease: two nodes that both sweep (a holder paused past its lease, or Redis
 * unreachable for the lease) still claim each session once.
 */
final class SweepLease {

    private static final Logger LOG = Logger.getLogger(SweepLease.class.getName());
    private static final LuaScript LEASE = LuaScript.load("sweep-lease.lua");
    private static final byte[] TAKE = new byte[0];
    private static final byte[] RELEASE = RedisSessionRepository.bytes("release");

    private final KeyLayout keys;
    private final ScriptRunner runner;
    private final byte[] node;
    private final byte[] leaseMillis;
    private final long renewEveryMillis;
    private final LongSupplier clock;
    private boolean held;
    private long lastRenewal;
    private long nextAttempt;

    /**
     * @param keys the namespace's keys; not {@code null}
     * @param runner runs the lease script; not {@code null}
     * @param node the name of this node; not {@code null}
     * @param interval how often the holder sweeps, and so renews; not {@code null}
     * @param clock epoch milliseconds; not {@code null}
     */
    SweepLease(KeyLayout keys, ScriptRunner runner, String node, Duration interval, LongSupplier clock) {
        this.keys = keys;
        this.runner = runner;
        this.node = RedisSessionRepository.bytes(node);
        this.leaseMillis = RedisSessionRepository.bytes(Long.toString(leaseFor(interval).toMillis()));
        this.renewEveryMillis = interval.toMillis();
        this.clock = clock;
    }

    /**
     * @param interval how often the holder sweeps
     * @return how long a lease lasts: three sweep intervals plus 2 s, so that a busy pass, a pause or a slow
     *         reply does not lose it; also how late expiries can be after the holder dies
     */
    static Duration leaseFor(Duration interval) {
        return interval.multipliedBy(3).plusSeconds(2);
    }

    /**
     * Takes or renews the lease when this node holds it or the holder's may have lapsed; does nothing otherwise.
     *
     * @return whether this node sweeps now: it holds the lease, or Redis could not say (sweeping is then safe)
     */
    synchronized boolean acquire() {
        long now = clock.getAsLong();
        if (!held && now < nextAttempt) {
            return false;
        }
        try {
            Long left = runner.eval("take the sweep lease", FailoverWait.Policy.FAIL_FAST, LEASE,
                    ScriptOutputType.INTEGER, new String[] {keys.sweepLeaseKey()}, node, leaseMillis, TAKE);
            held = left < 0;
            if (held) {
                lastRenewal = now;
            } else {
                // the holder renews at each pass: ask again just after the lease it has now would lapse
                nextAttempt = now + Math.max(left, 0) + 1;
            }
            return held;
        } catch (RedisSessionException e) {
            LOG.log(Level.FINE, "Sweep lease unknown, sweeping: " + e.getMessage());
            held = false;
            nextAttempt = 0;
            return true;
        }
    }

    /** Renews the lease during a long pass, once a sweep interval has gone by since the last renewal. */
    synchronized void renewIfDue() {
        if (held && clock.getAsLong() - lastRenewal >= renewEveryMillis) {
            acquire();
        }
    }

    /** Gives the lease up, if this node holds it, so that another node can take it at its next attempt. */
    synchronized void release() {
        if (!held) {
            return;
        }
        held = false;
        try {
            runner.eval("release the sweep lease", FailoverWait.Policy.FAIL_FAST, LEASE, ScriptOutputType.INTEGER,
                    new String[] {keys.sweepLeaseKey()}, node, leaseMillis, RELEASE);
        } catch (RedisSessionException e) {
            LOG.log(Level.FINE, "Sweep lease not released; it lapses by itself: " + e.getMessage());
        }
    }
}
