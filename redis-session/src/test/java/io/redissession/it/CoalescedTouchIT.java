package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisTopology;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coalesced touch ({@code touchShare}): a read within the session's slack of its stored access records nothing, yet
 * a session used within its timeout never expires, it ends at most its slack late, and
 * {@code getLastAccessedTime} is the access Redis holds. Timeouts of a few seconds with {@code touchShare=50%} make
 * the slack half the timeout, so that each check has half a second or more of margin either way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoalescedTouchIT {

    private TopologyCli redisCli;
    private ServletContainer tomcat;

    @BeforeAll
    void start() {
        RedisTopology redis = SharedTopologies.get("standalone");
        redisCli = new TopologyCli(redis);
        tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", redis.uri(), Map.of("sessionNamespace", "coalesce",
                "touchShare", "50%")));
    }

    @AfterAll
    void stop() {
        tomcat.close();
    }

    private String url(String path) {
        return tomcat.url("/app/probe/" + path);
    }

    @Test
    void aSessionUsedWithinItsTimeoutNeverExpiresThoughTheAccessWasNotRecorded() throws InterruptedException {
        Browser browser = new Browser();
        Map<String, String> created = ProbeApp.parse(browser.get(url("create?timeout=6")));
        String id = created.get("id");
        long stored = Long.parseLong(created.get("created"));
        assertEquals("3000", field(id, "touchSlack"), "half of the 6 s timeout");

        Thread.sleep(1000);
        long used = System.currentTimeMillis();
        assertEquals(id, ProbeApp.parse(browser.get(url("info"))).get("id"));
        Thread.sleep(200);
        assertEquals(Long.toString(stored), field(id, "lastAccessed"), "within the slack: not recorded");

        Thread.sleep(Math.max(0, used + 5500 - System.currentTimeMillis()));
        long next = System.currentTimeMillis();
        assertTrue(next > stored + 6000, "the next request comes after the stored access plus the timeout");
        assertTrue(next < used + 6000, "and within the timeout of the unrecorded use: the session must be there");
        Map<String, String> seen = ProbeApp.parse(browser.get(url("info")));
        assertEquals(id, seen.get("id"), "a session used within its timeout never expires");
        assertEquals("false", seen.get("new"));
    }

    @Test
    void aSessionEndsAtMostItsSlackLate() throws InterruptedException {
        Browser browser = new Browser();
        Map<String, String> created = ProbeApp.parse(browser.get(url("create?timeout=2")));
        String id = created.get("id");
        long stored = Long.parseLong(created.get("created"));
        Thread.sleep(400);
        long used = System.currentTimeMillis();
        browser.get(url("info"));
        assertEquals(Long.toString(stored), field(id, "lastAccessed"), "within the slack: not recorded");

        Thread.sleep(Math.max(0, used + 1800 - System.currentTimeMillis()));
        assertTrue(System.currentTimeMillis() < used + 2000);
        assertFalse(redisCli.hgetall(ProbeApp.sessionKey("coalesce", id)).isEmpty(),
                "kept for the timeout after its last use");
        ResilienceIT.eventually(() -> redisCli.hgetall(ProbeApp.sessionKey("coalesce", id)).isEmpty(),
                "destroyed by the sweep");
        long gone = System.currentTimeMillis();
        assertTrue(gone >= stored + 3000, "not before the stored deadline (access + timeout + slack)");
        assertTrue(gone - used < 2000 + 1000 + 3000, "ended " + (gone - used - 2000)
                + " ms after the timeout of its last use: the 1 s slack plus the sweep's lateness");
    }

    @Test
    void getLastAccessedTimeIsTheAccessRedisHolds() throws InterruptedException {
        Browser browser = new Browser();
        Map<String, String> created = ProbeApp.parse(browser.get(url("create?timeout=4")));
        String id = created.get("id");
        String first = created.get("created");
        Thread.sleep(100);
        assertEquals(first, ProbeApp.parse(browser.get(url("info"))).get("lastAccessed"));
        Thread.sleep(2100);
        assertEquals(first, ProbeApp.parse(browser.get(url("info"))).get("lastAccessed"),
                "the previous recorded access, constant within the request");
        ResilienceIT.eventually(() -> !first.equals(field(id, "lastAccessed")), "past the slack: recorded");
        String recorded = field(id, "lastAccessed");
        assertTrue(Long.parseLong(recorded) >= Long.parseLong(first) + 2100, recorded);
        assertEquals(recorded, ProbeApp.parse(browser.get(url("info"))).get("lastAccessed"));
    }

    private String field(String id, String name) {
        byte[] value = redisCli.hgetall(ProbeApp.sessionKey("coalesce", id)).get(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
