package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servlet 7.7.2 on Tomcat, Jetty and Undertow: an application that is not distributable accepts a value that cannot
 * be serialized, as the container's own sessions do, keeps it on the node that set it and stores the rest; a
 * distributable one refuses it at {@code setAttribute}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NonSerializableValuesIT {

    private TopologyCli redisCli;
    private List<ServletContainer> containers;

    @BeforeAll
    void start() {
        var redis = SharedTopologies.get("standalone");
        redisCli = new TopologyCli(redis);
        containers = ProbeApp.startAll(
                ProbeApp.spec("/local", redis.uri(), Map.of("sessionNamespace", "nodeonly",
                        "sessionListeners", RecordingListener.class.getName())),
                ProbeApp.spec("/dist", redis.uri(), Map.of("sessionNamespace", "nodeonlydist",
                        "distributable", "true")));
    }

    @AfterAll
    void stop() {
        ProbeApp.closeAll(containers);
    }

    @Test
    void aValueThatIsNotSerializableStaysOnItsNodeAndTheRestIsShared() {
        for (ServletContainer container : containers) {
            for (boolean nested : List.of(false, true)) {
                Browser browser = new Browser();
                String base = container.baseUrl() + "/local/probe/";
                String label = container.name() + (nested ? " nested" : " top-level");
                String id = ProbeApp.parse(browser.get(base + "create?name=before&value=1")).get("id");
                try (LogCapture log = LogCapture.start()) {
                    Browser.Response set = browser.get(base + "set-node-only?name=thing&value=v"
                            + (nested ? "&nested=1" : ""));
                    assertEquals(200, set.status(), label + ": " + set.body());
                    String instance = ProbeApp.parse(set).get("set");
                    assertEquals(instance, ProbeApp.parse(browser.get(base + "get?name=thing")).get("value"),
                            label + ": the same instance on the same node");
                    assertEquals(instance, ProbeApp.parse(browser.get(base + "info")).get("attr.thing"), label);
                    if (!nested) {
                        assertTrue(log.lines().stream().anyMatch(line -> line.contains("[thing]")
                                && line.contains("kept in this node's memory only")), label + ": " + log.lines());
                    }
                }
                Map<String, byte[]> stored = redisCli.hgetall(ProbeApp.sessionKey("nodeonly", id));
                assertTrue(stored.containsKey("attr:thing-companion"), label + ": the other attribute is stored");
                assertFalse(stored.containsKey("attr:thing"), label);
                for (ServletContainer other : containers) {
                    if (other != container) {
                        Map<String, String> there = ProbeApp.parse(browser.get(other.baseUrl() + "/local/probe/info"));
                        assertEquals(id, there.get("id"), label + " seen from " + other.name());
                        assertEquals("v", there.get("attr.thing-companion"), label);
                        assertEquals(null, there.get("attr.thing"), label + ": other nodes do not see it");
                    }
                }
                browser.get(base + "set?name=thing&value=shared");
                for (ServletContainer any : containers) {
                    assertEquals("shared", ProbeApp.parse(browser.get(any.baseUrl() + "/local/probe/get?name=thing"))
                            .get("value"), label + ": a serializable value replaces it everywhere");
                }
            }
        }
    }

    @Test
    void theValueIsReportedOnceAndEndsWithItsSession() {
        ServletContainer tomcat = containers.get(0);
        String base = tomcat.baseUrl() + "/local/probe/";
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 3; i++) {
                Browser browser = new Browser();
                browser.get(base + "set-node-only?name=once&value=" + i);
            }
            assertEquals(1, log.lines().stream().filter(line -> line.contains("[once]")).count(), log.lines()
                    .toString());
        }
        Browser browser = new Browser();
        String instance = ProbeApp.parse(browser.get(base + "set-node-only?name=ending&value=x")).get("set");
        String id = ProbeApp.parse(browser.get(base + "info")).get("id");
        RecordingListener.EVENTS.clear();
        browser.get(base + "invalidate");
        assertTrue(RecordingListener.of("removed", id).stream()
                .anyMatch(event -> event.detail().equals("ending=" + instance)),
                "its removal event: " + RecordingListener.EVENTS);
        browser.get(base + "create");
        assertEquals("null", ProbeApp.parse(browser.get(base + "get?name=ending")).get("value"));
    }

    @Test
    void aDistributableApplicationRefusesItAtSetAttributeAndKeepsTheRest() {
        for (ServletContainer container : containers) {
            Browser browser = new Browser();
            String base = container.baseUrl() + "/dist/probe/";
            String id = ProbeApp.parse(browser.get(base + "create?name=thing&value=old")).get("id");
            Browser.Response refused = browser.get(base + "set-node-only?name=thing&value=v");
            assertEquals(200, refused.status(), refused.body());
            String message = ProbeApp.parse(refused).get("refused");
            assertTrue(message != null && message.contains("[thing]") && message.contains(NodeOnlyValue.class
                    .getName()) && message.contains(id), container.name() + ": " + refused.body());
            assertEquals("old", ProbeApp.parse(browser.get(base + "get?name=thing")).get("value"));

            Browser.Response nested = browser.get(base + "set-node-only?name=thing&value=n&nested=1");
            assertEquals(200, nested.status(), nested.body());
            assertTrue(ProbeApp.parse(nested).get("set").startsWith("nested-"), nested.body());
            assertEquals("n", ProbeApp.parse(browser.get(base + "get?name=thing-companion")).get("value"),
                    container.name() + ": a value refused only when written never blocks the others");
        }
    }
}
