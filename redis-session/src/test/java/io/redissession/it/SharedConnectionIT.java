package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisClusterNodes;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RedisTestConnection;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command of a filter goes through one multiplexed connection per Redis node (plus one subscriber): however
 * many requests run at once, a flushed script cache is refilled, a connection that died with its server is
 * replaced without failing a request, and a slot moved to another master is followed.
 */
class SharedConnectionIT {

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() {
        List<AutoCloseable> newestFirst = new ArrayList<>(resources);
        Collections.reverse(newestFirst);
        ProbeApp.closeAll(newestFirst);
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    private String start(RedisServer redis, String namespace) {
        ServletContainer tomcat = track(ProbeApp.start("tomcat", ProbeApp.spec("/app", redis,
                Map.of("sessionNamespace", namespace, "connectTimeout", "300ms"))));
        return tomcat.baseUrl() + "/app/probe/";
    }

    @Test
    void concurrentRequestsShareOneConnection() throws Exception {
        RedisServer redis = track(RedisServer.start());
        String base = start(redis, "shared");
        List<Browser> users = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Browser user = new Browser();
            assertEquals(200, user.get(base + "create?name=n&value=" + i).status());
            users.add(user);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> replies = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (Browser user : users) {
                    replies.add(pool.submit(() -> user.get(base + "set?name=m&value=x").status()));
                }
            }
            for (Future<Integer> reply : replies) {
                assertEquals(200, reply.get());
            }
        } finally {
            pool.shutdownNow();
        }
        try (RedisTestConnection admin = redis.connect()) {
            List<String> clients = RedisClients.filterClients(admin);
            assertEquals(2, clients.size(), "one command connection and one subscriber: " + clients);
        }
    }

    @Test
    void aFlushedScriptCacheIsRefilled() {
        RedisServer redis = track(RedisServer.start());
        String base = start(redis, "flushed");
        Browser browser = new Browser();
        assertEquals("counter=1", browser.get(base + "counter").body().trim());
        try (RedisTestConnection admin = redis.connect()) {
            admin.command("SCRIPT", "FLUSH");
        }
        assertEquals("counter=2", browser.get(base + "counter").body().trim());
        assertEquals("counter=3", browser.get(base + "counter").body().trim());
    }

    @Test
    void aConnectionThatDiedWithItsServerIsReplacedWithoutFailingARequest() {
        RedisServer redis = track(RedisServer.start());
        String base = start(redis, "restart");
        Browser browser = new Browser();
        assertEquals(200, browser.get(base + "create?name=a&value=1").status());
        redis.stop();
        redis.restart();
        Browser fresh = new Browser();
        assertEquals(200, fresh.get(base + "create?name=b&value=2").status(),
                "the request waits for the reconnection instead of failing");
        assertEquals("2", ProbeApp.parse(fresh.get(base + "info")).get("attr.b"));
    }

    @Test
    void aSlotMovedToAnotherMasterIsFollowed() {
        RedisClusterNodes cluster = track(RedisClusterNodes.start(3, 0));
        ServletContainer tomcat = track(ProbeApp.start("tomcat", ProbeApp.spec("/app", cluster.seedUri(),
                Map.of("sessionNamespace", "moved"))));
        String base = tomcat.baseUrl() + "/app/probe/";
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(base + "create?name=a&value=1")).get("id");
        int slot = RedisClusterNodes.slot(ProbeApp.sessionKey("moved", id));
        RedisServer from = cluster.nodeForSlot(slot);
        RedisServer to = cluster.masters().stream().filter(node -> node != from).findFirst().orElseThrow();
        moveSlot(cluster, slot, from, to);

        assertEquals(200, browser.get(base + "set?name=b&value=2").status(),
                "MOVED from the old master: the script runs on the new one");
        Map<String, String> info = ProbeApp.parse(browser.get(base + "info"));
        assertEquals("1", info.get("attr.a"));
        assertEquals("2", info.get("attr.b"));
        try (RedisTestConnection admin = to.connect()) {
            long before = RedisClients.scriptCalls(admin);
            browser.get(base + "set?name=c&value=3");
            assertTrue(RedisClients.scriptCalls(admin) > before, "the session's scripts run on the new master");
        }
    }

    /** Moves a slot and its keys between masters, as {@code redis-cli --cluster reshard} does. */
    private static void moveSlot(RedisClusterNodes cluster, int slot, RedisServer from, RedisServer to) {
        try (RedisTestConnection source = from.connect(); RedisTestConnection target = to.connect()) {
            String fromId = source.string("CLUSTER", "MYID");
            String toId = target.string("CLUSTER", "MYID");
            target.command("CLUSTER", "SETSLOT", String.valueOf(slot), "IMPORTING", fromId);
            source.command("CLUSTER", "SETSLOT", String.valueOf(slot), "MIGRATING", toId);
            @SuppressWarnings("unchecked")
            List<Object> keys = (List<Object>) source.command("CLUSTER", "GETKEYSINSLOT", String.valueOf(slot),
                    "100");
            List<String> migrate = new ArrayList<>(List.of("MIGRATE", to.host(), String.valueOf(to.port()), "", "0",
                    "5000", "KEYS"));
            keys.forEach(key -> migrate.add(new String((byte[]) key, StandardCharsets.UTF_8)));
            source.command(migrate.toArray(new String[0]));
            for (RedisServer master : cluster.masters()) {
                try (RedisTestConnection node = master.connect()) {
                    node.command("CLUSTER", "SETSLOT", String.valueOf(slot), "NODE", toId);
                }
            }
        }
    }
}
