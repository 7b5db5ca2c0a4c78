package io.redissession.redis;

import io.redissession.metrics.NearCacheStats;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NearCacheTest {

    private static final Map<String, byte[]> FIELDS = Map.of("attr:a", new byte[10]);

    @Test
    void aReplyIsCachedWhenNothingHappenedSinceItsRead() {
        NearCache cache = new NearCache(10, 1 << 20);
        assertNull(cache.get("k"));
        assertTrue(cache.complete(cache.beginLoad("k"), FIELDS));
        assertSame(FIELDS, cache.get("k"));
        NearCacheStats stats = cache.stats();
        assertEquals(1, stats.hits());
        assertEquals(1, stats.misses());
        assertEquals(1, stats.entries());
        assertEquals(NearCache.sizeOf("k", FIELDS), stats.bytes());
    }

    @Test
    void anInvalidationBeforeTheReplyIsProcessedKeepsTheReplyOut() {
        NearCache cache = new NearCache(10, 1 << 20);
        NearCache.Ticket ticket = cache.beginLoad("k");
        cache.invalidate("k");
        assertFalse(cache.complete(ticket, FIELDS), "the reply may predate the change");
        assertNull(cache.get("k"));
    }

    @Test
    void anInvalidationAfterTheReplyDropsTheEntry() {
        NearCache cache = new NearCache(10, 1 << 20);
        cache.complete(cache.beginLoad("k"), FIELDS);
        cache.invalidate("k");
        assertNull(cache.get("k"));
        assertEquals(1, cache.stats().invalidations());
        assertEquals(0, cache.stats().bytes());
    }

    @Test
    void aFlushDropsEntriesAndReadsInFlight() {
        NearCache cache = new NearCache(10, 1 << 20);
        cache.complete(cache.beginLoad("a"), FIELDS);
        NearCache.Ticket inFlight = cache.beginLoad("b");
        cache.flush();
        assertFalse(cache.complete(inFlight, FIELDS));
        assertNull(cache.get("a"));
        assertEquals(1, cache.stats().flushes());
        assertEquals(0, cache.stats().entries());
    }

    @Test
    void onlyTheLatestReadOfAKeyIsCached() {
        NearCache cache = new NearCache(10, 1 << 20);
        NearCache.Ticket first = cache.beginLoad("k");
        NearCache.Ticket second = cache.beginLoad("k");
        assertFalse(cache.complete(first, FIELDS));
        assertTrue(cache.complete(second, FIELDS));
    }

    @Test
    void theLeastRecentlyUsedGoFirstToStayWithinEntries() {
        NearCache cache = new NearCache(2, 1 << 20);
        cache.complete(cache.beginLoad("a"), FIELDS);
        cache.complete(cache.beginLoad("b"), FIELDS);
        cache.get("a");
        cache.complete(cache.beginLoad("c"), FIELDS);
        assertNull(cache.get("b"), "least recently used");
        assertSame(FIELDS, cache.get("a"));
        assertSame(FIELDS, cache.get("c"));
        assertEquals(1, cache.stats().evictions());
    }

    @Test
    void entriesGoToStayWithinBytesAndTooBigOnesAreNotKept() {
        long one = NearCache.sizeOf("a", Map.of("attr:a", new byte[1000]));
        NearCache cache = new NearCache(100, one * 2);
        for (String key : new String[] {"a", "b", "c"}) {
            cache.complete(cache.beginLoad(key), Map.of("attr:a", new byte[1000]));
        }
        assertEquals(2, cache.stats().entries());
        assertEquals(one * 2, cache.stats().bytes());
        assertNull(cache.get("a"));
        assertFalse(cache.complete(cache.beginLoad("huge"), Map.of("attr:a", new byte[5000])));
        assertEquals(2, cache.stats().entries());
    }

    @Test
    void boundsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new NearCache(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new NearCache(10, 0));
    }
}
