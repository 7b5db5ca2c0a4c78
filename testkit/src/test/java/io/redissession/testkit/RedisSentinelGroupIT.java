package io.redissession.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisSentinelGroupIT {

    private static RedisSentinelGroup group;
    private static List<RedisServer> servers;

    @BeforeAll
    static void startGroup() {
        group = RedisSentinelGroup.start("session-master");
        servers = List.of(group.master(), group.replicas().get(0));
    }

    @AfterAll
    static void stopGroup() {
        if (group != null) {
            group.close();
            group.sentinels().forEach(sentinel -> assertFalse(sentinel.isRunning()));
            servers.forEach(server -> assertFalse(server.isRunning()));
        }
    }

    @Test
    @Order(1)
    void sentinelsMonitorTheMasterAndItsReplica() {
        assertEquals("session-master", group.masterName());
        assertEquals(3, group.sentinels().size());
        assertEquals(1, group.replicas().size());
        RedisServer master = group.master();
        assertNotSame(master, group.replicas().get(0));
        for (RedisServer sentinel : group.sentinels()) {
            try (RedisTestConnection connection = sentinel.connect()) {
                assertEquals("sentinel", connection.info("server").get("redis_mode"));
                assertEquals(List.of("127.0.0.1", Integer.toString(master.port())),
                        Replies.texts(connection.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "session-master")));
            }
        }
        try (RedisTestConnection connection = group.replicas().get(0).connect()) {
            assertEquals("slave", connection.info("replication").get("role"));
        }
    }

    @Test
    @Order(2)
    void sentinelUriListsTheSentinelsAndTheMasterName() {
        List<RedisServer> sentinels = group.sentinels();
        assertEquals("redis-sentinel://127.0.0.1:" + sentinels.get(0).port() + ",127.0.0.1:" + sentinels.get(1).port()
                + ",127.0.0.1:" + sentinels.get(2).port() + "#session-master", group.sentinelUri());
    }

    @Test
    @Order(3)
    void aWriteOnTheMasterReachesTheReplica() {
        try (RedisTestConnection master = group.master().connect(); RedisTestConnection replica = group.replicas().get(0).connect()) {
            master.command("SET", "sentinel:key", "v1");
            assertEquals(1L, master.integer("WAIT", "1", "5000"));
            assertEquals("v1", replica.string("GET", "sentinel:key"));
        }
    }

    @Test
    @Order(4)
    void killingTheMasterPromotesTheReplica() {
        RedisServer replica = group.replicas().get(0);
        RedisServer killed = group.killMaster();
        assertFalse(killed.isRunning());
        long start = System.nanoTime();
        RedisServer promoted = group.awaitFailover(Duration.ofSeconds(25));
        System.out.printf("Redis %s: sentinel failover took %d ms%n", promoted.version(), Duration.ofNanos(System.nanoTime() - start).toMillis());
        assertSame(replica, promoted);
        assertSame(promoted, group.master());
        assertTrue(group.replicas().isEmpty());
        try (RedisTestConnection connection = promoted.connect()) {
            assertEquals("master", connection.info("replication").get("role"));
            assertEquals("v1", connection.string("GET", "sentinel:key"));
            connection.command("SET", "sentinel:key", "v2");
            assertEquals("v2", connection.string("GET", "sentinel:key"));
        }
        for (RedisServer sentinel : group.sentinels()) {
            try (RedisTestConnection connection = sentinel.connect()) {
                assertNotEquals(Integer.toString(killed.port()),
                        Replies.texts(connection.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "session-master")).get(1));
            }
        }
    }
}
