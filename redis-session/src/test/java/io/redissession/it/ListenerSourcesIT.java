package io.redissession.it;

import io.redissession.servlet.RedisSessionFilter;
import io.redissession.testkit.Browser;
import io.redissession.testkit.ServletContainer;
import io.redissession.testkit.WebAppSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Session listeners however the application registered them, with no setting and no call to this library: declared
 * (as in {@code web.xml}), added with {@code addListener} by a declared {@code ServletContextListener}, and added by
 * a {@code ServletContainerInitializer}. On Tomcat, Jetty and Undertow sharing one Redis, each hears of each Redis
 * session event once, on the node where it happened, in the order the container itself uses; the container's own
 * sessions no longer reach them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenerSourcesIT {

    private static final List<String> SOURCES = List.of("declared", "context-listener", "initializer");

    private List<ServletContainer> containers;

    @BeforeAll
    void start() {
        String uri = SharedTopologies.get(topology()).uri();
        containers = ProbeApp.startAll(app("/app", Map.of("redisUri", uri, "sessionNamespace", "sources-"
                + topology())), app("/plain", null));
    }

    @AfterAll
    void stop() {
        ProbeApp.closeAll(containers);
    }

    /** @return the Redis topology this suite runs on; subclasses run it on the others */
    String topology() {
        return "standalone";
    }

    /** The probe app with listeners from every source; with the filter when {@code params} is not null. */
    private static WebAppSpec app(String contextPath, Map<String, String> params) {
        WebAppSpec.Builder builder = WebAppSpec.builder().contextPath(contextPath)
                .servlet("probe", new ProbeServlet(), "/probe/*")
                .declaredListener(SourceListener.Declared.class)
                .declaredListener(SourceListener.Registrar.class)
                .initializerListener(new SourceListener("initializer"));
        if (params != null) {
            builder.filter("redisSession", RedisSessionFilter.class, params);
        }
        return builder.build();
    }

    @BeforeEach
    void clear() {
        SourceListener.EVENTS.clear();
    }

    private String url(int node, String path) {
        return containers.get(node).baseUrl() + path;
    }

    private String server(int node) {
        String name = containers.get(node).name();
        return name.equals("tomcat") ? "Tomcat" : name.equals("jetty") ? "jetty" : "Undertow";
    }

    @Test
    void everySourceHearsEachEventOnceOnTheNodeWhereItHappened() {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url(0, "/app/probe/create?name=payload&value=p1"))).get("id");
        assertEquals(200, browser.get(url(1, "/app/probe/set?name=payload&value=p2")).status());
        String newId = ProbeApp.parse(browser.get(url(2, "/app/probe/change-id"))).get("new");
        assertEquals("invalidated", browser.get(url(0, "/app/probe/invalidate")).body().lines().findFirst()
                .orElse(""));
        for (String source : SOURCES) {
            assertOnce(source, "created", id, 0, "");
            assertOnce(source, "added", id, 0, "payload=p1");
            assertOnce(source, "replaced", id, 1, "payload=p1");
            assertOnce(source, "id-changed", newId, 2, id);
            assertOnce(source, "destroyed", newId, 0, "payload=p2");
        }
        assertEquals(SOURCES.size() * 6, SourceListener.about(id).size() + SourceListener.about(newId).size(),
                "nothing else: " + SourceListener.EVENTS);
    }

    @Test
    void aTimedOutSessionIsDestroyedExactlyOnceForEverySource() throws InterruptedException {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url(1, "/app/probe/create?name=payload&value=kept&timeout=1")))
                .get("id");
        for (String source : SOURCES) {
            await(() -> SourceListener.of(source, "destroyed", id).size(), 1);
        }
        Thread.sleep(1500);
        for (String source : SOURCES) {
            List<SourceListener.Event> destroyed = SourceListener.of(source, "destroyed", id);
            assertEquals(1, destroyed.size(), "exactly once across three nodes: " + SourceListener.EVENTS);
            assertEquals("payload=kept", destroyed.get(0).detail());
            assertOnce(source, "created", id, 1, "");
        }
    }

    @Test
    void listenersAreCalledInTheContainersOwnOrder() {
        for (int node = 0; node < containers.size(); node++) {
            SourceListener.EVENTS.clear();
            Browser plain = new Browser();
            String containerId = ProbeApp.parse(plain.get(url(node, "/plain/probe/create"))).get("id");
            plain.get(url(node, "/plain/probe/invalidate"));
            Browser redis = new Browser();
            String redisId = ProbeApp.parse(redis.get(url(node, "/app/probe/create"))).get("id");
            redis.get(url(node, "/app/probe/invalidate"));
            for (String kind : List.of("created", "destroyed")) {
                List<String> expected = sources(containerId, kind);
                assertEquals(SOURCES.size(), expected.size(), kind + " on the container's session: "
                        + SourceListener.EVENTS);
                assertEquals(expected, sources(redisId, kind), kind + " on " + containers.get(node).name());
            }
        }
    }

    @Test
    void theContainersOwnSessionsNoLongerReachTheListeners() {
        for (int node = 0; node < containers.size(); node++) {
            Browser browser = new Browser();
            String containerId = ProbeApp.parse(browser.get(url(node, "/app/probe/container-session")))
                    .get("container-id");
            assertTrue(containerId != null && !containerId.isEmpty());
            assertEquals(List.of(), SourceListener.about(containerId), "a session the container made before or"
                    + " beside the filter is not reported as well, on " + containers.get(node).name());
        }
    }

    private static List<String> sources(String id, String kind) {
        return SourceListener.about(id).stream().filter(e -> e.kind().equals(kind)).map(SourceListener.Event::source)
                .toList();
    }

    private void assertOnce(String source, String kind, String id, int node, String detail) {
        List<SourceListener.Event> events = SourceListener.of(source, kind, id);
        assertEquals(1, events.size(), source + " " + kind + ": " + SourceListener.EVENTS);
        assertTrue(events.get(0).node().contains(server(node)), events.get(0).node() + " vs " + server(node));
        assertEquals(detail, events.get(0).detail(), source + " " + kind);
    }

    private static void await(Supplier<Integer> count, int expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (count.get() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, count.get(), SourceListener.EVENTS.toString());
    }
}
