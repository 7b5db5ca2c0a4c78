package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Session listeners on Tomcat, Jetty and Undertow sharing one Redis: listeners named by the {@code sessionListeners}
 * setting and registered through {@code RedisSessionListeners}, events on the node where the change happened,
 * {@code sessionDestroyed} exactly once with the attributes readable, cross-node notices, and a listener that throws.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsIT {

    private static final Map<String, String> PARAMS = Map.of("sessionNamespace", "events", "sessionListeners",
            "io.redissession.it.ThrowingListener, io.redissession.it.RecordingListener");

    private List<ServletContainer> containers;
    private LogCapture log;

    @BeforeAll
    void start() {
        containers = ProbeApp.startAll(ProbeApp.spec("/app", SharedTopologies.get(topology()).uri(), PARAMS,
                new NoticeRegistrar()));
        log = LogCapture.start();
    }

    @AfterAll
    void stop() {
        log.close();
        ProbeApp.closeAll(containers);
    }

    /** @return the Redis topology this suite runs on; subclasses run it on the others */
    String topology() {
        return "standalone";
    }

    @BeforeEach
    void clear() {
        RecordingListener.EVENTS.clear();
        BindingProbe.EVENTS.clear();
    }

    private String url(int node, String path) {
        return containers.get(node).baseUrl() + "/app/probe/" + path;
    }

    private String nodeName(int node) {
        return containers.get(node).name();
    }

    @Test
    void eachEventFiresOnceOnTheNodeWhereItHappened() {
        Browser browser = new Browser();
        Browser.Response created = browser.get(url(0, "create?name=payload&value=p1"));
        assertEquals(200, created.status(), "a throwing listener does not break the request");
        String id = ProbeApp.parse(created).get("id");
        browser.get(url(1, "set?name=payload&value=p2"));
        browser.get(url(2, "remove?name=payload"));
        browser.get(url(0, "set?name=payload&value=p3"));
        String newId = ProbeApp.parse(browser.get(url(1, "change-id"))).get("new");
        assertEquals("invalidated", browser.get(url(2, "invalidate")).body().lines().findFirst().orElse(""));

        assertOnce("created", id, 0, "");
        assertEquals(List.of("payload=p1", "payload=p3"), details("added", id, newId));
        assertOnce("replaced", id, 1, "payload=p1");
        assertEquals(List.of("payload=p2", "payload=p3"), details("removed", id, newId));
        assertOnce("id-changed", newId, 1, id);
        assertOnce("destroyed", newId, 2, "payload=p3");
        assertTrue(log.lines().stream().anyMatch(line -> line.contains("sessionCreated of "
                + ThrowingListener.class.getName() + " failed for session [" + id + "]")), log.lines().toString());
        assertTrue(log.lines().stream().anyMatch(line -> line.contains("sessionDestroyed of "
                + ThrowingListener.class.getName() + " failed")), "the throwing listener was called, then the others");
    }

    @Test
    void everyNodeHearsOfInvalidationsAndNewIds() throws InterruptedException {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url(0, "create"))).get("id");
        String newId = ProbeApp.parse(browser.get(url(1, "change-id"))).get("new");
        browser.get(url(2, "invalidate"));
        awaitCount(() -> notices("INVALIDATED null", newId), 3);
        awaitCount(() -> notices("ID_CHANGED " + newId, id), 3);
        assertEquals(3, RecordingListener.of("notice", newId).stream().map(RecordingListener.Event::node).distinct()
                .count(), "one notice per node");
    }

    @Test
    void concurrentInvalidationsOnTwoNodesDestroyOnce() throws Exception {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url(0, "create?name=payload&value=p"))).get("id");
        ProbeServlet.Hold first = new ProbeServlet.Hold(topology() + "-events-inv-1");
        ProbeServlet.Hold second = new ProbeServlet.Hold(topology() + "-events-inv-2");
        CompletableFuture<Browser.Response> one = CompletableFuture.supplyAsync(
                () -> browser.get(url(1, "invalidate?" + first.query("before-invalidate"))));
        CompletableFuture<Browser.Response> two = CompletableFuture.supplyAsync(
                () -> browser.get(url(2, "invalidate?" + second.query("before-invalidate"))));
        assertTrue(first.awaitReached() && second.awaitReached());
        first.release();
        second.release();
        assertEquals(200, one.get().status());
        assertEquals(200, two.get().status());
        assertEquals(1, RecordingListener.of("destroyed", id).size(), RecordingListener.EVENTS.toString());
        assertEquals("payload=p", RecordingListener.of("destroyed", id).get(0).detail());
    }

    @Test
    void sessionDestroyedSeesWhatAnotherNodeWroteAfterThisRequestLoadedTheSession() throws Exception {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url(0, "create?name=payload&value=old"))).get("id");
        ProbeServlet.Hold hold = new ProbeServlet.Hold(topology() + "-events-latest");
        CompletableFuture<Browser.Response> invalidate = CompletableFuture.supplyAsync(
                () -> browser.get(url(0, "invalidate?" + hold.query("before-invalidate"))));
        assertTrue(hold.awaitReached());
        assertEquals(200, browser.get(url(1, "set?name=payload&value=new")).status());
        hold.release();
        assertEquals(200, invalidate.get().status());
        assertOnce("destroyed", id, 0, "payload=new");
    }

    @Test
    void aTimedOutSessionIsDestroyedOnceWithItsAttributesAndUnbound() throws InterruptedException {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url(0, "create?name=payload&value=kept&timeout=1"))).get("id");
        browser.get(url(1, "bind?name=probe&value=expiring"));
        BindingProbe.EVENTS.clear();
        awaitCount(() -> RecordingListener.of("destroyed", id).size(), 1);
        RecordingListener.Event destroyed = RecordingListener.of("destroyed", id).get(0);
        assertEquals("payload=kept", destroyed.detail());
        awaitCount(() -> notices("EXPIRED null", id), 3);
        Thread.sleep(500);
        assertEquals(1, RecordingListener.of("destroyed", id).size(), "exactly once across three nodes");
        assertTrue(BindingProbe.EVENTS.contains("unbound:expiring:probe"), BindingProbe.EVENTS.toString());
        assertEquals(2, RecordingListener.of("removed", id).size(), "attributeRemoved for each attribute");
        System.out.println("EXPIRY one session: destroyed " + (destroyed.at() - destroyed.deadline())
                + " ms after its deadline, on " + destroyed.node());
    }

    private void assertOnce(String kind, String id, int node, String detail) {
        List<RecordingListener.Event> events = RecordingListener.of(kind, id);
        assertEquals(1, events.size(), kind + " " + RecordingListener.EVENTS);
        assertTrue(events.get(0).node().contains(serverOf(node)), events.get(0).node() + " vs " + nodeName(node));
        assertEquals(detail, events.get(0).detail());
    }

    private String serverOf(int node) {
        String name = nodeName(node).toLowerCase(java.util.Locale.ROOT);
        return name.contains("tomcat") ? "Tomcat" : name.contains("jetty") ? "jetty" : "Undertow";
    }

    private static List<String> details(String kind, String... ids) {
        List<String> idList = List.of(ids);
        return RecordingListener.EVENTS.stream().filter(e -> e.kind().equals(kind) && idList.contains(e.id()))
                .map(RecordingListener.Event::detail).toList();
    }

    private static int notices(String detail, String id) {
        return (int) RecordingListener.of("notice", id).stream().filter(e -> e.detail().equals(detail)).count();
    }

    private static void awaitCount(Supplier<Integer> count, int expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (count.get() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, count.get(), RecordingListener.EVENTS.toString());
    }
}
