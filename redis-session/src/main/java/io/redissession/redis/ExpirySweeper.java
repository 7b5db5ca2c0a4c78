package io.redissession.redis;

import io.redissession.RedisSessionException;
import io.redissession.SessionStoreUnavailableException;
import io.redissession.events.ExpiredSessionHandler;
import io.redissession.session.EndReason;
import io.redissession.session.SessionIds;
import io.redissession.session.StoredSession;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Destroys the sessions that are past their deadline, on one background thread per filter. Every
 * {@code expiryCheckInterval} (sooner after a pass that found expired sessions) the node that holds the namespace's
 * {@link SweepLease} reads every shard of the expiry index in one pipelined batch, claims each due session in Redis
 * (so that exactly one node delivers it), hands it to the {@link ExpiredSessionHandler}, then deletes it. The other
 * nodes only check, about once per lease, whether the lease lapsed, so the sweep's Redis load does not grow with the
 * number of nodes. The claims, not the lease, make delivery exactly-once: nodes that sweep at the same time (a
 * paused holder, a lease Redis could not answer for) start at random shards and take due sessions in random order,
 * and a node that starts after the deadline still delivers the events of sessions whose data is in Redis.
 */
final class ExpirySweeper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExpirySweeper.class.getName());
    private static final int BATCH = 100;
    /** How soon to look again after a pass that found sessions to destroy: expiries come in waves. */
    private static final long BUSY_DELAY_MILLIS = 100;
    /** The most lost replies kept to settle; beyond that the oldest are left to the claims' lease. */
    private static final int MAX_UNSETTLED = 10_000;

    private final ExpiryClaims claims;
    private final SweepLease lease;
    private final Duration interval;
    private final String name;
    private final Runnable beforeEachSweep;
    private volatile ScheduledExecutorService executor;
    private volatile boolean stopping;
    private boolean failing;
    /** Claims sent whose reply was lost: their event was not delivered. Used by the sweep thread only. */
    private final Set<String> lostClaims = new LinkedHashSet<>();
    /** Expiries delivered whose delete's reply was lost. Used by the sweep thread only. */
    private final Map<String, Delivered> lostDeletes = new LinkedHashMap<>();

    /** An expiry delivered by this node, to be deleted with what the delete needs. */
    private record Delivered(String user, EndReason reason) {
    }

    ExpirySweeper(ExpiryClaims claims, SweepLease lease, Duration interval, String name, Runnable beforeEachSweep) {
        this.claims = claims;
        this.lease = lease;
        this.interval = interval;
        this.name = name;
        this.beforeEachSweep = beforeEachSweep;
    }

    /**
     * Starts sweeping at once, then every interval, or sooner after a pass that found expired sessions.
     *
     * @param handler delivers each expired session's events; not {@code null}
     */
    synchronized void start(ExpiredSessionHandler handler) {
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
        schedule(handler, 0);
    }

    private void schedule(ExpiredSessionHandler handler, long delayMillis) {
        if (stopping) {
            return;
        }
        try {
            executor.schedule(() -> {
                boolean found = sweepSafely(handler);
                schedule(handler, found ? Math.min(BUSY_DELAY_MILLIS, interval.toMillis()) : interval.toMillis());
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /** @return whether the pass found expired sessions (this node's or another's to destroy) */
    private boolean sweepSafely(ExpiredSessionHandler handler) {
        try {
            beforeEachSweep.run();
            boolean settled = settleLostReplies(handler) > 0;
            if (!lease.acquire()) {
                return settled;
            }
            boolean found = sweep(handler) > 0 || settled;
            if (failing) {
                LOG.info("Expiry sweep of " + name + " works again");
                failing = false;
            }
            return found;
        } catch (RedisSessionException e) {
            LOG.log(failing ? Level.FINE : Level.WARNING, "Expiry sweep of " + name + " failed; expired sessions"
                    + " are destroyed once Redis answers again: " + e.getMessage());
            failing = true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Expiry sweep of " + name + " failed", e);
        }
        return false;
    }

    /**
     * Sweeps every shard once.
     *
     * @param handler delivers each expired session's events; not {@code null}
     * @return how many expired sessions the pass found: destroyed by this node or being destroyed by another
     */
    int sweep(ExpiredSessionHandler handler) {
        int found = 0;
        ExpiryClaims.Due pass = claims.dueInEveryShard(System.currentTimeMillis(), BATCH);
        List<List<String>> dueByShard = pass.byShard();
        int first = ThreadLocalRandom.current().nextInt(SessionIds.SHARDS);
        for (int i = 0; i < SessionIds.SHARDS && !stopping; i++) {
            int shard = (first + i) % SessionIds.SHARDS;
            lease.renewIfDue();
            List<String> due = dueByShard.get(shard);
            while (!due.isEmpty()) {
                List<String> order = new ArrayList<>(due);
                Collections.shuffle(order);
                for (String id : order) {
                    if (stopping) {
                        return found;
                    }
                    found += deliver(id, handler) ? 1 : 0;
                }
                due = due.size() == BATCH && !stopping ? claims.due(shard, System.currentTimeMillis(), BATCH)
                        : List.of();
            }
        }
        if (pass.unanswered() > 0) {
            throw new SessionStoreUnavailableException("find expired sessions", pass.unanswered() + " of "
                    + SessionIds.SHARDS + " expiry index shards did not answer in time (" + pass.failure()
                    + "); the others were swept", pass.failure());
        }
        return found;
    }

    /**
     * Sends again the claims and deletes whose reply was lost.
     *
     * @param handler delivers each expired session's events; not {@code null}
     * @return how many expired sessions were settled
     */
    int settleLostReplies(ExpiredSessionHandler handler) {
        int settled = 0;
        for (Map.Entry<String, Delivered> delete : List.copyOf(lostDeletes.entrySet())) {
            Delivered delivered = delete.getValue();
            if (!claims.finish(delete.getKey(), delivered.user(), delivered.reason())) {
                LOG.fine("Session [" + delete.getKey() + "] was no longer claimed by this node when its delete was"
                        + " sent again");
            }
            lostDeletes.remove(delete.getKey());
            settled++;
        }
        for (String id : List.copyOf(lostClaims)) {
            settled += deliver(id, handler) ? 1 : 0;
        }
        return settled;
    }

    /** @return whether the session had expired: this node destroyed it, or another node is doing so */
    private boolean deliver(String id, ExpiredSessionHandler handler) {
        if (lostDeletes.containsKey(id)) {
            return true;
        }
        boolean again = lostClaims.contains(id);
        ExpiryClaims.Claim claim;
        try {
            claim = claims.claim(id, again);
        } catch (RedisSessionException e) {
            remember(lostClaims, id);
            throw e;
        }
        lostClaims.remove(id);
        switch (claim.status()) {
            case CLAIMED -> {
                if (claim.session() != null) {
                    StoredSession session = claim.session();
                    if (session.maxInactiveInterval() > 0 && claim.reason() == null) {
                        claims.metrics().expiryLateness(System.currentTimeMillis() - session.deadline());
                    }
                    try {
                        handler.expired(claim.session(), claim.reason());
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Delivering the expiry of session [" + id + "] failed", e);
                    }
                }
                String user = claim.session() != null ? claim.session().user() : null;
                try {
                    claims.finish(id, user, claim.reason());
                } catch (RedisSessionException e) {
                    if (lostDeletes.size() >= MAX_UNSETTLED) {
                        lostDeletes.remove(lostDeletes.keySet().iterator().next());
                    }
                    lostDeletes.put(id, new Delivered(user, claim.reason()));
                    throw e;
                }
                return true;
            }
            case BUSY -> {
                return true;
            }
            case CORRUPT -> LOG.warning("Session [" + id + "] timed out but its metadata is unreadable; it is left"
                    + " in Redis until its TTL, without a destroy event");
            default -> {
                // LIVE or GONE: nothing to deliver here.
            }
        }
        return false;
    }

    private static void remember(Set<String> ids, String id) {
        if (ids.size() >= MAX_UNSETTLED && !ids.contains(id)) {
            ids.remove(ids.iterator().next());
        }
        ids.add(id);
    }

    /** Stops sweeping; waits for the event being delivered, if any. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            stopping = true;
            running = executor;
        }
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("Expiry sweep of " + name + " did not stop within 10 s");
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lease.release();
    }
}
