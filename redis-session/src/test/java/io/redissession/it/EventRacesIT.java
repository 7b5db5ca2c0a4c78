package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisTopology;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Races around the end of a session, on Tomcat and Jetty sharing one Redis: invalidate racing the timeout,
 * invalidate racing a write, and changeSessionId racing a request on the old id. Each ends with exactly one
 * {@code sessionDestroyed} and no resurrected session.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventRacesIT {

    private TopologyCli redisCli;
    private ServletContainer tomcat;
    private ServletContainer jetty;

    @BeforeAll
    void start() {
        RedisTopology redis = SharedTopologies.get(topology());
        redisCli = new TopologyCli(redis);
        Map<String, String> params = Map.of("sessionNamespace", "races", "sessionListeners",
                RecordingListener.class.getName());
        tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", redis.uri(), params));
        jetty = ProbeApp.start("jetty", ProbeApp.spec("/app", redis.uri(), params));
    }

    @AfterAll
    void stop() {
        ProbeApp.closeAll(List.of(jetty, tomcat));
    }

    /** @return the Redis topology this suite runs on; subclasses run it on the others */
    String topology() {
        return "standalone";
    }

    @BeforeEach
    void clear() {
        RecordingListener.EVENTS.clear();
    }

    private static String url(ServletContainer node, String path) {
        return node.baseUrl() + "/app/probe/" + path;
    }

    @Test
    void invalidateAfterTheTimeoutWasDeliveredDestroysNothingMore() throws Exception {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url(tomcat, "create?timeout=1&name=payload&value=p"))).get("id");
        ProbeServlet.Hold hold = new ProbeServlet.Hold(topology() + "-races-timeout");
        CompletableFuture<Browser.Response> invalidate = CompletableFuture.supplyAsync(
                () -> browser.get(url(jetty, "invalidate?" + hold.query("before-invalidate"))));
        assertTrue(hold.awaitReached());
        awaitDestroyed(id);
        hold.release();
        assertEquals(200, invalidate.get().status());
        Thread.sleep(300);
        assertEquals(1, RecordingListener.of("destroyed", id).size(), RecordingListener.EVENTS.toString());
        assertGone(id);
    }

    @Test
    void invalidationsAroundTheDeadlineDestroyEachSessionOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<Browser.Response>> invalidations = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Browser browser = new Browser();
            ids.add(ProbeApp.parse(browser.get(url(tomcat, "create?timeout=1&name=payload&value=p" + i))).get("id"));
            long delay = ThreadLocalRandom.current().nextLong(700, 1600);
            invalidations.add(CompletableFuture.supplyAsync(() -> {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return browser.get(url(jetty, "invalidate"));
            }));
        }
        int byRequest = 0;
        for (CompletableFuture<Browser.Response> invalidation : invalidations) {
            byRequest += invalidation.get().body().startsWith("invalidated") ? 1 : 0;
        }
        for (String id : ids) {
            awaitDestroyed(id);
        }
        Thread.sleep(1500);
        for (int i = 0; i < ids.size(); i++) {
            List<RecordingListener.Event> events = RecordingListener.of("destroyed", ids.get(i));
            assertEquals(1, events.size(), ids.get(i) + " " + events);
            assertEquals("payload=p" + i, events.get(0).detail());
            assertGone(ids.get(i));
        }
        System.out.println("RACE invalidate vs timeout: " + byRequest + " of " + ids.size()
                + " sessions destroyed by the request, the others by the expiry sweep; each exactly once");
    }

    @Test
    void aWriteRacingInvalidateDoesNotResurrectTheSession() throws Exception {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url(tomcat, "create?name=payload&value=p"))).get("id");
        ProbeServlet.Hold hold = new ProbeServlet.Hold(topology() + "-races-write");
        CompletableFuture<Browser.Response> write = CompletableFuture.supplyAsync(
                () -> browser.get(url(tomcat, "set?name=late&value=1&" + hold.query("before-set"))));
        assertTrue(hold.awaitReached());
        assertEquals(200, browser.get(url(jetty, "invalidate")).status());
        hold.release();
        assertEquals(200, write.get().status());
        assertEquals(1, RecordingListener.of("destroyed", id).size());
        assertEquals("payload=p", RecordingListener.of("destroyed", id).get(0).detail());
        assertGone(id);
    }

    @Test
    void changeSessionIdRacingARequestOnTheOldIdDestroysOnce() throws Exception {
        Browser browser = new Browser();
        String oldId = ProbeApp.parse(browser.get(url(tomcat, "create?name=payload&value=p"))).get("id");
        Browser stale = new Browser();
        HttpCookie cookie = new HttpCookie("RSESSION_races", oldId);
        cookie.setPath("/");
        cookie.setVersion(0);
        stale.setCookie(URI.create(jetty.baseUrl()), cookie);
        ProbeServlet.Hold hold = new ProbeServlet.Hold(topology() + "-races-change-id");
        CompletableFuture<Browser.Response> write = CompletableFuture.supplyAsync(
                () -> stale.get(url(jetty, "set?name=late&value=1&" + hold.query("before-set"))));
        assertTrue(hold.awaitReached());
        String newId = ProbeApp.parse(browser.get(url(tomcat, "change-id"))).get("new");
        hold.release();
        assertEquals(200, write.get().status());
        assertEquals(0, redisCli.integer("EXISTS", ProbeApp.sessionKey("races", oldId)), "old id not resurrected");
        assertEquals("none", ProbeApp.parse(stale.get(url(jetty, "info"))).get("session"));
        assertEquals("p", ProbeApp.parse(browser.get(url(jetty, "info"))).get("attr.payload"));
        browser.get(url(jetty, "invalidate"));
        assertEquals(1, RecordingListener.of("destroyed", newId).size());
        assertEquals(0, RecordingListener.of("destroyed", oldId).size());
        assertGone(newId);
        assertGone(oldId);
    }

    private void assertGone(String id) {
        assertEquals(0, redisCli.integer("EXISTS", ProbeApp.sessionKey("races", id)), id);
        String index = "redis-session:races:expiries:{" + id.substring(0, 4) + "}";
        assertNull(redisCli.command("ZSCORE", index, id), "expiry index entry of " + id);
    }

    private static void awaitDestroyed(String id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (RecordingListener.of("destroyed", id).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, RecordingListener.of("destroyed", id).size(), id);
    }
}
