package io.redissession.redis;

import io.redissession.testkit.RedisTestConnection;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The near cache's reads against a real Redis, without a servlet container, over plain TCP and over TLS: a read of
 * a cached key passes without a hop to the I/O thread when the socket has nothing unread ({@link ChannelReads}),
 * and a change another client made before the read is never missed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachedReadsIT {

    private PlainAndTlsRedis redis;
    private RedisConnector plain;
    private RedisConnector tls;
    private RedisTestConnection writer;

    @BeforeAll
    void start() {
        redis = new PlainAndTlsRedis();
        Map<String, String> settings = Map.of("sessionNamespace", "cached-reads", "nearCache", "on");
        plain = redis.plain(settings);
        tls = redis.tls(settings);
        writer = new RedisTestConnection(redis.server().port());
    }

    @AfterAll
    void stop() {
        writer.close();
        plain.close();
        tls.close();
        redis.close();
    }

    @Test
    void aCachedReadPassesWithoutAHopWhenNothingIsUnread() {
        passesWithoutAHop(plain, "cached-reads:quiet");
    }

    @Test
    void aCachedReadPassesWithoutAHopOverTlsToo() {
        passesWithoutAHop(tls, "cached-reads:quiet-tls");
    }

    @Test
    void aChangeMadeBeforeTheReadIsNeverMissed() {
        neverStale(plain, "cached-reads:changing");
    }

    @Test
    void aChangeMadeBeforeTheReadIsNeverMissedOverTlsToo() {
        neverStale(tls, "cached-reads:changing-tls");
    }

    private void passesWithoutAHop(RedisConnector connector, String key) {
        TrackedReads reads = connector.trackedReads();
        writer.command("HSET", key, "field", "one");
        assertNotNull(reads.read(key, hash -> true));
        long[] before = reads.passes();
        for (int i = 0; i < 100; i++) {
            Map<String, byte[]> hash = reads.cached(key, null);
            assertNotNull(hash, "read " + i + " is a hit");
            assertArrayEquals("one".getBytes(), hash.get("field"));
        }
        long[] after = reads.passes();
        assertEquals(100, after[0] - before[0] + after[1] - before[1]);
        assertTrue(after[0] - before[0] >= 90, "the socket told it without a hop: " + (after[0] - before[0])
                + " of 100");
    }

    private void neverStale(RedisConnector connector, String key) {
        TrackedReads reads = connector.trackedReads();
        long[] before = reads.passes();
        int stale = 0;
        for (int i = 0; i < 2000; i++) {
            String value = "v" + i;
            writer.command("HSET", key, "field", value);
            Map<String, byte[]> cached = reads.cached(key, null);
            if (cached != null && !value.equals(new String(cached.get("field")))) {
                stale++;
            }
            reads.read(key, hash -> true);
        }
        long[] after = reads.passes();
        assertEquals(0, stale, "stale reads of 2,000 after a write by another client; the invalidation was still "
                + "unread at " + (after[0] - before[0] + after[1] - before[1]) + " of them");
    }
}
