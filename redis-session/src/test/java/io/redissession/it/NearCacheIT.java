package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.MonitoredCommand;
import io.redissession.testkit.RedisMonitor;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RedisTopology;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.HttpCookie;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The near cache ({@code nearCache=on}): a node answers reads of sessions it read before without Redis, and Redis's
 * invalidations keep that exact: a session written or ended on one node is never read stale on another, a reconnect
 * drops the cache, and the cache stays within its entry and byte bounds.
 */
class NearCacheIT {

    private static final int PAIRS = 2_000;

    private static Map<String, String> params(String namespace, String... more) {
        Map<String, String> params = new HashMap<>(Map.of("sessionNamespace", namespace, "nearCache", "on"));
        for (int i = 0; i + 1 < more.length; i += 2) {
            params.put(more[i], more[i + 1]);
        }
        return params;
    }

    @ParameterizedTest
    @ValueSource(strings = {"standalone", "sentinel", "cluster"})
    void twoNodesNeverReadAStaleSession(String topology) throws Exception {
        RedisTopology redis = SharedTopologies.get(topology);
        String namespace = "near-" + topology;
        try (ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", redis.uri(),
                params(namespace)));
                ServletContainer jetty = ProbeApp.start("jetty", ProbeApp.spec("/app", redis.uri(),
                        params(namespace)))) {
            List<ServletContainer> nodes = List.of(tomcat, jetty);
            Browser browser = new Browser();
            browser.get(tomcat.url("/app/probe/create?name=n&value=0"));
            Random random = new Random(17);
            int stale = 0;
            String firstStale = null;
            for (int i = 1; i <= PAIRS; i++) {
                int writer = random.nextInt(2);
                browser.get(nodes.get(writer).url("/app/probe/set?name=n&value=" + i));
                String read = browser.get(nodes.get(1 - writer).url("/app/probe/get?name=n")).body().trim();
                if (!read.equals("value=" + i)) {
                    stale++;
                    firstStale = firstStale == null ? "pair " + i + " read [" + read + "]" : firstStale;
                }
            }
            assertEquals(0, stale, PAIRS + " write-then-read pairs; first stale: " + firstStale);
            long hits = SessionsMBeans.sum(namespace, "NearCacheHits", 2);
            long invalidations = SessionsMBeans.sum(namespace, "NearCacheInvalidations", 2);
            assertTrue(hits > PAIRS / 4, "writes and reads of cached sessions: " + hits + " hits");
            assertTrue(invalidations > PAIRS / 4, "pushed or own invalidations: " + invalidations);

            // cached on jetty, then ended on tomcat: jetty's next request no longer has it
            assertEquals("value=" + PAIRS, browser.get(jetty.url("/app/probe/get?name=n")).body().trim());
            assertEquals("value=" + PAIRS, browser.get(jetty.url("/app/probe/get?name=n")).body().trim());
            browser.get(tomcat.url("/app/probe/invalidate"));
            assertEquals("value=no-session", browser.get(jetty.url("/app/probe/get?name=n")).body().trim());

            // cached on tomcat, then timed out: tomcat's first request after the deadline no longer has it
            Browser expiring = new Browser();
            Map<String, String> created = ProbeApp.parse(expiring.get(jetty.url(
                    "/app/probe/create?timeout=1&name=n&value=x")));
            assertEquals("value=x", expiring.get(tomcat.url("/app/probe/get?name=n")).body().trim());
            assertEquals("value=x", expiring.get(tomcat.url("/app/probe/get?name=n")).body().trim());
            long deadline = Long.parseLong(created.get("created")) + 1000 + 50;
            Thread.sleep(Math.max(0, deadline - System.currentTimeMillis()) + 20);
            assertEquals("value=no-session", expiring.get(tomcat.url("/app/probe/get?name=n")).body().trim());
        }
    }

    @Test
    void aCachedReadCostsNoRoundTripAndACachedWriteOne() throws Exception {
        try (RedisServer redis = RedisServer.start();
                ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", redis,
                        params("near-trips")))) {
            Browser browser = new Browser();
            browser.get(tomcat.url("/app/probe/create?name=n&value=a0"));
            // the first write of a session after start-up also loads commit.lua (EVALSHA, then EVAL)
            browser.get(tomcat.url("/app/probe/set?name=n&value=a"));
            try (RedisMonitor monitor = RedisMonitor.start(redis)) {
                monitor.drain();
                assertEquals("value=a", browser.get(tomcat.url("/app/probe/get?name=n")).body().trim());
                assertEquals(List.of(), requestCommands(monitor), "the node that created the session holds it");
                browser.get(tomcat.url("/app/probe/set?name=n&value=b"));
                assertEquals(List.of("EVALSHA"), requestCommands(monitor),
                        "a write of a cached session: the commit alone, whose reply refreshes the node's copy");
                for (int i = 0; i < 10; i++) {
                    assertEquals("value=b", browser.get(tomcat.url("/app/probe/get?name=n")).body().trim());
                }
                assertEquals(List.of(), requestCommands(monitor), "ten cached reads after its own write");
                browser.get(tomcat.url("/app/probe/invalidate"));
                List<String> ended = requestCommands(monitor);
                // destroy.lua, sent again as EVAL the first time this server runs it, then the fence
                assertEquals("EVALSHA", ended.get(0), ended.toString());
                assertEquals(List.of("PING"), ended.subList(ended.size() - 1, ended.size()), ended.toString());
                assertTrue(ended.size() == 2 || ended.get(1).equals("EVAL"), ended.toString());
            }
            assertEquals(14, SessionsMBeans.sum("near-trips", "NearCacheHits", 1));
            assertEquals(0, SessionsMBeans.sum("near-trips", "NearCacheMisses", 1));
        }
    }

    @Test
    void aCopyServesABrowserOnlyIfItShowsTheBrowsersLastWrite() throws Exception {
        try (RedisServer redis = RedisServer.start();
                ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", redis,
                        params("near-stamps")))) {
            Browser browser = new Browser();
            browser.get(tomcat.url("/app/probe/create?name=n&value=a"));
            assertEquals("1", browser.cookie("RSESSION_near-stamps_stamp"), "the creation is the first write");
            browser.get(tomcat.url("/app/probe/set?name=n&value=b"));
            assertEquals("2", browser.cookie("RSESSION_near-stamps_stamp"), "each write counts");
            try (RedisMonitor monitor = RedisMonitor.start(redis)) {
                monitor.drain();
                assertEquals("value=b", browser.get(tomcat.url("/app/probe/get?name=n")).body().trim());
                assertEquals(List.of(), requestCommands(monitor), "the copy shows the browser's last write");

                // a browser whose last write this copy does not show: another node made it, and Redis has not told
                // this node yet (or lost the message)
                stampCookie(browser).setValue("3");
                assertEquals("value=b", browser.get(tomcat.url("/app/probe/get?name=n")).body().trim());
                assertEquals(List.of("HGETALL"), requestCommands(monitor), "read from Redis, not from the copy");

                // an older stamp (a client that keeps the first one, another tab's earlier write): the copy is newer
                for (String older : List.of("1", "2", "not-a-number")) {
                    stampCookie(browser).setValue(older);
                    assertEquals("value=b", browser.get(tomcat.url("/app/probe/get?name=n")).body().trim());
                    assertEquals(List.of(), requestCommands(monitor), "stamp " + older + ": the copy serves");
                }
            }
        }
    }

    /** @return the stamp cookie as the browser keeps it; changing its value changes what the browser sends */
    private static HttpCookie stampCookie(Browser browser) {
        return browser.cookies().stream().filter(cookie -> cookie.getName().equals("RSESSION_near-stamps_stamp"))
                .findFirst().orElseThrow();
    }

    @Test
    void withoutCookiesAWriteWaitsForTheOtherNodesToHearOfIt() throws Exception {
        try (RedisServer redis = RedisServer.start();
                ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", redis,
                        params("near-url", "sessionTracking", "url")))) {
            Browser browser = new Browser();
            String id = ProbeApp.parse(browser.get(tomcat.url("/app/probe/create?name=n&value=a"))).get("id");
            String session = ";jsessionid=" + id;
            browser.get(tomcat.url("/app/probe/set" + session + "?name=n&value=a"));
            assertEquals("value=a", browser.get(tomcat.url("/app/probe/get" + session + "?name=n")).body().trim());
            try (RedisMonitor monitor = RedisMonitor.start(redis)) {
                monitor.drain();
                browser.get(tomcat.url("/app/probe/set" + session + "?name=n&value=b"));
                assertEquals(List.of("EVALSHA", "PING"), requestCommands(monitor),
                        "no cookie can carry a stamp: the commit, then the fence");
            }
            assertEquals(null, browser.cookie("RSESSION_near-url_stamp"));
        }
    }

    @Test
    void aReconnectDropsTheCache() throws Exception {
        try (RedisServer redis = RedisServer.start();
                ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", redis,
                        params("near-reconnect")));
                var admin = redis.connect()) {
            Browser browser = new Browser();
            browser.get(tomcat.url("/app/probe/create?name=n&value=a"));
            browser.get(tomcat.url("/app/probe/get?name=n"));
            assertEquals(1, SessionsMBeans.sum("near-reconnect", "NearCacheEntries", 1));
            long flushes = SessionsMBeans.sum("near-reconnect", "NearCacheFlushes", 1);
            String[] clients = admin.string("CLIENT", "LIST").split("\n");
            String tracking = Arrays.stream(clients).filter(line -> line.contains(" flags=t")).findFirst()
                    .orElseThrow();
            String clientId = tracking.substring(3, tracking.indexOf(' '));
            assertEquals(1, admin.integer("CLIENT", "KILL", "ID", clientId));
            ResilienceIT.eventually(() -> metric("near-reconnect", "NearCacheFlushes") > flushes, "flushed");
            assertEquals(0, SessionsMBeans.sum("near-reconnect", "NearCacheEntries", 1));
            ResilienceIT.eventually(() -> admin.string("CLIENT", "LIST").split("\n").length == clients.length,
                    "reconnected");
            try (RedisMonitor monitor = RedisMonitor.start(redis)) {
                monitor.drain();
                assertEquals("value=a", browser.get(tomcat.url("/app/probe/get?name=n")).body().trim());
                assertEquals(List.of("HGETALL"), requestCommands(monitor), "read anew after the reconnect");
                assertEquals("value=a", browser.get(tomcat.url("/app/probe/get?name=n")).body().trim());
                assertEquals(List.of(), requestCommands(monitor), "and cached again, tracked again");
            }
        }
    }

    @Test
    void theCacheStaysWithinItsBounds() throws Exception {
        try (RedisServer redis = RedisServer.start();
                ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", redis,
                        params("near-bounds", "nearCacheEntries", "3", "nearCacheBytes", "64KB",
                                "largeAttributeSize", "0")))) {
            for (int i = 0; i < 5; i++) {
                Browser browser = new Browser();
                browser.get(tomcat.url("/app/probe/create?name=n&value=" + i));
                browser.get(tomcat.url("/app/probe/get?name=n"));
            }
            assertEquals(3, metric("near-bounds", "NearCacheEntries"), "at most nearCacheEntries");
            assertEquals(2, metric("near-bounds", "NearCacheEvictions"), "the two least recently used");

            String big = "b".repeat(2_000);
            for (int i = 0; i < 4; i++) {
                Browser browser = new Browser();
                browser.get(tomcat.url("/app/probe/create?name=a0&value=" + big));
                for (int a = 1; a < 10; a++) {
                    browser.get(tomcat.url("/app/probe/set?name=a" + a + "&value=" + big));
                }
                assertEquals("value=" + big, browser.get(tomcat.url("/app/probe/get?name=a0")).body().trim());
            }
            long bytes = metric("near-bounds", "NearCacheBytes");
            assertTrue(bytes <= 64 * 1024 && bytes > 40_000, "within nearCacheBytes: " + bytes);
            assertTrue(metric("near-bounds", "NearCacheEntries") <= 3);
            assertTrue(metric("near-bounds", "NearCacheEvictions") >= 4, "evicted for room");
        }
    }

    private static long metric(String namespace, String attribute) {
        try {
            return SessionsMBeans.sum(namespace, attribute, 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the commands of requests, the fence's {@code PING} included (no other client pings here) */
    private static List<String> requestCommands(RedisMonitor monitor) {
        return monitor.drainTopLevel().stream().filter(command -> command.name().equals("PING")
                || !ProbeApp.requestCommands(List.of(command)).isEmpty()).map(MonitoredCommand::name).toList();
    }
}
