package io.redissession.redis;

import io.redissession.config.RedisSessionSettings;
import io.redissession.config.SettingSource;
import io.redissession.config.SettingsParser;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RedisTestConnection;
import java.util.List;
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
 * The near cache's reads against a real Redis, without a servlet container: a read of a cached key passes without a
 * hop to the I/O thread when the socket has nothing unread ({@link ChannelReads}), and a change another client made
 * before the read is never missed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachedReadsIT {

    private RedisServer redis;
    private RedisConnector connector;
    private RedisTestConnection writer;

    @BeforeAll
    void start() {
        redis = RedisServer.start();
        RedisSessionSettings settings = SettingsParser.parse(List.of(SettingSource.of("test", Map.of(
                "sessionNamespace", "cached-reads", "redisUri", redis.uri(), "nearCache", "on")::get)));
        connector = new RedisConnector(settings);
        writer = new RedisTestConnection(redis.port());
    }

    @AfterAll
    void stop() {
        writer.close();
        connector.close();
        redis.close();
    }

    @Test
    void aCachedReadPassesWithoutAHopWhenNothingIsUnread() {
        TrackedReads reads = connector.trackedReads();
        writer.command("HSET", "cached-reads:quiet", "field", "one");
        assertNotNull(reads.read("cached-reads:quiet", hash -> true));
        long[] before = reads.passes();
        for (int i = 0; i < 100; i++) {
            Map<String, byte[]> hash = reads.cached("cached-reads:quiet");
            assertNotNull(hash, "read " + i + " is a hit");
            assertArrayEquals("one".getBytes(), hash.get("field"));
        }
        long[] after = reads.passes();
        assertEquals(100, after[0] - before[0] + after[1] - before[1]);
        assertTrue(after[0] - before[0] >= 90, "the socket told it without a hop: " + (after[0] - before[0])
                + " of 100");
    }

    @Test
    void aChangeMadeBeforeTheReadIsNeverMissed() {
        TrackedReads reads = connector.trackedReads();
        String key = "cached-reads:changing";
        long[] before = reads.passes();
        int stale = 0;
        for (int i = 0; i < 2000; i++) {
            String value = "v" + i;
            writer.command("HSET", key, "field", value);
            Map<String, byte[]> cached = reads.cached(key);
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
