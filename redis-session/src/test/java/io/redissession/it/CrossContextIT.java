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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-context dispatch (spec 7.3), on Tomcat, Jetty and Undertow (Jetty 12.1 fails an include of a path without a
 * query string in its own code, so the included paths carry one): each web application has its own sessions, also within one request that
 * includes or forwards to another application; a session the included application creates reaches the browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossContextIT {

    private List<ServletContainer> containers;

    @BeforeAll
    void start() {
        String uri = SharedTopologies.get("standalone").uri();
        containers = ProbeApp.startAll(ProbeApp.spec("/first", uri, Map.of("sessionNamespace", "cross-first")),
                ProbeApp.spec("/second", uri, Map.of("sessionNamespace", "cross-second")));
    }

    @AfterAll
    void stop() {
        ProbeApp.closeAll(containers);
    }

    @Test
    void anIncludedApplicationHasItsOwnSessionAndItsCookieReachesTheBrowser() {
        for (ServletContainer container : containers) {
            Browser browser = new Browser();
            Browser.Response response = browser.get(container.url(
                    "/first/probe/cross?mine=first&context=/second&path=/probe/create%3Fq%3D1"));
            assertEquals(200, response.status(), container.name() + ": " + response.body());
            String included = response.body().substring(response.body().indexOf("included:"));
            Map<String, String> seen = ProbeApp.parse(new Browser.Response(200, included, response.headers()));
            assertEquals("[]", seen.get("names"), container.name() + ": the included application does not see the first one's session: " + response.body());
            assertNotNull(browser.cookie("RSESSION_cross-second"), container.name() + ": " + response.setCookies());
            assertNotNull(browser.cookie("RSESSION_cross-first"), container.name() + ": " + response.setCookies());
            assertNotEquals(browser.cookie("RSESSION_cross-first"), browser.cookie("RSESSION_cross-second"));

            Map<String, String> second = ProbeApp.parse(browser.get(container.url("/second/probe/info")));
            assertEquals(seen.get("id"), second.get("id"), "the session made in the include is found directly");
            assertEquals("false", second.get("new"));
            Browser.Response again = browser.get(container.url(
                    "/first/probe/cross?context=/second&path=/probe/info%3Fq%3D1"));
            assertTrue(again.body().contains("id=" + seen.get("id")), container.name() + ": " + again.body());
        }
    }

    @Test
    void aForwardToAnotherApplicationUsesThatApplicationsSession() {
        for (ServletContainer container : containers) {
            Browser browser = new Browser();
            browser.get(container.url("/second/probe/create?name=owner&value=second"));
            Browser.Response response = browser.get(container.url(
                    "/first/probe/cross?mine=first&context=/second&path=/probe/info&mode=forward"));
            Map<String, String> forwarded = ProbeApp.parse(response);
            assertEquals("second", forwarded.get("attr.owner"), container.name() + ": " + response.body());
            assertEquals(null, forwarded.get("attr.mine"), "the first application's attribute stays in its session");
            assertEquals("first", ProbeApp.parse(browser.get(container.url("/first/probe/info"))).get("attr.mine"),
                    container.name() + ": the first application's session, made before the forward, reached the"
                    + " browser");
        }
    }
}
