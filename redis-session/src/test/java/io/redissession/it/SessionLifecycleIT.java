package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HttpSession contract through the filter, on Tomcat, Jetty and Undertow, on standalone Redis; the subclasses
 * run it on Sentinel and Cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionLifecycleIT {

    private ProbeDeployment deployment;
    private TopologyCli redisCli;
    private List<ServletContainer> containers;

    @BeforeAll
    void start() {
        deployment = ProbeDeployment.start("life", topology());
        redisCli = deployment.redisCli;
        containers = deployment.containers;
    }

    @AfterAll
    void stop() {
        deployment.close();
    }

    /** @return the Redis topology this suite runs on; subclasses run it on the others */
    String topology() {
        return "standalone";
    }



    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void createReadAndTrackASession(String kind) {
        Browser browser = new Browser();
        Browser.Response created = browser.get(deployment.url(kind, "create?name=user&value=alice"));
        Map<String, String> first = ProbeApp.parse(created);
        String id = first.get("id");
        assertEquals("true", first.get("new"));
        assertEquals("1800", first.get("maxInactive"));
        assertEquals("null", first.get("requestedId"));
        String cookie = created.setCookies().stream().filter(c -> c.startsWith("RSESSION_life=")).findFirst()
                .orElseThrow();
        assertTrue(cookie.contains("Path=/") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
                cookie);
        assertTrue(redisCli.hgetall(deployment.key(id)).containsKey("attr:user"));
        long ttl = redisCli.integer("PTTL", deployment.key(id));
        assertTrue(ttl > 5_480_000 && ttl <= 5_490_000, "ttl " + ttl
                + ": timeout plus its default 5 % slack plus the default expiryRetention");

        Map<String, String> second = ProbeApp.parse(browser.get(deployment.url(kind, "info")));
        assertEquals(id, second.get("id"));
        assertEquals("false", second.get("new"));
        assertEquals("alice", second.get("attr.user"));
        assertEquals(id, second.get("requestedId"));
        assertEquals("true", second.get("requestedValid"));
        assertEquals("true", second.get("fromCookie"));
        assertEquals("false", second.get("fromURL"));
        assertEquals(first.get("created"), second.get("created"));
        assertEquals(first.get("created"), second.get("lastAccessed"));
        Map<String, String> third = ProbeApp.parse(browser.get(deployment.url(kind, "info")));
        assertTrue(Long.parseLong(third.get("lastAccessed")) >= Long.parseLong(second.get("created")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void attributesSetReplaceAndRemove(String kind) {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(deployment.url(kind, "create?name=a&value=1"))).get("id");
        browser.get(deployment.url(kind, "set?name=b&value=2"));
        browser.get(deployment.url(kind, "set?name=a&value=10"));
        browser.get(deployment.url(kind, "remove?name=b"));
        Map<String, String> info = ProbeApp.parse(browser.get(deployment.url(kind, "info")));
        assertEquals("[a]", info.get("names"));
        assertEquals("10", info.get("attr.a"));
        Map<String, byte[]> hash = redisCli.hgetall(deployment.key(id));
        assertFalse(hash.containsKey("attr:b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void invalidateDeletesTheSessionAndForbidsFurtherUse(String kind) {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(deployment.url(kind, "create?name=a&value=1"))).get("id");
        Map<String, String> result = ProbeApp.parse(browser.get(deployment.url(kind, "invalidate")));
        assertEquals("IllegalStateException", result.get("after"));
        assertEquals(0, redisCli.integer("EXISTS", deployment.key(id)));
        Map<String, String> after = ProbeApp.parse(browser.get(deployment.url(kind, "info")));
        assertEquals("none", after.get("session"));
        assertEquals("false", after.get("requestedValid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void invalidateThenCreateInOneRequestGivesANewSession(String kind) {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(deployment.url(kind, "create?name=a&value=1"))).get("id");
        browser.get(deployment.url(kind, "invalidate?recreate=1"));
        Map<String, String> info = ProbeApp.parse(browser.get(deployment.url(kind, "info")));
        assertNotEquals(id, info.get("id"));
        assertEquals("yes", info.get("attr.recreated"));
        assertEquals("[recreated]", info.get("names"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void changeSessionIdMovesTheDataAndKillsTheOldId(String kind) {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(deployment.url(kind, "create?name=user&value=bob"))).get("id");
        Map<String, String> changed = ProbeApp.parse(browser.get(deployment.url(kind, "change-id?name=role&value=admin")));
        String fresh = changed.get("new");
        assertEquals(id, changed.get("old"));
        assertNotEquals(id, fresh);
        assertEquals(id.substring(0, 4), fresh.substring(0, 4), "same slot tag");
        assertEquals(0, redisCli.integer("EXISTS", deployment.key(id)));
        Map<String, String> info = ProbeApp.parse(browser.get(deployment.url(kind, "info")));
        assertEquals(fresh, info.get("id"));
        assertEquals("bob", info.get("attr.user"));
        assertEquals("admin", info.get("attr.role"));

        Browser attacker = new Browser();
        attacker.setCookie(URI.create(deployment.url(kind, "")), cookie("RSESSION_life", id));
        assertEquals("none", ProbeApp.parse(attacker.get(deployment.url(kind, "info"))).get("session"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void malformedAndUnknownIdsAreTreatedAsAbsent(String kind) {
        for (String bad : new String[] {"short", "AAAA}{bbbbbbbbbbbbbbbbbbbb", "x".repeat(200),
                "e042bbbbbbbbbbbbbbbbbbbbbb", "AAAAbbbbbbbbbbbbbbbbbbbbbb"}) {
            Browser browser = new Browser();
            browser.setCookie(URI.create(deployment.url(kind, "")), cookie("RSESSION_life", bad));
            Map<String, String> info = ProbeApp.parse(browser.get(deployment.url(kind, "info")));
            assertEquals("none", info.get("session"), bad);
            assertEquals("false", info.get("requestedValid"), bad);
            Map<String, String> created = ProbeApp.parse(browser.get(deployment.url(kind, "create")));
            assertNotEquals(bad, created.get("id"));
            assertEquals("true", created.get("new"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void maxInactiveIntervalDrivesTheRedisTtl(String kind) throws InterruptedException {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(deployment.url(kind, "create"))).get("id");
        browser.get(deployment.url(kind, "timeout?seconds=0"));
        assertEquals(-1, redisCli.integer("PTTL", deployment.key(id)), "zero means never expires");
        browser.get(deployment.url(kind, "timeout?seconds=1"));
        assertEquals("1", ProbeApp.parse(browser.get(deployment.url(kind, "info"))).get("maxInactive"));
        Thread.sleep(1100);
        assertEquals("none", ProbeApp.parse(browser.get(deployment.url(kind, "info"))).get("session"));
        long deadline = System.currentTimeMillis() + 5_000;
        while (redisCli.integer("EXISTS", deployment.key(id)) == 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, redisCli.integer("EXISTS", deployment.key(id)), "destroyed by the expiry sweep");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void forwardIncludeAndAsyncSeeTheSameSession(String kind) {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(deployment.url(kind, "create"))).get("id");
        Browser.Response forwardResponse = browser.get(deployment.url(kind, "forward"));
        Map<String, String> forwarded = ProbeApp.parse(forwardResponse);
        assertEquals(200, forwardResponse.status(), forwardResponse.body());
        assertEquals(id, forwarded.get("id"));
        assertEquals("yes", forwarded.get("attr.forwarded"));
        Map<String, String> included = ProbeApp.parse(browser.get(deployment.url(kind, "include")));
        assertEquals(id, included.get("id"));
        assertEquals("yes", included.get("attr.included"));
        Map<String, String> async = ProbeApp.parse(browser.get(deployment.url(kind, "async?name=fromAsync&value=1")));
        assertEquals(id, async.get("async-id"));
        Map<String, String> dispatched = ProbeApp.parse(browser.get(deployment.url(kind, "async-dispatch?name=d&value=2")));
        assertEquals(id, dispatched.get("id"));
        assertEquals("2", dispatched.get("attr.d"));
        Map<String, String> info = ProbeApp.parse(browser.get(deployment.url(kind, "info")));
        assertEquals("1", info.get("attr.fromAsync"));
        assertEquals("2", info.get("attr.d"));
        assertEquals("yes", info.get("attr.forwarded"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void errorDispatchSeesTheSessionAndChangesBeforeTheErrorAreKept(String kind) {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(deployment.url(kind, "create"))).get("id");
        Browser.Response error = browser.get(deployment.url(kind, "fail?name=failed&value=yes"));
        assertEquals(500, error.status(), error.body());
        Map<String, String> errorPage = ProbeApp.parse(error);
        assertEquals(id, errorPage.get("id"), error.body());
        assertEquals("yes", errorPage.get("attr.failed"));
        assertEquals("yes", ProbeApp.parse(browser.get(deployment.url(kind, "info"))).get("attr.failed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void bindingAndActivationListenersAreNotified(String kind) {
        BindingProbe.EVENTS.clear();
        Browser browser = new Browser();
        browser.get(deployment.url(kind, "create"));
        browser.get(deployment.url(kind, "bind?name=probe&value=one"));
        assertEquals(List.of("bound:one:probe", "passivate:one"), BindingProbe.EVENTS);
        BindingProbe.EVENTS.clear();
        browser.get(deployment.url(kind, "bind?name=probe&value=two"));
        assertEquals(List.of("activate:one", "bound:two:probe", "unbound:one:probe", "passivate:two"),
                BindingProbe.EVENTS);
        BindingProbe.EVENTS.clear();
        browser.get(deployment.url(kind, "invalidate"));
        assertEquals(List.of("activate:two", "unbound:two:probe"), BindingProbe.EVENTS);
    }

    private static HttpCookie cookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        assertNotNull(value);
        return cookie;
    }
}
