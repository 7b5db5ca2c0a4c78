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
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Tomcat, Jetty and Undertow on one Redis: one session shared by the three containers, shared by two web apps
 * only when their namespaces match, and never disturbed by an app of another namespace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedSessionIT {

    private String redis;
    private List<ServletContainer> containers;

    @BeforeAll
    void start() {
        redis = SharedTopologies.get(topology()).uri();
        containers = ProbeApp.startAll(
                ProbeApp.spec("/session1", redis, Map.of("sessionNamespace", "tester")),
                ProbeApp.spec("/session2", redis, Map.of("sessionNamespace", "tester")),
                ProbeApp.spec("/other", redis, Map.of()),
                ProbeApp.spec("", redis, Map.of()));
    }

    @AfterAll
    void stop() {
        ProbeApp.closeAll(containers);
    }

    /** @return the Redis topology this suite runs on; subclasses run it on the others */
    String topology() {
        return "standalone";
    }

    @Test
    void oneCounterContinuesAcrossContainersAndAppsOfOneNamespace() {
        Browser browser = new Browser();
        int expected = 0;
        String id = null;
        for (int round = 0; round < 2; round++) {
            for (ServletContainer container : containers) {
                for (String app : List.of("/session1", "/session2")) {
                    expected++;
                    Map<String, String> answer = ProbeApp.parse(browser.get(container.baseUrl() + app
                            + "/probe/counter"));
                    assertEquals(String.valueOf(expected), answer.get("counter"), container.name() + app);
                }
            }
        }
        for (ServletContainer container : containers) {
            String seen = ProbeApp.parse(browser.get(container.baseUrl() + "/session2/probe/info")).get("id");
            if (id != null) {
                assertEquals(id, seen, container.name());
            }
            id = seen;
        }
    }

    @Test
    void appsOfOtherNamespacesDoNotShareNorDisturb() {
        for (ServletContainer container : containers) {
            Browser browser = new Browser();
            String base = container.baseUrl();
            Browser.Response first = browser.get(base + "/session1/probe/create?name=who&value=tester");
            String shared = ProbeApp.parse(first).get("id");
            String other = ProbeApp.parse(browser.get(base + "/other/probe/create?name=who&value=other")).get("id");
            String root = ProbeApp.parse(browser.get(base + "/probe/create?name=who&value=root")).get("id");
            assertNotEquals(shared, other);
            assertNotEquals(shared, root);
            assertNotEquals(other, root);
            Map<String, String> back = ProbeApp.parse(browser.get(base + "/session2/probe/info"));
            assertEquals(shared, back.get("id"), container.name());
            assertEquals("tester", back.get("attr.who"));
            assertEquals("other", ProbeApp.parse(browser.get(base + "/other/probe/info")).get("attr.who"));
            assertEquals("root", ProbeApp.parse(browser.get(base + "/probe/info")).get("attr.who"));
        }
    }
}
