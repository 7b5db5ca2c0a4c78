package io.redissession.examples;

import io.redissession.testkit.Browser;
import io.redissession.testkit.FreePorts;
import io.redissession.testkit.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo as a user runs it: one browser walking through both apps on Tomcat, Jetty and Undertow. */
class SessionTesterDemoIT {

    private static final int TOMCAT = 0;
    private static final int JETTY = 1;
    private static final int UNDERTOW = 2;

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void oneSessionAndCounterAcrossContainersAndApps() throws IOException {
        int[] ports = {FreePorts.next(), FreePorts.next(), FreePorts.next()};
        try (SessionTesterDemo demo = SessionTesterDemo.start(redis.uri(), ports)) {
            assertFalse(demo.ownsRedis());
            assertEquals(6, demo.urls().size());
            Browser browser = new Browser();

            String first = browser.get(demo.url(TOMCAT, "/session1")).body();
            assertEquals("1", field(first, "counter"));
            assertEquals("true", field(first, "new"));
            assertTrue(field(first, "server-info").contains("Tomcat"), first);
            String id = sessionId(first);

            String second = browser.get(demo.url(JETTY, "/session2")).body();
            assertEquals("2", field(second, "counter"));
            assertEquals(id, sessionId(second));
            assertEquals("false", field(second, "new"));
            assertEquals("/session2", field(second, "context-path"));
            assertTrue(field(second, "server-info").toLowerCase().contains("jetty"), second);

            String third = browser.get(demo.url(UNDERTOW, "/session1")).body();
            assertEquals("3", field(third, "counter"));
            assertEquals(id, sessionId(third));
            assertTrue(field(third, "server-info").contains("Undertow"), third);
            for (int port : ports) {
                assertTrue(third.contains("href=\"http://127.0.0.1:" + port + "/session2/\""), third);
            }

            Browser.Response stored = browser.post(demo.url(JETTY, "/session2"),
                    Map.of("action", "set", "name", "colour", "value", "<b>blue</b> & 'green'"));
            assertEquals(303, stored.status());
            assertEquals("/session2/", stored.header("Location"));
            String seen = browser.get(demo.url(TOMCAT, "/session2")).body();
            assertEquals("4", field(seen, "counter"));
            assertTrue(seen.contains("<th>colour</th><td>&lt;b&gt;blue&lt;/b&gt; &amp; &#39;green&#39;</td>"), seen);
            assertFalse(seen.contains("<b>blue</b>"), seen);

            assertEquals(303, browser.post(demo.url(UNDERTOW, "/session2"), Map.of("action", "changeId")).status());
            String changed = browser.get(demo.url(TOMCAT, "/session1")).body();
            assertNotEquals(id, sessionId(changed));
            assertEquals("5", field(changed, "counter"));

            assertEquals(303, browser.post(demo.url(TOMCAT, "/session1"), Map.of("action", "invalidate")).status());
            String fresh = browser.get(demo.url(JETTY, "/session1")).body();
            assertEquals("1", field(fresh, "counter"));
            assertEquals("true", field(fresh, "new"));
            assertFalse(fresh.contains("colour"), fresh);

            Browser.Response invalid = browser.post(demo.url(UNDERTOW, "/session1"), Map.of("action", "set", "name", " "));
            assertEquals(400, invalid.status());
            assertEquals(404, browser.get(demo.url(TOMCAT, "/session1") + "elsewhere").status());
        }
        for (int port : ports) {
            assertTrue(isFree(port), "port " + port + " still taken after close()");
        }
    }

    @Test
    void aLoginElsewhereEndsTheOtherBrowsersSessionAndItsNextPageSaysSo() throws IOException {
        int[] ports = {FreePorts.next(), FreePorts.next(), FreePorts.next()};
        try (SessionTesterDemo demo = SessionTesterDemo.start(redis.uri(), ports)) {
            Browser first = new Browser();
            first.get(demo.url(TOMCAT, "/session1"));
            assertEquals(303, first.post(demo.url(TOMCAT, "/session1"), Map.of("action", "login", "user", "alice"))
                    .status());
            assertEquals("alice", field(first.get(demo.url(JETTY, "/session2")).body(), "user"));

            Browser second = new Browser();
            second.get(demo.url(JETTY, "/session2"));
            assertEquals(303, second.post(demo.url(JETTY, "/session2"), Map.of("action", "login", "user", "alice"))
                    .status());

            Browser.Response ended = first.get(demo.url(UNDERTOW, "/session1"));
            assertEquals(302, ended.status(), ended.body());
            assertTrue(ended.header("Location").endsWith("/session1/?loggedOutElsewhere"), ended.header("Location"));
            String notice = first.get(demo.url(UNDERTOW, "/session1") + "?loggedOutElsewhere").body();
            assertTrue(notice.contains("id=\"logged-out-elsewhere\""), notice);
            assertEquals("1", field(notice, "counter"));
            assertEquals("not logged in", field(notice, "user"));
            assertEquals("alice", field(second.get(demo.url(TOMCAT, "/session1")).body(), "user"));

            assertEquals(303, second.post(demo.url(TOMCAT, "/session1"), Map.of("action", "logoutEverywhere"))
                    .status());
            assertEquals("1", field(second.get(demo.url(JETTY, "/session1")).body(), "counter"));
        }
    }

    @Test
    void aTakenPortIsNamed() throws IOException {
        int[] ports = {FreePorts.next(), FreePorts.next(), FreePorts.next()};
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(loopback(), ports[JETTY]));
            SessionTesterDemo.PortInUseException e = assertThrows(SessionTesterDemo.PortInUseException.class,
                    () -> SessionTesterDemo.start(redis.uri(), ports));
            assertEquals(ports[JETTY], e.port());
            assertTrue(e.getMessage().contains(Integer.toString(ports[JETTY])), e.getMessage());
        }
        assertTrue(isFree(ports[TOMCAT]));
    }

    private static String sessionId(String page) {
        return field(page, "session-id").replaceAll("</?code>", "");
    }

    /** Returns the content of the element with the given id. */
    private static String field(String page, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\">(.*?)</(td|b)>").matcher(page);
        assertTrue(m.find(), "no element with id [" + id + "] in:\n" + page);
        return m.group(1);
    }

    private static boolean isFree(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(loopback(), port));
            return true;
        } catch (java.net.BindException e) {
            return false;
        }
    }

    private static InetAddress loopback() throws IOException {
        return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    }
}
