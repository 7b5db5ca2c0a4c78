package io.redissession.redis;

import io.redissession.RedisSessionException;
import io.redissession.events.ExpiredSessionHandler;
import io.redissession.session.SessionIds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Destroys the sessions that are past their deadline, on one background thread per filter. Every
 * {@code expiryCheckInterval} it reads each shard of the expiry index, claims each due session in Redis (so that
 * exactly one node delivers it), hands it to the {@link ExpiredSessionHandler}, then deletes it. Every node sweeps
 * every shard, starting at a random shard and taking due sessions in random order so that nodes seldom contend;
 * the claims make that safe, and a node that starts after the deadline
 * still delivers the events of sessions whose data is in Redis.
 */
public final class ExpirySweeper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExpirySweeper.class.getName());
    private static final int BATCH = 100;

    private final ExpiryClaims claims;
    private final Duration interval;
    private final String name;
    private final Runnable beforeEachSweep;
    private ScheduledExecutorService executor;
    private volatile boolean stopping;
    private boolean failing;

    ExpirySweeper(ExpiryClaims claims, Duration interval, String name, Runnable beforeEachSweep) {
        this.claims = claims;
        this.interval = interval;
        this.name = name;
        this.beforeEachSweep = beforeEachSweep;
    }

    /**
     * Starts sweeping at once, then every interval.
     *
     * @param handler delivers each expired session's events; not {@code null}
     */
    public synchronized void start(ExpiredSessionHandler handler) {
        if (executor != null) {
            throw new IllegalStateException("start: the expiry sweeper of " + name + " is already running");
        }
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "redis-session-expiry " + name);
            thread.setDaemon(true);
            return thread;
        });
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor = pool;
        executor.scheduleWithFixedDelay(() -> sweepSafely(handler), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepSafely(ExpiredSessionHandler handler) {
        try {
            beforeEachSweep.run();
            sweep(handler);
            if (failing) {
                LOG.info("Expiry sweep of " + name + " works again");
                failing = false;
            }
        } catch (RedisSessionException e) {
            LOG.log(failing ? Level.FINE : Level.WARNING, "Expiry sweep of " + name + " failed; expired sessions"
                    + " are destroyed once Redis answers again: " + e.getMessage());
            failing = true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Expiry sweep of " + name + " failed", e);
        }
    }

    /**
     * Sweeps every shard once.
     *
     * @param handler delivers each expired session's events; not {@code null}
     * @return how many sessions this node destroyed
     */
    int sweep(ExpiredSessionHandler handler) {
        int destroyed = 0;
        int first = ThreadLocalRandom.current().nextInt(SessionIds.SHARDS);
        for (int i = 0; i < SessionIds.SHARDS && !stopping; i++) {
            int shard = (first + i) % SessionIds.SHARDS;
            List<String> due;
            do {
                due = claims.due(shard, System.currentTimeMillis(), BATCH);
                List<String> order = new ArrayList<>(due);
                Collections.shuffle(order);
                for (String id : order) {
                    if (stopping) {
                        return destroyed;
                    }
                    destroyed += deliver(id, handler) ? 1 : 0;
                }
            } while (due.size() == BATCH && !stopping);
        }
        return destroyed;
    }

    private boolean deliver(String id, ExpiredSessionHandler handler) {
        ExpiryClaims.Claim claim = claims.claim(id);
        switch (claim.status()) {
            case CLAIMED -> {
                if (claim.session() != null) {
                    try {
                        handler.expired(claim.session());
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Delivering the expiry of session [" + id + "] failed", e);
                    }
                }
                return claims.finish(id);
            }
            case CORRUPT -> LOG.warning("Session [" + id + "] timed out but its metadata is unreadable; it is left"
                    + " in Redis until its TTL, without a destroy event");
            default -> {
                // LIVE, BUSY or GONE: nothing to deliver here.
            }
        }
        return false;
    }

    /** Stops sweeping; waits for the event being delivered, if any. */
    @Override
    public synchronized void close() {
        stopping = true;
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("Expiry sweep of " + name + " did not stop within 10 s");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
