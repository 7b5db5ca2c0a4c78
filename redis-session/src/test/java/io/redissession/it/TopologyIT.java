package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.MonitoredCommand;
import io.redissession.testkit.RedisMonitor;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RedisTopology;
import io.redissession.testkit.RespConnection;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session contract on each Redis topology side by side, on Tomcat: standalone, Sentinel (1 master, 1 replica,
 * 3 sentinels), Cluster (3 masters, 3 replicas): lifecycle and changeSessionId, concurrent writers, no
 * resurrection, expiry, unreadable attributes, round trips per request (the whole suite also runs per topology:
 * the *SentinelIT and *ClusterIT subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopologyIT {

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, ServletContainer> apps = new HashMap<>();
    @BeforeAll
    void start() {
        for (String topology : RedisTopology.NAMES) {
            deploy(topology, SharedTopologies.get(topology).uri());
        }
    }

    private void deploy(String topology, String uri) {
        apps.put(topology, track(ProbeApp.start("tomcat",
                ProbeApp.spec("/app", uri, Map.of("sessionNamespace", "topology")))));
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(0, resource);
        return resource;
    }

    @AfterAll
    void stop() {
        ProbeApp.closeAll(resources);
    }

    private String url(String topology, String path) {
        return apps.get(topology).baseUrl() + "/app/probe/" + path;
    }

    /** @return a connection to the master that holds {@code key} in that topology */
    private RespConnection masterFor(String topology, String key) {
        return SharedTopologies.get(topology).masterFor(key).connect();
    }

    @ParameterizedTest
    @ValueSource(strings = {"standalone", "sentinel", "cluster"})
    void aWriteRacingInvalidateNeverResurrectsTheSession(String topology) throws Exception {
        Browser owner = new Browser();
        String id = ProbeApp.parse(owner.get(url(topology, "create?name=a&value=1"))).get("id");
        String key = ProbeApp.sessionKey("topology", id);
        String hold = "topology-race-" + topology;
        ProbeServlet.Hold held = new ProbeServlet.Hold(hold);
        CompletableFuture<Browser.Response> slowWrite = CompletableFuture.supplyAsync(
                () -> owner.get(url(topology, "set?name=late&value=x&hold=" + hold + "&at=before-set")));
        assertTrue(held.awaitReached());
        Browser other = new Browser();
        other.setCookie(java.net.URI.create(url(topology, "")), cookie(id));
        other.get(url(topology, "invalidate"));
        held.release();
        assertEquals(200, slowWrite.get(20, TimeUnit.SECONDS).status());
        try (RespConnection redis = masterFor(topology, key)) {
            assertEquals(0, redis.integer("EXISTS", key), "the late write must not recreate the session");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"standalone", "sentinel", "cluster"})
    void roundTripsAreTheSameOnEveryTopology(String topology) {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url(topology, "create?name=a&value=1"))).get("id");
        browser.get(url(topology, "set?name=a&value=2"));
        String key = ProbeApp.sessionKey("topology", id);
        RedisServer node = SharedTopologies.get(topology).masterFor(key);
        try (RedisMonitor monitor = RedisMonitor.start(node)) {
            browser.get(url(topology, "nosession"));
            assertEquals(List.of(), names(monitor.drainTopLevel()));
            browser.get(url(topology, "info"));
            assertEquals(List.of("EVALSHA"), names(monitor.drainTopLevel()));
            browser.get(url(topology, "set?name=b&value=3"));
            assertEquals(List.of("EVALSHA", "EVALSHA"), names(monitor.drainTopLevel()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"standalone", "sentinel", "cluster"})
    void changesReachRedisBeforeTheResponseIsCommitted(String topology) throws Exception {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url(topology, "create"))).get("id");
        String key = ProbeApp.sessionKey("topology", id);
        String hold = "topology-commit-" + topology;
        ProbeServlet.Hold held = new ProbeServlet.Hold(hold);
        CompletableFuture<Browser.Response> pending = CompletableFuture.supplyAsync(
                () -> browser.get(url(topology, "flush?name=step&value=flushed&hold=" + hold + "&at=after-commit")));
        try (RespConnection redis = masterFor(topology, key)) {
            assertTrue(held.awaitReached());
            assertTrue(redis.hgetall(key).containsKey("attr:step"), "written before the response was committed");
        } finally {
            held.release();
        }
        assertEquals(200, pending.get(20, TimeUnit.SECONDS).status());
    }

    private static List<String> names(List<MonitoredCommand> commands) {
        return ProbeApp.requestCommands(commands);
    }

    @ParameterizedTest
    @ValueSource(strings = {"standalone", "sentinel", "cluster"})
    void unreadableAttributeIsIsolatedAndKept(String topology) {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url(topology, "create?name=good&value=fine"))).get("id");
        String key = ProbeApp.sessionKey("topology", id);
        try (RespConnection redis = masterFor(topology, key)) {
            redis.command("HSET", key, "attr:bad", "not a stored value");
            Map<String, String> info = ProbeApp.parse(browser.get(url(topology, "info")));
            assertEquals("[good]", info.get("names"));
            browser.get(url(topology, "set?name=other&value=1"));
            assertTrue(redis.hgetall(key).containsKey("attr:bad"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"standalone", "sentinel", "cluster"})
    void sessionsExpireWithTheirTimeout(String topology) throws InterruptedException {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url(topology, "create"))).get("id");
        browser.get(url(topology, "timeout?seconds=1"));
        Thread.sleep(1100);
        assertEquals("none", ProbeApp.parse(browser.get(url(topology, "info"))).get("session"));
        String key = ProbeApp.sessionKey("topology", id);
        try (RespConnection redis = masterFor(topology, key)) {
            long deadline = System.currentTimeMillis() + 5_000;
            while (redis.integer("EXISTS", key) == 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, redis.integer("EXISTS", key), "destroyed by the expiry sweep");
        }
    }

    private static java.net.HttpCookie cookie(String id) {
        java.net.HttpCookie cookie = new java.net.HttpCookie("RSESSION_topology", id);
        cookie.setPath("/");
        cookie.setVersion(0);
        return cookie;
    }

    @ParameterizedTest
    @ValueSource(strings = {"standalone", "sentinel", "cluster"})
    void sessionContractHolds(String topology) {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url(topology, "create?name=user&value=alice"))).get("id");
        browser.get(url(topology, "set?name=role&value=admin"));
        browser.get(url(topology, "remove?name=user"));
        Map<String, String> info = ProbeApp.parse(browser.get(url(topology, "info")));
        assertEquals(id, info.get("id"));
        assertEquals("[role]", info.get("names"));

        Map<String, String> changed = ProbeApp.parse(browser.get(url(topology, "change-id?name=step&value=2")));
        assertNotEquals(id, changed.get("new"));
        Map<String, String> after = ProbeApp.parse(browser.get(url(topology, "info")));
        assertEquals(changed.get("new"), after.get("id"));
        assertEquals("admin", after.get("attr.role"));
        assertEquals("2", after.get("attr.step"));

        browser.get(url(topology, "invalidate"));
        assertEquals("none", ProbeApp.parse(browser.get(url(topology, "info"))).get("session"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"standalone", "sentinel", "cluster"})
    void parallelWritersOfDifferentAttributesAllSurvive(String topology) throws Exception {
        Browser owner = new Browser();
        owner.get(url(topology, "create"));
        int writers = 6;
        int rounds = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int r = 1; r <= rounds; r++) {
                        assertEquals(200, owner.get(url(topology, "set?name=w" + writer + "&value=" + r)).status());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, String> info = ProbeApp.parse(owner.get(url(topology, "info")));
        for (int w = 0; w < writers; w++) {
            assertEquals(String.valueOf(rounds), info.get("attr.w" + w), topology + " writer " + w);
        }
    }
}
