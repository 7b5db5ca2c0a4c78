package io.redissession.it;

import io.redissession.servlet.RedisSessionFilter;
import io.redissession.testkit.Browser;
import io.redissession.testkit.ServletContainer;
import io.redissession.testkit.WebAppSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** URL session tracking, save modes, cookie settings and bad configuration. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrackingAndModesIT {

    private String redis;
    private List<ServletContainer> containers;

    @BeforeAll
    void start() {
        redis = SharedTopologies.get(topology()).uri();
        containers = ProbeApp.startAll(
                ProbeApp.spec("/url", redis, Map.of("sessionNamespace", "url", "sessionTracking", "url")),
                ProbeApp.spec("/onset", redis, Map.of("sessionNamespace", "onset")),
                ProbeApp.spec("/onget", redis, Map.of("sessionNamespace", "onget", "saveMode", "on-get")),
                ProbeApp.spec("/cookies", redis, Map.of("sessionNamespace", "cookies", "cookieName", "SID",
                        "cookieSecure", "true", "cookieSameSite", "Strict", "cookieMaxAge", "600",
                        "cookiePath", "/cookies")),
                WebAppSpec.builder().contextPath("/cookiecfg")
                        .filter("redisSession", RedisSessionFilter.class, Map.of("redisUri", redis,
                                "sessionNamespace", "cookiecfg"))
                        .servlet("probe", new ProbeServlet(), "/probe/*")
                        .sessionCookieMaxAge(600).sessionCookieAttribute("Partitioned", "")
                        .sessionCookieAttribute("Priority", "High").build());
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
    void urlTrackingRewritesUrlsAndFindsSessionsInThem() {
        for (ServletContainer container : containers) {
            Browser browser = new Browser();
            Browser.Response encoded = browser.get(container.baseUrl() + "/url/probe/encode");
            assertTrue(encoded.setCookies().isEmpty(), "no cookie with URL tracking only");
            Map<String, String> values = ProbeApp.parse(encoded);
            String url = values.get("url");
            assertTrue(url.matches("/url/probe/info;RSESSION_url=[A-Za-z0-9_-]{26}\\?x=1"), url);
            assertEquals("http://elsewhere.example/a", values.get("foreign"), "never leak the id to other hosts");
            Map<String, String> info = ProbeApp.parse(browser.get(container.baseUrl() + url));
            assertEquals(url.substring(url.indexOf('=') + 1, url.indexOf('?')), info.get("id"), container.name());
            assertEquals("true", info.get("fromURL"));
            assertEquals("false", info.get("fromCookie"));
            assertEquals("true", info.get("requestedValid"));
        }
    }

    @Test
    void theRequestedIdIsTheOneTheClientSentWellFormedOrNot() {
        for (ServletContainer container : containers) {
            String app = container.baseUrl() + "/onset/probe/";
            Map<String, String> none = ProbeApp.parse(new Browser().get(app + "info"));
            assertEquals("null", none.get("requestedId"), container.name());
            assertEquals("false", none.get("fromURL"));
            assertEquals("false", none.get("fromCookie"));

            Map<String, String> inUrl = ProbeApp.parse(new Browser().get(app + "info;jsessionid=c0o7fszeb1?x=1"));
            assertEquals("c0o7fszeb1", inUrl.get("requestedId"), container.name());
            assertEquals("true", inUrl.get("fromURL"));
            assertEquals("false", inUrl.get("fromCookie"));
            assertEquals("false", inUrl.get("requestedValid"));

            Map<String, String> created = ProbeApp.parse(new Browser().get(app + "create;jsessionid=xyzc0o7fszeb1"));
            assertEquals("xyzc0o7fszeb1", created.get("requestedId"), "still the id sent after getSession(true)");
            assertEquals("false", created.get("requestedValid"));

            Map<String, String> inCookie = ProbeApp.parse(new Browser().get(app + "info",
                    Map.of("Cookie", "RSESSION_onset=not%20an;id")));
            assertEquals("not%20an", inCookie.get("requestedId"), container.name());
            assertEquals("true", inCookie.get("fromCookie"));
            assertEquals("false", inCookie.get("requestedValid"));
            assertFalse(inCookie.containsKey("id"), "a malformed id finds no session");
        }
    }

    @Test
    void onGetSavesObjectsChangedInPlaceWhileOnSetDoesNot() {
        for (ServletContainer container : containers) {
            Browser browser = new Browser();
            String onGet = container.baseUrl() + "/onget/probe/";
            browser.get(onGet + "mutate?name=cart&value=apple");
            browser.get(onGet + "mutate?name=cart&value=pear");
            assertEquals("[apple, pear]", ProbeApp.parse(browser.get(onGet + "info")).get("attr.cart"));

            String onSet = container.baseUrl() + "/onset/probe/";
            browser.get(onSet + "mutate?name=cart&value=apple");
            browser.get(onSet + "mutate?name=cart&value=pear");
            assertEquals("[apple]", ProbeApp.parse(browser.get(onSet + "info")).get("attr.cart"));
        }
    }

    @Test
    void cookieSettingsAreApplied() {
        for (ServletContainer container : containers) {
            Browser browser = new Browser();
            List<String> cookies = browser.get(container.baseUrl() + "/cookies/probe/create").setCookies();
            assertEquals(1, cookies.size(), cookies.toString());
            String cookie = cookies.get(0);
            assertTrue(cookie.startsWith("SID="), cookie);
            for (String part : List.of("Max-Age=600", "Path=/cookies", "Secure", "HttpOnly", "SameSite=Strict")) {
                assertTrue(cookie.contains(part), part + " in " + cookie);
            }
            assertFalse(cookie.contains("Domain"), cookie);
            assertTrue(cookie.matches(".*; Expires=\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT;.*"), cookie);
        }
    }

    @Test
    void theContainersSessionCookieConfigIsFollowedWithItsCustomAttributes() {
        for (ServletContainer container : containers) {
            List<String> cookies = new Browser().get(container.baseUrl() + "/cookiecfg/probe/create").setCookies();
            assertEquals(1, cookies.size(), cookies.toString());
            String cookie = cookies.get(0);
            Instant expires = DateTimeFormatter.RFC_1123_DATE_TIME.parse(
                    cookie.replaceAll(".*; Expires=([^;]+);.*", "$1"), Instant::from);
            long inSeconds = Duration.between(Instant.now(), expires).toSeconds();
            assertTrue(inSeconds > 590 && inSeconds <= 600, "Expires agrees with Max-Age: " + cookie);
            for (String part : List.of("Max-Age=600", "; Partitioned", "; Priority=High", "HttpOnly")) {
                assertTrue(cookie.contains(part), part + " in " + cookie + " on " + container.name());
            }
        }
    }

    @Test
    void badConfigurationFailsTheFilterSoTheAppIsNotServed() {
        for (String kind : List.of("tomcat", "jetty", "undertow")) {
            assertInitFails(kind, Map.of("saveMode", "sometimes"),
                    "Invalid setting saveMode [sometimes] from filter init-param saveMode: one of [on-set, on-get, always]");
        }
    }

    @Test
    void anUnknownInitParamFailsTheFilterAndARetiredOneIsOnlyReported() {
        assertInitFails("tomcat", Map.of("redisTimeuot", "1s"), "Invalid setting redisTimeuot [(not shown)] from"
                + " filter init-param redisTimeuot: no such setting; known settings: redisUri,");
        try (LogCapture log = LogCapture.start();
                ServletContainer retired = ProbeApp.start("tomcat", ProbeApp.spec("/retired", redis,
                        Map.of("directConnections", "32")))) {
            assertEquals(200, new Browser().get(retired.baseUrl() + "/retired/probe/create").status());
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("Filter init-param directConnections is"
                    + " no longer a setting and is ignored")), log.lines().toString());
        }
    }

    @Test
    void listenersThatCannotBeUsedFailTheFilter() {
        assertInitFails("tomcat", Map.of("sessionListeners", "com.example.NoSuchListener"),
                "Invalid setting sessionListeners [com.example.NoSuchListener]: a class the web application can load"
                + " and instantiate");
        assertInitFails("jetty", Map.of("sessionListeners", ProbeServlet.class.getName()),
                "Invalid setting sessionListeners [" + ProbeServlet.class.getName() + "]: classes implementing"
                + " HttpSessionListener");
    }

    private void assertInitFails(String kind, Map<String, String> settings, String expected) {
        LogCapture capture = LogCapture.start();
        ServletContainer broken = null;
        String failure = "";
        try {
            broken = ProbeApp.start(kind, ProbeApp.spec("/broken", redis, settings));
            int status = new Browser().get(broken.baseUrl() + "/broken/probe/nosession").status();
            assertTrue(status >= 400, kind + " served a request through a filter that failed init: " + status);
        } catch (RuntimeException e) {
            failure = LogCapture.causes(e);
        } finally {
            capture.close();
            if (broken != null) {
                broken.close();
            }
        }
        String seen = failure + capture.lines();
        assertTrue(seen.contains(expected), kind + " did not report the bad setting: " + seen);
    }
}
