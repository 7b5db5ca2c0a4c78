package io.redissession.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainersIT {

    private static final TestWebApps.SessionCounter SESSIONS = new TestWebApps.SessionCounter();

    private static final WebAppSpec APP_A = WebAppSpec.builder()
            .contextPath("/a")
            .filter("header", TestWebApps.HeaderFilter.class, Map.of("tag", "from-a"))
            .servlet("counter", TestWebApps.CounterServlet::new, "/counter")
            .servlet("forward", new TestWebApps.ForwardServlet(), "/forward")
            .servlet("async", new TestWebApps.AsyncServlet(), "/async")
            .servlet("set-cookie", new TestWebApps.CookieSetterServlet(), "/set-cookie")
            .servlet("error", new TestWebApps.ErrorPageServlet(), "/error-page")
            .errorPage(404, "/error-page")
            .listener(SESSIONS)
            .contextParam("greeting", "hello-a")
            .build();

    private static final WebAppSpec APP_B = WebAppSpec.builder()
            .contextPath("/b")
            .filter("header", TestWebApps.HeaderFilter.class, Map.of("tag", "from-b"))
            .servlet("counter", TestWebApps.CounterServlet::new, "/counter")
            .servlet("echo-cookie", new TestWebApps.CookieEchoServlet(), "/echo-cookie")
            .sessionTimeoutMinutes(7)
            .sessionCookieName("BSESSION")
            .build();

    private static List<ServletContainer> containers;

    @BeforeAll
    static void startContainers() {
        containers = ServletContainers.all(APP_A, APP_B);
        containers.forEach(ServletContainer::start);
    }

    @AfterAll
    static void stopContainers() {
        if (containers != null) {
            containers.forEach(ServletContainer::close);
        }
    }

    @Test
    void allCreatesTheThreeContainersOnDistinctPorts() {
        assertEquals(ServletContainers.NAMES, containers.stream().map(ServletContainer::name).toList());
        assertEquals(3, new HashSet<>(containers.stream().map(ServletContainer::port).toList()).size());
        containers.forEach(c -> assertEquals("http://127.0.0.1:" + c.port(), c.baseUrl()));
    }

    @Test
    void filterRunsAndSessionCountsPerContainer() {
        // like a real browser, the cookie jar ignores ports: one browser per container
        Map<String, Browser> browsers = new HashMap<>();
        containers.forEach(c -> browsers.put(c.name(), new Browser()));
        for (int round = 1; round <= 3; round++) {
            for (ServletContainer container : containers) {
                Browser.Response response = browsers.get(container.name()).get(container.url("/a/counter"));
                assertEquals(200, response.status(), container.name());
                assertEquals("from-a", response.header("X-Testkit-Filter"), container.name());
                assertEquals("count=" + round + " timeout=1800 context=/a param=hello-a", response.body(), container.name());
            }
        }
        for (ServletContainer container : containers) {
            assertTrue(new Browser().get(container.url("/a/counter")).body().startsWith("count=1 "), container.name());
        }
    }

    @Test
    void cookiesAreSharedAcrossPortsAsInARealBrowser() {
        Browser browser = new Browser();
        ServletContainer tomcat = containers.get(0);
        ServletContainer jetty = containers.get(1);
        assertTrue(browser.get(tomcat.url("/a/counter")).body().startsWith("count=1 "));
        String tomcatSession = browser.cookie("JSESSIONID");
        assertTrue(browser.get(jetty.url("/a/counter")).body().startsWith("count=1 "));
        assertNotEquals(tomcatSession, browser.cookie("JSESSIONID"));
        assertEquals(1, browser.cookies().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void bothWebAppsAnswerWithTheirOwnSettings(String name) {
        ServletContainer container = container(name);
        Browser browser = new Browser();
        Browser.Response a = browser.get(container.url("/a/counter"));
        Browser.Response b = browser.get(container.url("/b/counter"));
        assertEquals("from-a", a.header("X-Testkit-Filter"));
        assertEquals("from-b", b.header("X-Testkit-Filter"));
        assertEquals("count=1 timeout=420 context=/b param=null", b.body());
        assertTrue(b.setCookies().stream().anyMatch(c -> c.startsWith("BSESSION=")), b.setCookies()::toString);
        assertTrue(a.setCookies().stream().anyMatch(c -> c.startsWith("JSESSIONID=")), a.setCookies()::toString);
        assertTrue(browser.get(container.url("/b/counter")).body().startsWith("count=2 "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void filterSeesEveryDispatchType(String name) {
        ServletContainer container = container(name);
        Browser browser = new Browser();
        Browser.Response forwarded = browser.get(container.url("/a/forward"));
        assertEquals(List.of("REQUEST", "FORWARD"), forwarded.headers().allValues("X-Dispatch"));
        assertTrue(forwarded.body().startsWith("count=1 "));
        Browser.Response async = browser.get(container.url("/a/async"));
        assertEquals("async", async.body());
        assertEquals("from-a", async.header("X-Testkit-Filter"));
        Browser.Response missing = browser.get(container.url("/a/no-such-page"));
        assertEquals(404, missing.status());
        assertEquals("error-page 404", missing.body());
        assertEquals(List.of("REQUEST", "ERROR"), missing.headers().allValues("X-Dispatch"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void cookieWithRootPathReachesTheOtherWebApp(String name) {
        ServletContainer container = container(name);
        Browser browser = new Browser();
        assertEquals("none", browser.get(container.url("/b/echo-cookie")).body());
        browser.get(container.url("/a/set-cookie"));
        assertEquals("from-a", browser.get(container.url("/b/echo-cookie")).body());
        browser.clearCookies();
        assertEquals("none", browser.get(container.url("/b/echo-cookie")).body());
        browser.setCookie(URI.create(container.baseUrl()), new HttpCookie("shared", "injected"));
        assertEquals("injected", browser.get(container.url("/b/echo-cookie")).body());
        assertEquals("injected", browser.cookie("shared"));
    }

    @Test
    void listenerInstanceIsCalledByEveryContainer() {
        int before = SESSIONS.created.get();
        for (ServletContainer container : containers) {
            new Browser().get(container.url("/a/counter"));
        }
        assertEquals(before + 3, SESSIONS.created.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void restartsOnTheSamePortWithFreshSessions(String name) {
        try (ServletContainer container = ServletContainers.create(name, 0, APP_A)) {
            container.start();
            int port = container.port();
            Browser browser = new Browser();
            assertTrue(browser.get(container.url("/a/counter")).body().startsWith("count=1 "));
            assertTrue(browser.get(container.url("/a/counter")).body().startsWith("count=2 "));
            container.stop();
            assertThrows(RuntimeException.class, () -> new Browser().get(container.url("/a/counter")));
            container.start();
            assertEquals(port, container.port());
            assertTrue(browser.get(container.url("/a/counter")).body().startsWith("count=1 "));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void failingFilterFailsTheStart(String name) {
        WebAppSpec broken = WebAppSpec.builder()
                .filter("broken", TestWebApps.BrokenFilter.class, Map.of())
                .servlet("counter", TestWebApps.CounterServlet::new, "/counter")
                .build();
        try (ServletContainer container = ServletContainers.create(name, 0, broken)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, container::start);
            assertTrue(e.getMessage().startsWith(name + ": cannot start"), e::getMessage);
            assertEquals(0, e.getSuppressed().length, () -> List.of(e.getSuppressed()).toString());
            assertTrue(!container.isRunning());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void busyPortFailsTheStartAndFreesEverything(String name) throws Exception {
        int port = FreePorts.next();
        try (ServerSocket busy = new ServerSocket(port, 1, FreePorts.loopback());
                ServletContainer container = ServletContainers.create(name, port, APP_B)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, container::start);
            assertEquals(0, e.getSuppressed().length, () -> List.of(e.getSuppressed()).toString());
            busy.close();
            container.start();
            assertEquals(200, new Browser().get(container.url("/b/counter")).status());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty", "undertow"})
    void filterStaysFirstOrTheStartFails(String name) {
        WebAppSpec app = WebAppSpec.builder()
                .filter("header", TestWebApps.HeaderFilter.class, Map.of("tag", "t"))
                .servlet("counter", TestWebApps.CounterServlet::new, "/counter")
                .listener(new TestWebApps.FilterAdder())
                .build();
        try (ServletContainer container = ServletContainers.create(name, 0, app)) {
            if (name.equals("jetty")) {
                container.start();
                assertEquals(List.of("REQUEST", "OTHER"), new Browser().get(container.url("/counter")).headers().allValues("X-Dispatch"));
            } else {
                // Tomcat forbids a listener to add a filter; Undertow cannot reorder it
                assertThrows(IllegalStateException.class, container::start);
            }
        }
    }

    @Test
    void tomcatHomeIsNotATemporaryBaseDir() {
        for (int i = 0; i < 2; i++) {
            try (ServletContainer tomcat = new TomcatContainer(0, APP_B)) {
                tomcat.start();
            }
        }
        // otherwise Tomcat recreates the first (deleted) base dir in every later start
        assertEquals("tomcat-home", Path.of(System.getProperty("catalina.home")).getFileName().toString());
    }

    @Test
    void rootContextAnswersAtTheBaseUrl() {
        WebAppSpec root = WebAppSpec.builder()
                .filter("header", TestWebApps.HeaderFilter.class, Map.of("tag", "root"))
                .servlet("counter", TestWebApps.CounterServlet::new, "/counter")
                .build();
        for (String name : ServletContainers.NAMES) {
            try (ServletContainer container = ServletContainers.create(name, 0, root)) {
                container.start();
                Browser.Response response = new Browser().get(container.url("/counter"));
                assertEquals("count=1 timeout=1800 context= param=null", response.body(), name);
                Browser.Response unmapped = new Browser().get(container.url("/nothing-here"));
                assertEquals(404, unmapped.status(), name);
                assertEquals("root", unmapped.header("X-Testkit-Filter"), name);
                assertNotEquals(0, container.port());
            }
        }
    }

    private static ServletContainer container(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
