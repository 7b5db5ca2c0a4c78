package io.redissession.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisEndpointTest {

    @Test
    void parsesPlainHostWithDefaults() {
        RedisEndpoint endpoint = RedisEndpoint.parse("redis://cache.internal");
        assertEquals("cache.internal", endpoint.hosts().get(0).host());
        assertEquals(RedisEndpoint.DEFAULT_PORT, endpoint.hosts().get(0).port());
        assertEquals(0, endpoint.database());
        assertFalse(endpoint.tls());
        assertNull(endpoint.password());
    }

    @Test
    void parsesUserPasswordDatabaseAndTls() {
        RedisEndpoint endpoint = RedisEndpoint.parse("rediss://app:s%40cret@10.0.0.5:6380/3");
        assertTrue(endpoint.tls());
        assertEquals("app", endpoint.username());
        assertArrayEquals("s@cret".toCharArray(), endpoint.password());
        assertEquals(6380, endpoint.hosts().get(0).port());
        assertEquals(3, endpoint.database());
        assertEquals("rediss://app:****@10.0.0.5:6380/3", endpoint.toString());
    }

    @Test
    void passwordWithoutUserIsTheDefaultUsersPassword() {
        RedisEndpoint endpoint = RedisEndpoint.parse("redis://:pw@127.0.0.1:7000");
        assertNull(endpoint.username());
        assertArrayEquals("pw".toCharArray(), endpoint.password());
    }

    @Test
    void parsesIpv6Hosts() {
        RedisEndpoint endpoint = RedisEndpoint.parse("redis://[::1]:7001");
        assertEquals("::1", endpoint.hosts().get(0).host());
        assertEquals(7001, endpoint.hosts().get(0).port());
    }

    @Test
    void parsesSentinelUris() {
        RedisEndpoint endpoint = RedisEndpoint.parse("redis-sentinel://app:pw@s1:26379,s2:26380,[::1]:26381/2#shop");
        assertEquals(RedisEndpoint.Topology.SENTINEL, endpoint.topology());
        assertEquals("shop", endpoint.masterName());
        assertEquals(3, endpoint.hosts().size());
        assertEquals("::1", endpoint.hosts().get(2).host());
        assertEquals(2, endpoint.database());
        assertEquals("redis-sentinel://app:****@s1:26379,s2:26380,[::1]:26381/2#shop", endpoint.toString());
        assertTrue(RedisEndpoint.parse("rediss-sentinel://s1:26379#m").tls());
    }

    @Test
    void parsesClusterUris() {
        RedisEndpoint endpoint = RedisEndpoint.parse("redis-cluster://n1:7000,n2:7001");
        assertEquals(RedisEndpoint.Topology.CLUSTER, endpoint.topology());
        assertEquals(2, endpoint.hosts().size());
        assertNull(endpoint.masterName());
        assertEquals("redis-cluster://n1:7000,n2:7001", endpoint.toString());
        assertTrue(RedisEndpoint.parse("rediss-cluster://n1:7000").tls());
        assertEquals(RedisEndpoint.Topology.STANDALONE, RedisEndpoint.parse("redis://h").topology());
    }

    @Test
    void rejectsBadUrisNamingTheSettingWithoutThePassword() {
        for (String bad : new String[] {"localhost:7000", "http://x", "redis://", "redis://h:0",
                "redis://h:99999", "redis://h/abc", "redis://h1,h2", "redis://[::1", "redis://h?x=1",
                "redis-sentinel://s1:26379", "redis-sentinel://s1:26379#", "redis://h#m", "redis-cluster://n1/1",
                "redis-cluster://n1:7000#m", "redis-clusters://n1", "sentinel://s1#m"}) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> RedisEndpoint.parse(bad),
                    bad);
            assertEquals("redisUri", e.getSetting());
        }
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> RedisEndpoint.parse("redis://u:topsecret@h:x"));
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
        assertTrue(e.getMessage().contains("redis://u:****@h:x"), e.getMessage());
    }
}
