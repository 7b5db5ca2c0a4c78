package io.redissession.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterNodesIT {

    private static RedisClusterNodes cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterNodes.start(3, 1);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
            cluster.nodes().forEach(node -> assertFalse(node.isRunning()));
        }
    }

    @Test
    @Order(1)
    void threeMastersServeAllSlotsWithOneReplicaEach() {
        List<RedisServer> masters = cluster.masters();
        assertEquals(3, masters.size());
        assertEquals(3, cluster.replicas().size());
        assertEquals(6, cluster.nodes().size());
        assertEquals(masters.stream().map(m -> "127.0.0.1:" + m.port()).collect(Collectors.joining(",", "redis-cluster://", "")),
                cluster.seedUri());
        for (RedisServer node : cluster.nodes()) {
            try (RedisTestConnection connection = node.connect()) {
                Map<String, String> info = clusterInfo(connection);
                assertEquals("ok", info.get("cluster_state"), node::toString);
                assertEquals("16384", info.get("cluster_slots_assigned"));
                assertEquals("6", info.get("cluster_known_nodes"));
                assertEquals("3", info.get("cluster_size"));
            }
        }
        assertSame(masters.get(0), cluster.nodeForSlot(0));
        assertSame(masters.get(1), cluster.nodeForSlot(5461));
        assertSame(masters.get(2), cluster.nodeForSlot(16383));
        assertThrows(IllegalArgumentException.class, () -> cluster.nodeForSlot(16384));
    }

    @Test
    @Order(2)
    void aKeyWrittenThroughTheOwnerOfItsSlotReadsBack() {
        for (String key : List.of("session:a", "session:b", "{user}:1", "{user}:2", "zzz")) {
            RedisServer owner = cluster.nodeForSlot(RedisClusterNodes.slot(key));
            try (RedisTestConnection connection = owner.connect()) {
                assertEquals("OK", connection.command("SET", key, "value of " + key));
                assertEquals("value of " + key, connection.string("GET", key));
            }
            RedisServer other = cluster.masters().stream().filter(m -> m != owner).findFirst().orElseThrow();
            try (RedisTestConnection connection = other.connect()) {
                RedisErrorReply moved = assertThrows(RedisErrorReply.class, () -> connection.command("GET", key));
                assertEquals("MOVED " + RedisClusterNodes.slot(key) + " 127.0.0.1:" + owner.port(), moved.getMessage());
            }
        }
    }

    @Test
    @Order(3)
    void slotAgreesWithClusterKeyslot() {
        List<String> keys = new ArrayList<>(List.of("", "a", "foo", "hello", "123456789", "{user1000}.following",
                "{user1000}.followers", "foo{}{bar}", "foo{{bar}}zap", "foo{bar}{zap}", "{}", "{", "}", "}{", "{a}",
                "x{a", "x}a{b}", "rs:{Zm9vYmFy}:s", "héllo wörld", "日本語{キー}", "emoji \uD83D\uDE00", "{{}}"));
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            StringBuilder key = new StringBuilder();
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                key.append("ab{}:xyz0129é".charAt(random.nextInt(13)));
            }
            keys.add(key.toString());
        }
        try (RedisTestConnection connection = cluster.nodes().get(0).connect()) {
            for (String key : keys) {
                assertEquals(connection.integer("CLUSTER", "KEYSLOT", key), RedisClusterNodes.slot(key), () -> "key [" + key + "]");
            }
        }
    }

    @Test
    @Order(4)
    void killingAMasterPromotesItsReplicaWhichServesItsSlotsAgain() {
        String key = "failover:{b}";
        int slot = RedisClusterNodes.slot(key);
        RedisServer owner = cluster.nodeForSlot(slot);
        int index = cluster.masters().indexOf(owner);
        try (RedisTestConnection connection = owner.connect()) {
            connection.command("SET", key, "before");
            assertEquals(1L, connection.integer("WAIT", "1", "5000"));
        }
        List<RedisServer> replicasBefore = cluster.replicas();
        RedisServer killed = cluster.killMaster(index);
        assertSame(owner, killed);
        assertFalse(killed.isRunning());
        assertThrows(IllegalStateException.class, () -> cluster.nodeForSlot(slot));
        long start = System.nanoTime();
        RedisServer promoted = cluster.awaitFailover(Duration.ofSeconds(25));
        System.out.printf("Redis %s: cluster failover took %d ms%n", promoted.version(), Duration.ofNanos(System.nanoTime() - start).toMillis());
        assertNotSame(killed, promoted);
        assertTrue(replicasBefore.contains(promoted));
        assertSame(promoted, cluster.nodeForSlot(slot));
        assertSame(promoted, cluster.masters().get(index));
        assertEquals(3, cluster.masters().size());
        assertEquals(2, cluster.replicas().size());
        try (RedisTestConnection connection = promoted.connect()) {
            assertEquals("before", connection.string("GET", key));
            connection.command("SET", key, "after");
            assertEquals("after", connection.string("GET", key));
        }
        for (RedisServer node : cluster.nodes()) {
            if (node.isRunning()) {
                try (RedisTestConnection connection = node.connect()) {
                    assertEquals("ok", clusterInfo(connection).get("cluster_state"), node::toString);
                }
            }
        }
    }

    private static Map<String, String> clusterInfo(RedisTestConnection connection) {
        return connection.string("CLUSTER", "INFO").lines().filter(line -> line.contains(":"))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(':')), line -> line.substring(line.indexOf(':') + 1).trim()));
    }
}
