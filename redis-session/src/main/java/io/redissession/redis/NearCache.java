package io.redissession.redis;

import io.redissession.metrics.NearCacheStats;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The stored fields of recently read sessions, by session key, bounded in entries and bytes (least recently used
 * out first). It holds bytes as Redis returned them, never live objects: every request deserializes its own copy.
 *
 * <p>An entry is only as good as the invalidations that reach it, so the cache takes a read's reply only if nothing
 * could have changed the key since the read was sent: {@link #beginLoad} hands out a ticket, and {@link #complete}
 * keeps the reply only if no invalidation of that key and no flush happened in between. This covers the race of a
 * reply and an invalidation of the same key, in either order of arrival. {@link #flush} drops everything and
 * every ticket; it is the answer to any doubt (reconnect, failover, a flush message).
 */
final class NearCache {

    /** Fixed cost counted for an entry besides its fields: key, map node, list links. */
    static final int ENTRY_OVERHEAD = 96;
    /** Fixed cost counted per field besides its name and value bytes. */
    static final int FIELD_OVERHEAD = 48;

    /** A read in flight whose reply may be cached. */
    record Ticket(String key, long number, long epoch) {
    }

    private record Entry(Map<String, byte[]> fields, long bytes) {
    }

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Long> loading = new HashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder flushes = new LongAdder();
    /* guarded by this */
    private long bytes;
    private long epoch;
    private long tickets;

    /**
     * @param maxEntries the most sessions held, at least 1
     * @param maxBytes the most bytes held (estimated), at least 1
     */
    NearCache(int maxEntries, long maxBytes) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("bounds must be positive: " + maxEntries + " entries, " + maxBytes
                    + " bytes");
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /**
     * @param key a session key; not {@code null}
     * @return the cached fields (do not change them), or {@code null} on a miss
     */
    Map<String, byte[]> get(String key) {
        return get(key, null);
    }

    /**
     * @param key a session key; not {@code null}
     * @param usable whether the cached fields may answer this read, or {@code null} for always
     * @return the cached fields (do not change them), or {@code null} on a miss (also when they may not answer)
     */
    Map<String, byte[]> get(String key, Predicate<Map<String, byte[]>> usable) {
        Entry entry;
        synchronized (this) {
            entry = entries.get(key);
        }
        Map<String, byte[]> fields = entry == null || usable != null && !usable.test(entry.fields()) ? null
                : entry.fields();
        (fields == null ? misses : hits).increment();
        return fields;
    }

    /**
     * @param key a session key; not {@code null}
     * @return whether the key is cached, without counting a hit or a miss
     */
    synchronized boolean contains(String key) {
        return entries.containsKey(key);
    }

    /** Counts a miss: a read the cache could not answer. @return {@code null} */
    Map<String, byte[]> miss() {
        misses.increment();
        return null;
    }

    /**
     * Notes a read about to be sent; call it before sending.
     *
     * @param key the session key read; not {@code null}
     * @return the ticket to give {@link #complete} with the reply
     */
    synchronized Ticket beginLoad(String key) {
        long number = ++tickets;
        loading.put(key, number);
        return new Ticket(key, number, epoch);
    }

    /**
     * Caches a read's reply if no invalidation of its key and no flush came since its {@link #beginLoad}, and if a
     * later read of the same key has not taken over.
     *
     * @param ticket the read's ticket; not {@code null}
     * @param fields the reply; not {@code null}, not changed afterwards by the caller
     * @return whether it was cached
     */
    synchronized boolean complete(Ticket ticket, Map<String, byte[]> fields) {
        Long current = loading.get(ticket.key());
        if (current == null || current != ticket.number() || ticket.epoch() != epoch) {
            return false;
        }
        loading.remove(ticket.key());
        return store(ticket.key(), fields);
    }

    /**
     * Caches a read's reply as it arrives, on the connection's I/O thread: every invalidation sent before the reply
     * has been handled then, and none sent after it. Only a flush since the read was sent keeps it out.
     *
     * @param key the session key read; not {@code null}
     * @param fields the reply; not {@code null}, not changed afterwards by the caller
     * @param sentAt the {@link #epoch()} when the read was sent
     * @return whether it was cached
     */
    synchronized boolean putAsRead(String key, Map<String, byte[]> fields, long sentAt) {
        return sentAt == epoch && store(key, fields);
    }

    /** Holds an entry, unless it alone is over the byte bound, then evicts down to the bounds. Called locked. */
    private boolean store(String key, Map<String, byte[]> fields) {
        long size = sizeOf(key, fields);
        if (size > maxBytes) {
            return false;
        }
        Entry previous = entries.put(key, new Entry(fields, size));
        bytes += size - (previous == null ? 0 : previous.bytes());
        evictOverBounds();
        return true;
    }

    /**
     * Drops what is known of a key: its entry and any read of it in flight. For a key Redis said changed, and for
     * a key this node is about to change or just changed.
     *
     * @param key a key; keys that are not cached sessions are ignored
     */
    void invalidate(String key) {
        boolean dropped;
        synchronized (this) {
            loading.remove(key);
            Entry entry = entries.remove(key);
            dropped = entry != null;
            if (dropped) {
                bytes -= entry.bytes();
            }
        }
        if (dropped) {
            invalidations.increment();
        }
    }

    /** Drops every entry and every read in flight. */
    void flush() {
        synchronized (this) {
            epoch++;
            entries.clear();
            loading.clear();
            bytes = 0;
        }
        flushes.increment();
    }

    /** @return a number that changes at every {@link #flush} */
    synchronized long epoch() {
        return epoch;
    }

    /** @return the counts and the current size */
    NearCacheStats stats() {
        long size;
        long held;
        synchronized (this) {
            size = entries.size();
            held = bytes;
        }
        return new NearCacheStats(hits.sum(), misses.sum(), invalidations.sum(), evictions.sum(), flushes.sum(), size,
                held);
    }

    private void evictOverBounds() {
        Iterator<Entry> eldest = entries.values().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
            bytes -= eldest.next().bytes();
            eldest.remove();
            evictions.increment();
        }
    }

    /** @return the estimated bytes an entry costs: its key, field names and values, and fixed overheads */
    static long sizeOf(String key, Map<String, byte[]> fields) {
        long size = ENTRY_OVERHEAD + key.length();
        for (Map.Entry<String, byte[]> field : fields.entrySet()) {
            size += FIELD_OVERHEAD + field.getKey().length() + field.getValue().length;
        }
        return size;
    }
}
