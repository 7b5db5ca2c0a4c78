package io.redissession.metrics;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The counts and measures of one filter (one node of a namespace), fed by the request and Redis paths and read by
 * {@link SessionsMBean} and the Micrometer binder. Counts are of this node; {@link #activeSessions()} is the
 * namespace's, cluster-wide. Thread-safe, lock-free on the recording side.
 */
public final class SessionMetrics {

    /** How many attribute names the size ranking keeps. */
    private static final int MAX_ATTRIBUTE_NAMES = 1000;

    private final String namespace;
    private final String node;
    private final LongSupplier activeSessions;
    private final LongAdder created = new LongAdder();
    private final LongAdder invalidated = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder loggedOut = new LongAdder();
    private final LongAdder forcedLogout = new LongAdder();
    private final LongAdder logins = new LongAdder();
    private final LongAdder loginsRefused = new LongAdder();
    private final LongAdder redisErrors = new LongAdder();
    private final Histogram sessionBytes = new Histogram();
    private final Histogram redisMicros = new Histogram();
    private final Histogram expiryLatenessMillis = new Histogram();
    private final Map<String, LongAccumulator> attributeBytes = new ConcurrentHashMap<>();
    private volatile Supplier<NearCacheStats> nearCache = () -> NearCacheStats.NONE;

    /**
     * @param namespace the session namespace; not {@code null}
     * @param node the name of the filter's node; not {@code null}
     * @param activeSessions reads the namespace's live sessions from Redis (cheap, cached by the caller)
     */
    public SessionMetrics(String namespace, String node, LongSupplier activeSessions) {
        this.namespace = namespace;
        this.node = node;
        this.activeSessions = activeSessions;
    }

    /** @return the session namespace */
    public String namespace() {
        return namespace;
    }

    /** @return the name of the filter's node */
    public String node() {
        return node;
    }

    /** @param stats reads the near cache's counts and size; not {@code null} */
    public void nearCache(Supplier<NearCacheStats> stats) {
        this.nearCache = stats;
    }

    /** @return the near cache's counts and size; all zero when it is off */
    public NearCacheStats nearCache() {
        return nearCache.get();
    }

    /** A session was created on this node. */
    public void sessionCreated() {
        created.increment();
    }

    /** @param reason why this node destroyed a session: its destroy event fired here */
    public void destroyed(DestroyReason reason) {
        switch (reason) {
            case INVALIDATED -> invalidated.increment();
            case EXPIRED -> expired.increment();
            case LOGGED_OUT -> loggedOut.increment();
            case FORCED_LOGOUT -> forcedLogout.increment();
        }
    }

    /** A session logged in as a user. */
    public void login() {
        logins.increment();
    }

    /** A login was refused by the {@code reject-new} policy. */
    public void loginRefused() {
        loginsRefused.increment();
    }

    /** @param attributes a loaded session's attributes: name to serialized value */
    public void sessionLoaded(Map<String, byte[]> attributes) {
        sessionLoaded(attributes, Map.of());
    }

    /**
     * @param attributes the serialized attributes a load brought
     * @param largeSizes the sizes of the large values it named without bringing them
     */
    public void sessionLoaded(Map<String, byte[]> attributes, Map<String, Integer> largeSizes) {
        long total = 0;
        for (Map.Entry<String, byte[]> attribute : attributes.entrySet()) {
            total += attributeSize(attribute.getKey(), attribute.getValue().length);
        }
        for (Map.Entry<String, Integer> attribute : largeSizes.entrySet()) {
            total += attributeSize(attribute.getKey(), attribute.getValue());
        }
        sessionBytes.record(total);
    }

    private int attributeSize(String name, int size) {
        LongAccumulator biggest = attributeBytes.get(name);
        if (biggest == null && attributeBytes.size() < MAX_ATTRIBUTE_NAMES) {
            biggest = attributeBytes.computeIfAbsent(name, n -> new LongAccumulator(Math::max, 0));
        }
        if (biggest != null && biggest.get() < size) {
            biggest.accumulate(size);
        }
        return size;
    }

    /**
     * @param micros how long a Redis call took, in microseconds
     * @param failed whether it failed
     */
    public void redisCall(long micros, boolean failed) {
        redisMicros.record(micros);
        if (failed) {
            redisErrors.increment();
        }
    }

    /** @param millis how long after its deadline an expired session's destroy event fired */
    public void expiryLateness(long millis) {
        expiryLatenessMillis.record(millis);
    }

    /** @return the namespace's live sessions, cluster-wide */
    public long activeSessions() {
        return activeSessions.getAsLong();
    }

    /** @return sessions created on this node */
    public long createdCount() {
        return created.sum();
    }

    /**
     * @param reason a reason; not {@code null}
     * @return sessions destroyed on this node for that reason
     */
    public long destroyedCount(DestroyReason reason) {
        return switch (reason) {
            case INVALIDATED -> invalidated.sum();
            case EXPIRED -> expired.sum();
            case LOGGED_OUT -> loggedOut.sum();
            case FORCED_LOGOUT -> forcedLogout.sum();
        };
    }

    /** @return logins recorded on this node */
    public long logins() {
        return logins.sum();
    }

    /** @return logins refused on this node */
    public long loginsRefused() {
        return loginsRefused.sum();
    }

    /** @return Redis calls that failed on this node */
    public long redisErrors() {
        return redisErrors.sum();
    }

    /** @return sizes of the sessions loaded on this node, in bytes */
    public Histogram sessionBytes() {
        return sessionBytes;
    }

    /** @return latencies of this node's Redis calls, in microseconds */
    public Histogram redisMicros() {
        return redisMicros;
    }

    /** @return lateness of the expiries this node delivered, in milliseconds */
    public Histogram expiryLatenessMillis() {
        return expiryLatenessMillis;
    }

    /**
     * @param limit how many names
     * @return the attribute names with the largest serialized value seen on this node, largest first, with it
     */
    public Map<String, Long> biggestAttributes(int limit) {
        Map<String, Long> top = new LinkedHashMap<>();
        attributeBytes.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, LongAccumulator> e) -> e.getValue().get())
                        .reversed())
                .limit(limit)
                .forEach(e -> top.put(e.getKey(), e.getValue().get()));
        return top;
    }

    /** Why a session was destroyed on this node. */
    public enum DestroyReason {
        /** Invalidated by the application, or by id from JMX or the operator tool. */
        INVALIDATED,
        /** Timed out; this node delivered the expiry. */
        EXPIRED,
        /** Ended by the duplicate-login policy. */
        LOGGED_OUT,
        /** Its user was logged out everywhere. */
        FORCED_LOGOUT
    }
}
