package io.redissession.metrics;

/**
 * What one node's near cache did since the filter started, and what it holds now.
 *
 * @param hits reads answered from the cache, without a round trip
 * @param misses reads that went to Redis while the cache was on
 * @param invalidations entries dropped because Redis said their key changed, or because this node changed it
 * @param evictions entries dropped to stay within the entry and byte bounds, least recently used first
 * @param flushes times the whole cache was dropped: a reconnect, a failover, a flush message, any doubt
 * @param entries sessions held now
 * @param bytes estimated bytes held now (field names and values plus a fixed overhead per entry and field)
 */
public record NearCacheStats(long hits, long misses, long invalidations, long evictions, long flushes, long entries,
        long bytes) {

    /** The figures of a node without a near cache. */
    public static final NearCacheStats NONE = new NearCacheStats(0, 0, 0, 0, 0, 0, 0);
}
