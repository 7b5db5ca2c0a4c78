package io.redissession.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The slot function and argument checks; {@link RedisClusterNodesIT} compares the slots with CLUSTER KEYSLOT. */
class RedisClusterNodesTest {

    @Test
    void crc16IsTheXmodemVariant() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x31C3, KeySlots.crc16(check, 0, check.length));
    }

    @Test
    void slotsMatchWhatRedisReplied() {
        // CLUSTER KEYSLOT of Redis 6.2.11 and 7.0.15
        assertEquals(0, RedisClusterNodes.slot(""));
        assertEquals(12182, RedisClusterNodes.slot("foo"));
        assertEquals(866, RedisClusterNodes.slot("hello"));
        assertEquals(12739, RedisClusterNodes.slot("123456789"));
        assertEquals(3443, RedisClusterNodes.slot("{user1000}.following"));
        assertEquals(8363, RedisClusterNodes.slot("foo{}{bar}"));
        assertEquals(4015, RedisClusterNodes.slot("foo{{bar}}zap"));
        assertEquals(5061, RedisClusterNodes.slot("foo{bar}{zap}"));
        assertEquals(11061, RedisClusterNodes.slot("héllo"));
    }

    @Test
    void onlyANonEmptyHashTagIsHashed() {
        assertEquals(RedisClusterNodes.slot("user1000"), RedisClusterNodes.slot("{user1000}.followers"));
        assertEquals(RedisClusterNodes.slot("bar"), RedisClusterNodes.slot("foo{bar}{zap}"));
        assertEquals(RedisClusterNodes.slot("{bar"), RedisClusterNodes.slot("foo{{bar}}zap"));
        assertEquals(KeySlots.crc16("foo{}{bar}".getBytes(StandardCharsets.US_ASCII), 0, 10) % 16384,
                RedisClusterNodes.slot("foo{}{bar}"));
        assertEquals(KeySlots.crc16("x{a".getBytes(StandardCharsets.US_ASCII), 0, 3) % 16384, RedisClusterNodes.slot("x{a"));
    }

    @Test
    void startRejectsImpossibleCounts() {
        assertEquals("start: masters [0] must be at least 1",
                assertThrows(IllegalArgumentException.class, () -> RedisClusterNodes.start(0, 1)).getMessage());
        assertEquals("start: replicasPerMaster [-1] must be at least 0",
                assertThrows(IllegalArgumentException.class, () -> RedisClusterNodes.start(3, -1)).getMessage());
    }
}
