package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisClusterNodes;
import io.redissession.testkit.RedisSentinelGroup;
import io.redissession.testkit.RedisServer;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The session contract on each Redis topology: standalone, Sentinel (1 master, 1 replica, 3 sentinels), Cluster. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopologyIT {

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, ServletContainer> apps = new HashMap<>();

    @BeforeAll
    void start() {
        RedisServer standalone = track(RedisServer.start());
        RedisSentinelGroup sentinel = track(RedisSentinelGroup.start("sessions"));
        RedisClusterNodes cluster = track(RedisClusterNodes.start(3, 1));
        deploy("standalone", standalone.uri());
        deploy("sentinel", sentinel.sentinelUri());
        deploy("cluster", cluster.seedUri());
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
