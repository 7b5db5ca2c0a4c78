package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisMonitor;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RedisTopology;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Round trips per request on each Redis topology, counted with MONITOR on the master that holds the session:
 * standalone, Sentinel (1 master, 1 replica, 3 sentinels), Cluster (3 masters, 3 replicas). The rest of the
 * session contract runs per topology in the *SentinelIT and *ClusterIT subclasses of the other suites.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopologyIT {

    private final Map<String, ServletContainer> apps = new HashMap<>();

    @BeforeAll
    void start() {
        for (String topology : RedisTopology.NAMES) {
            apps.put(topology, ProbeApp.start("tomcat", ProbeApp.spec("/app", SharedTopologies.get(topology).uri(),
                    Map.of("sessionNamespace", "topology"))));
        }
    }

    @AfterAll
    void stop() {
        ProbeApp.closeAll(List.copyOf(apps.values()));
    }

    private String url(String topology, String path) {
        return apps.get(topology).baseUrl() + "/app/probe/" + path;
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
            assertEquals(List.of(), ProbeApp.requestCommands(monitor.drainTopLevel()));
            browser.get(url(topology, "info"));
            assertEquals(List.of("HGETALL"), ProbeApp.requestCommands(monitor.drainTopLevel()));
            browser.get(url(topology, "set?name=b&value=3"));
            assertEquals(List.of("HGETALL", "EVALSHA"), ProbeApp.requestCommands(monitor.drainTopLevel()));
        }
    }
}
