package io.redissession.metrics;

import java.util.Map;

/**
 * The JMX view of one filter, registered as {@code io.redissession:type=Sessions,namespace=<namespace>} (with
 * {@code ,context=<path>} added when two filters of one namespace share a JVM). Counts are this node's; active
 * sessions are the namespace's, cluster-wide. See {@code docs/login-control.md#metrics}.
 */
public interface SessionsMBean {

    /** @return the namespace's live sessions, cluster-wide (read from the expiry index, cached for a second) */
    long getActiveSessions();

    /** @return sessions created on this node */
    long getSessionsCreated();

    /** @return sessions this node destroyed because the application invalidated them */
    long getSessionsInvalidated();

    /** @return sessions whose expiry this node delivered */
    long getSessionsExpired();

    /** @return sessions this node ended under the duplicate-login policy */
    long getSessionsLoggedOutByPolicy();

    /** @return sessions this node ended by a forced logout */
    long getSessionsForcedLogout();

    /** @return logins recorded on this node */
    long getLogins();

    /** @return logins the {@code reject-new} policy refused on this node */
    long getLoginsRefused();

    /** @return sessions loaded on this node */
    long getSessionSizeCount();

    /** @return mean size of the sessions loaded on this node, bytes of attribute values */
    double getSessionSizeMeanBytes();

    /** @return 99th percentile of the loaded sessions' sizes, bytes (within a factor of two) */
    long getSessionSizeP99Bytes();

    /** @return largest session loaded on this node, bytes */
    long getSessionSizeMaxBytes();

    /** @return the attribute names with the largest values seen, with their size in bytes, largest first */
    Map<String, Long> getBiggestAttributes();

    /** @return Redis calls made by this node's requests and sweeps */
    long getRedisCalls();

    /** @return Redis calls that failed */
    long getRedisErrors();

    /** @return mean Redis call latency, microseconds */
    double getRedisLatencyMeanMicros();

    /** @return 99th percentile of the Redis call latency, microseconds (within a factor of two) */
    long getRedisLatencyP99Micros();

    /** @return slowest Redis call, microseconds */
    long getRedisLatencyMaxMicros();

    /** @return expiries this node delivered, for the lateness figures */
    long getExpiryLatenessCount();

    /** @return mean time from an expired session's deadline to its destroy event, milliseconds */
    double getExpiryLatenessMeanMillis();

    /** @return longest time from an expired session's deadline to its destroy event, milliseconds */
    long getExpiryLatenessMaxMillis();

    /** @return session reads this node's near cache answered without Redis (0 when it is off) */
    long getNearCacheHits();

    /** @return session reads that went to Redis while the near cache was on */
    long getNearCacheMisses();

    /** @return near cache entries dropped because their session changed */
    long getNearCacheInvalidations();

    /** @return near cache entries dropped to stay within nearCacheEntries and nearCacheBytes */
    long getNearCacheEvictions();

    /** @return times the whole near cache was dropped (reconnects, failovers, flush messages) */
    long getNearCacheFlushes();

    /** @return sessions in the near cache now */
    long getNearCacheEntries();

    /** @return estimated bytes in the near cache now */
    long getNearCacheBytes();

    /**
     * @param user the user name
     * @return how many sessions were ended
     */
    int logout(String user);

    /**
     * @param id a session id
     * @return whether this call invalidated it
     */
    boolean invalidate(String id);

    /**
     * @param user the user name
     * @return the ids of the user's live sessions, oldest login first
     */
    String[] sessionsOf(String user);

    /** @return how many users' indexes were checked and cleaned of stale entries */
    int repairUserIndexes();
}
