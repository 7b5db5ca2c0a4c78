package io.redissession.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets request threads wait out a failover: a call that fails because Redis is unreachable or not serving yet is
 * sent again, every {@link #PAUSE}, until it succeeds or {@code failoverWait} has passed since the outage began.
 * The bound counts from the start of the outage, not from each request's start, so a long outage holds each
 * request at most that long and, once it is over, fails requests at once (each still tries once) until Redis
 * answers again. An outage ends when a call succeeds, or when no call failed for a while ({@code quiet}). A call is
 * sent again only if that is harmless: after a failure that proves it did not run, or for calls whose second run
 * changes nothing more than the first ({@link Policy}).
 */
final class FailoverWait {

    private static final Logger LOG = Logger.getLogger(FailoverWait.class.getName());

    /** The pause between two attempts of a waiting request. */
    static final Duration PAUSE = Duration.ofMillis(100);
    /** At most one warning per this interval for the start of an outage; the others go to FINE. */
    private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

    /** When a call may be waited out and sent again. */
    enum Policy {
        /** Never: background work, which runs again later anyway. */
        FAIL_FAST,
        /** After failures that prove the call did not run: calls whose second run would differ from the first. */
        IF_NOT_RUN,
        /** After any failover failure: calls whose second run changes nothing more than the first. */
        ALWAYS
    }

    private final long waitNanos;
    private final long quietNanos;
    private final Consumer<RuntimeException> onFailover;
    /** When the current outage began ({@link System#nanoTime}), or 0 when Redis answers. */
    private final AtomicLong outageSince = new AtomicLong();
    /** When a call last failed ({@link System#nanoTime}). */
    private volatile long lastFailure;
    /** When the start of an outage was last logged as a warning ({@link System#nanoTime}), or 0. */
    private volatile long lastOutageWarning;
    private final AtomicInteger waitingCalls = new AtomicInteger();

    /**
     * @param wait how long calls wait from the start of an outage; zero: not at all
     * @param quiet how long without a failure ends an outage even if no call succeeded (calls may be rare); longer
     *        than one attempt can take
     * @param onFailover told of every failover failure, to look for the new master; not {@code null}
     */
    FailoverWait(Duration wait, Duration quiet, Consumer<RuntimeException> onFailover) {
        this.waitNanos = wait.toNanos();
        this.quietNanos = quiet.toNanos();
        this.onFailover = onFailover;
    }

    /**
     * @return what {@code call} returned on its first successful attempt
     * @throws RuntimeException the failure of the last attempt, when it cannot or may no longer be sent again
     */
    <T> T call(Policy policy, Supplier<T> call) {
        long deadline = 0;
        boolean waiting = false;
        try {
            while (true) {
                T result;
                try {
                    result = call.get();
                } catch (RuntimeException failure) {
                    RedisFailures.Kind kind = RedisFailures.classify(failure);
                    if (kind == RedisFailures.Kind.OTHER || policy == Policy.FAIL_FAST) {
                        throw failure;
                    }
                    long now = System.nanoTime();
                    long since = outageBegan(now, failure);
                    onFailover.accept(failure);
                    if (!waiting) {
                        // fixed at the first failure: later outages (another shard, a new start) never extend it
                        deadline = since + waitNanos;
                    }
                    long left = deadline - now;
                    if ((kind == RedisFailures.Kind.MAYBE_RUN && policy != Policy.ALWAYS) || left <= 0) {
                        throw failure;
                    }
                    if (!waiting) {
                        waiting = true;
                        waitingCalls.incrementAndGet();
                    }
                    pause(Math.min(left, PAUSE.toNanos()), failure);
                    continue;
                }
                answered();
                return result;
            }
        } finally {
            if (waiting) {
                waitingCalls.decrementAndGet();
            }
        }
    }

    private long outageBegan(long now, RuntimeException failure) {
        long previous = lastFailure;
        lastFailure = now;
        long since = outageSince.get();
        if (since != 0 && now - previous < quietNanos) {
            return since;
        }
        long began = now == 0 ? 1 : now;
        if (outageSince.compareAndSet(since, began)) {
            long lastWarning = lastOutageWarning;
            boolean warn = lastWarning == 0 || now - lastWarning > WARNING_INTERVAL.toNanos();
            if (warn) {
                lastOutageWarning = began;
            }
            LOG.log(warn ? Level.WARNING : Level.FINE, () -> "Redis is unreachable or failing over ("
                    + failure.getMessage() + "); requests wait up to " + Duration.ofNanos(waitNanos).toMillis()
                    + " ms (setting failoverWait) for it to answer again" + (warn ? "" : " (again)"));
            return began;
        }
        long current = outageSince.get();
        return current == 0 ? began : current;
    }

    private void answered() {
        long since = outageSince.get();
        if (since != 0 && outageSince.compareAndSet(since, 0)) {
            long millis = Duration.ofNanos(System.nanoTime() - since).toMillis();
            LOG.log(millis >= 1000 ? Level.INFO : Level.FINE, () -> "Redis answers again, " + millis
                    + " ms after the first failure");
        }
    }

    private static void pause(long nanos, RuntimeException failure) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    /** @return how many calls are waiting for Redis now */
    int waitingCalls() {
        return waitingCalls.get();
    }
}
