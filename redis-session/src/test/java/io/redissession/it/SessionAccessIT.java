package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisTopology;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servlet 7.6 on Tomcat, Jetty and Undertow: with {@code sessionAccess=every-request} a request that carries a
 * session's id is an access even if it never asks for the session; by default only requests that ask are. On
 * Tomcat, {@code auto} follows the container's strict compliance setting. Every access is recorded here
 * ({@code touchShare=0}); {@link CoalescedTouchIT} covers the default.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionAccessIT {

    private TopologyCli redisCli;
    private List<ServletContainer> containers;
    private ServletContainer strictTomcat;

    @BeforeAll
    void start() {
        RedisTopology redis = SharedTopologies.get("standalone");
        redisCli = new TopologyCli(redis);
        containers = ProbeApp.startAll(
                ProbeApp.spec("/every", redis.uri(), Map.of("sessionNamespace", "access", "sessionAccess",
                        "every-request", "touchShare", "0")),
                ProbeApp.spec("/onuse", redis.uri(), Map.of("sessionNamespace", "access", "touchShare", "0")));
        strictTomcat = ProbeApp.start("tomcat", ProbeApp.builder("/auto", redis.uri(),
                Map.of("sessionNamespace", "access", "touchShare", "0")).alwaysAccessSession(true).build());
    }

    @AfterAll
    void stop() {
        ProbeApp.closeAll(containers);
        strictTomcat.close();
    }

    @Test
    void aRequestCarryingTheIdIsAnAccessEvenWithoutGetSession() {
        for (ServletContainer container : containers) {
            assertRequestWithoutGetSessionIsAnAccess(container, "/every");
        }
        assertRequestWithoutGetSessionIsAnAccess(strictTomcat, "/auto");
    }

    private void assertRequestWithoutGetSessionIsAnAccess(ServletContainer container, String app) {
        Browser browser = new Browser();
        String base = container.url(app + "/probe/");
        Map<String, String> created = ProbeApp.parse(browser.get(base + "create"));
        String id = created.get("id");
        String before = lastAccessed(id);
        pause();
        assertEquals("ok", browser.get(base + "nosession").body().trim());
        ResilienceIT.eventually(() -> !before.equals(lastAccessed(id)), container.name() + app
                + ": the access is recorded");
        long accessed = Long.parseLong(lastAccessed(id));
        pause();
        Map<String, String> info = ProbeApp.parse(browser.get(base + "info"));
        assertEquals(String.valueOf(accessed), info.get("lastAccessed"), container.name() + app
                + ": getLastAccessedTime is the previous request's access");
        assertTrue(accessed > Long.parseLong(created.get("created")), container.name() + app);
    }

    @Test
    void theNextRequestSeesTheAccessAlsoWhenRedisLostItsScripts() {
        for (ServletContainer container : containers) {
            Browser browser = new Browser();
            String base = container.url("/every/probe/");
            String created = ProbeApp.parse(browser.get(base + "create")).get("lastAccessed");
            pause();
            // the access is sent without waiting for it; after a script flush it still arrives before the next
            // request's load (it goes as EVAL until the script is cached, not as an EVALSHA answered NOSCRIPT)
            redisCli.command("SCRIPT", "FLUSH");
            browser.get(base + "nosession");
            String seen = ProbeApp.parse(browser.get(base + "info")).get("lastAccessed");
            assertTrue(Long.parseLong(seen) > Long.parseLong(created), container.name() + ": " + seen + " after "
                    + created);
        }
    }

    @Test
    void byDefaultOnlyARequestThatAsksForTheSessionIsAnAccess() throws InterruptedException {
        for (ServletContainer container : containers) {
            Browser browser = new Browser();
            String base = container.url("/onuse/probe/");
            String id = ProbeApp.parse(browser.get(base + "create")).get("id");
            String before = lastAccessed(id);
            pause();
            browser.get(base + "nosession");
            Thread.sleep(300);
            assertEquals(before, lastAccessed(id), container.name());
            assertEquals(before, ProbeApp.parse(browser.get(base + "info")).get("lastAccessed"), container.name());
        }
    }

    @Test
    void requestsThatNeverAskKeepTheSessionAlive() throws InterruptedException {
        Browser browser = new Browser();
        ServletContainer jetty = containers.get(1);
        String every = jetty.url("/every/probe/");
        ProbeApp.parse(browser.get(every + "timeout?seconds=2"));
        for (int i = 0; i < 10; i++) {
            Thread.sleep(400);
            browser.get(every + "nosession");
        }
        assertNotEquals("none", ProbeApp.parse(browser.get(every + "info")).get("session"),
                "4 s of requests without getSession kept a 2 s session alive");
    }

    @Test
    void aMalformedOrUnknownIdCostsNothingAndCreatesNothing() {
        Browser browser = new Browser();
        String base = containers.get(0).url("/every/probe/");
        Browser.Response response = browser.get(base + "nosession", Map.of("Cookie",
                "RSESSION_access=not-a-valid-id; RSESSION_access=e001" + "z".repeat(22)));
        assertEquals(200, response.status());
        assertEquals(0, redisCli.integer("EXISTS", ProbeApp.sessionKey("access", "e001" + "z".repeat(22))));
    }

    private String lastAccessed(String id) {
        byte[] value = redisCli.hgetall(ProbeApp.sessionKey("access", id)).get("lastAccessed");
        return value == null ? "absent" : new String(value, StandardCharsets.UTF_8);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
