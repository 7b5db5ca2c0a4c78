package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisClusterNodes;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RespConnection;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Direct connections ({@code directConnections}): request threads run their scripts on pooled blocking connections
 * of their own, at most that many per node, and fall back to the shared connection when none is free, when the
 * script cache was flushed, or when a pooled connection died with its server.
 */
class DirectConnectionsIT {

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

    private String start(RedisServer redis, String namespace, String directConnections) {
        ServletContainer tomcat = track(ProbeApp.start("tomcat", ProbeApp.spec("/app", redis,
                Map.of("sessionNamespace", namespace, "directConnections", directConnections,
                        "connectTimeout", "300ms"))));
        return tomcat.baseUrl() + "/app/probe/";
    }

    @Test
    void sequentialRequestsReuseOneDirectConnectionAndZeroTurnsThemOff() {
        RedisServer redis = track(RedisServer.start());
        String on = start(redis, "on", "32");
        Browser browser = new Browser();
        for (int i = 1; i <= 20; i++) {
            assertEquals("counter=" + i, browser.get(on + "counter").body().trim());
        }
        try (RespConnection admin = redis.connect()) {
            List<String> direct = directClients(admin);
            assertEquals(1, direct.size(), "one direct connection served them all: " + direct);
            assertTrue(direct.get(0).contains(" cmd=evalsha "), "the scripts ran on it: " + direct);
        }
        RedisServer other = track(RedisServer.start());
        String off = start(other, "off", "0");
        for (int i = 1; i <= 20; i++) {
            assertEquals("counter=" + i, browser.get(off + "counter").body().trim());
        }
        try (RespConnection admin = other.connect()) {
            assertEquals(List.of(), directClients(admin), "no direct connection: the shared one ran the scripts");
        }
    }

    @Test
    void concurrentRequestsUseAtMostTheConfiguredNumberAndTheRestShareTheMultiplexedConnection() throws Exception {
        RedisServer redis = track(RedisServer.start());
        String base = start(redis, "bounded", "2");
        int browsers = 12;
        int requests = 40;
        ExecutorService pool = Executors.newFixedThreadPool(browsers);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int b = 0; b < browsers; b++) {
                results.add(pool.submit(() -> {
                    Browser browser = new Browser();
                    List<String> answers = new ArrayList<>();
                    for (int i = 0; i < requests; i++) {
                        answers.add(browser.get(base + "counter").body().trim());
                    }
                    return answers;
                }));
            }
            for (Future<List<String>> result : results) {
                List<String> answers = result.get();
                for (int i = 0; i < requests; i++) {
                    assertEquals("counter=" + (i + 1), answers.get(i), "every request of every browser is served");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        try (RespConnection admin = redis.connect()) {
            List<String> direct = directClients(admin);
            assertTrue(!direct.isEmpty() && direct.size() <= 2, "1 or 2 direct connections: " + direct);
        }
    }

    @Test
    void aFlushedScriptCacheIsRefilledOnBothKindsOfConnection() {
        RedisServer redis = track(RedisServer.start());
        for (String direct : List.of("4", "0")) {
            String base = start(redis, "flushed" + direct, direct);
            Browser browser = new Browser();
            assertEquals("counter=1", browser.get(base + "counter").body().trim());
            try (RespConnection admin = redis.connect()) {
                admin.command("SCRIPT", "FLUSH");
            }
            assertEquals("counter=2", browser.get(base + "counter").body().trim(), "directConnections=" + direct);
            assertEquals("counter=3", browser.get(base + "counter").body().trim(), "directConnections=" + direct);
        }
    }

    @Test
    void aPooledConnectionThatDiedWithItsServerIsReplacedWithoutFailingARequest() {
        RedisServer redis = track(RedisServer.start());
        String base = start(redis, "restart", "4");
        Browser browser = new Browser();
        assertEquals(200, browser.get(base + "create?name=a&value=1").status());
        redis.stop();
        redis.restart();
        try (RespConnection admin = redis.connect()) {
            ResilienceIT.eventually(() -> sharedClients(admin).size() == 1, "the shared connection is back");
            assertEquals(List.of(), directClients(admin), "the pooled direct connection died with the server");
        }
        Browser fresh = new Browser();
        assertEquals(200, fresh.get(base + "create?name=b&value=2").status(),
                "the dead pooled connection is not the request's problem");
        assertEquals("2", ProbeApp.parse(fresh.get(base + "info")).get("attr.b"));
        try (RespConnection admin = redis.connect()) {
            assertEquals(1, directClients(admin).size(), "a new direct connection replaced the dead one");
        }
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
        try (RespConnection admin = to.connect()) {
            ResilienceIT.eventually(() -> {
                browser.get(base + "info");
                return !scriptClients(admin).isEmpty();
            }, "once the client's slot map is refreshed, scripts run on direct connections to the new master");
        }
    }

    /** Moves a slot and its keys between masters, as {@code redis-cli --cluster reshard} does. */
    private static void moveSlot(RedisClusterNodes cluster, int slot, RedisServer from, RedisServer to) {
        try (RespConnection source = from.connect(); RespConnection target = to.connect()) {
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
                try (RespConnection node = master.connect()) {
                    node.command("CLUSTER", "SETSLOT", String.valueOf(slot), "NODE", toId);
                }
            }
        }
    }

    /** @return the {@code CLIENT LIST} lines of the direct connections */
    static List<String> directClients(RespConnection admin) {
        return clients(admin, " name=redis-session-direct ");
    }

    /** @return the {@code CLIENT LIST} lines of the direct connections whose last command was a script */
    static List<String> scriptClients(RespConnection admin) {
        return directClients(admin).stream().filter(line -> line.contains(" cmd=eval")).toList();
    }

    /** @return the {@code CLIENT LIST} lines of the shared connection (not the subscriber's) */
    private static List<String> sharedClients(RespConnection admin) {
        return clients(admin, " name=redis-session ").stream().filter(line -> line.contains(" sub=0 ")).toList();
    }

    private static List<String> clients(RespConnection admin, String name) {
        return Arrays.stream(admin.string("CLIENT", "LIST").split("\n")).filter(line -> line.contains(name))
                .toList();
    }
}
