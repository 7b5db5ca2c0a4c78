package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Login control across Tomcat, Jetty and Undertow on one Redis: who a session's user is, the index of each user's
 * sessions kept exact under random operations, both duplicate-login policies (also under 20 concurrent logins of
 * one user), the redirect of a session the policy ended, forced logout, and the JMX counts of all of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginControlIT {

    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    private String redis;
    private List<ServletContainer> containers;

    @BeforeAll
    void start() {
        redis = SharedTopologies.get(topology()).uri();
        containers = ProbeApp.startAll(
                ProbeApp.spec("/oldest", redis, Map.of("sessionNamespace", ns("oldest"), "maxSessionsPerUser", "1",
                        "loginPolicy", "expire-oldest", "loggedOutElsewhereUrl", "/probe/elsewhere",
                        "principalAttribute", "principal")),
                ProbeApp.spec("/reject", redis, Map.of("sessionNamespace", ns("reject"), "maxSessionsPerUser", "1",
                        "loginPolicy", "reject-new", "principalAttribute", "principal")),
                ProbeApp.spec("/free", redis, Map.of("sessionNamespace", ns("free"))));
    }

    @AfterAll
    void stop() {
        ProbeApp.closeAll(containers);
    }

    /** @return the Redis topology this suite runs on; subclasses run it on the others */
    String topology() {
        return "standalone";
    }

    private String ns(String app) {
        return "login-" + app + "-" + topology();
    }

    private String url(int container, String path) {
        return containers.get(container % containers.size()).baseUrl() + path;
    }

    @Test
    void expireOldestEndsTheOlderSessionOnEveryContainerAndRedirectsItsNextRequestOnce() throws Exception {
        long before = sum(ns("oldest"), "SessionsLoggedOutByPolicy");
        Browser first = new Browser(false);
        Map<String, String> a = ProbeApp.parse(first.get(url(0, "/oldest/probe/login?user=alice")));
        assertEquals("false", a.get("refused"));
        assertEquals("alice", a.get("user"));
        Browser second = new Browser(false);
        Map<String, String> b = ProbeApp.parse(second.get(url(1, "/oldest/probe/login?user=alice")));
        assertEquals("alice", b.get("user"));

        Browser.Response redirected = first.get(url(2, "/oldest/probe/user"));
        assertEquals(302, redirected.status(), redirected.body());
        assertTrue(redirected.header("Location").endsWith("/oldest/probe/elsewhere"), redirected.header("Location"));
        Map<String, String> after = ProbeApp.parse(first.get(url(0, "/oldest/probe/user")));
        assertEquals(200, first.get(url(1, "/oldest/probe/nosession")).status(), "redirected once only");
        assertEquals("", after.get("id"), "the displaced session is gone");
        assertEquals("alice", ProbeApp.parse(second.get(url(2, "/oldest/probe/user"))).get("user"));
        assertEquals(List.of(b.get("id")), sessionsOf(ns("oldest"), "alice"));
        assertEquals(before + 1, sum(ns("oldest"), "SessionsLoggedOutByPolicy"), "sessionDestroyed exactly once");
    }

    @Test
    void rejectNewRefusesTheSecondLoginAndLeavesTheFirstSessionAlone() throws Exception {
        long refusedBefore = sum(ns("reject"), "LoginsRefused");
        Browser first = new Browser();
        Map<String, String> a = ProbeApp.parse(first.get(url(0, "/reject/probe/login?user=bob")));
        assertEquals("false", a.get("refused"));
        Browser second = new Browser();
        Map<String, String> b = ProbeApp.parse(second.get(url(1, "/reject/probe/login?user=bob")));
        assertEquals("true", b.get("refused"));
        assertEquals("null", b.get("user"));
        Browser third = new Browser();
        Map<String, String> c = ProbeApp.parse(third.get(url(2,
                "/reject/probe/login-attribute?name=principal&value=bob")));
        assertEquals("true", c.get("refused"), "refused through the principalAttribute");
        assertEquals("null", third.get(url(0, "/reject/probe/get?name=principal")).body().contains("value=null")
                ? "null" : "set", "the refused principal is not stored");
        assertEquals("bob", ProbeApp.parse(first.get(url(2, "/reject/probe/user"))).get("user"));
        assertEquals(List.of(a.get("id")), sessionsOf(ns("reject"), "bob"));
        assertEquals(refusedBefore + 2, sum(ns("reject"), "LoginsRefused"));
    }

    @Test
    void principalAttributeAndItsRemovalSetAndClearTheUser() throws Exception {
        Browser browser = new Browser();
        Map<String, String> in = ProbeApp.parse(browser.get(url(0,
                "/oldest/probe/login-attribute?name=principal&value=frank")));
        assertEquals("frank", in.get("user"));
        assertEquals(List.of(in.get("id")), sessionsOf(ns("oldest"), "frank"));
        browser.get(url(1, "/oldest/probe/remove?name=principal"));
        assertEquals("null", ProbeApp.parse(browser.get(url(2, "/oldest/probe/user"))).get("user"));
        assertEquals(List.of(), sessionsOf(ns("oldest"), "frank"));
    }

    @Test
    void twentyConcurrentLoginsOfOneUserEndWithExactlyTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            for (String app : List.of("oldest", "reject")) {
                List<Future<Map<String, String>>> logins = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    int container = i;
                    logins.add(pool.submit(() -> ProbeApp.parse(new Browser().get(url(container,
                            "/" + app + "/probe/login?user=carol")))));
                }
                int admitted = 0;
                for (Future<Map<String, String>> login : logins) {
                    admitted += "false".equals(login.get().get("refused")) ? 1 : 0;
                }
                try (UserIndexInspector redisView = new UserIndexInspector(redis, ns(app))) {
                    Set<String> live = redisView.liveByUser().getOrDefault("carol", Set.of());
                    assertEquals(1, live.size(), app + ": live sessions of carol " + live);
                    assertEquals(new ArrayList<>(live), sessionsOf(ns(app), "carol"), app);
                }
                assertEquals(app.equals("reject") ? 1 : 20, admitted, app);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void forcedLogoutEndsEverySessionOfTheUserFromTheApiAndFromJmx() throws Exception {
        long before = sum(ns("free"), "SessionsForcedLogout");
        List<Browser> browsers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Browser browser = new Browser();
            browser.get(url(i, "/free/probe/login?user=erin"));
            browsers.add(browser);
        }
        assertEquals(3, sessionsOf(ns("free"), "erin").size());
        assertEquals("3", ProbeApp.parse(new Browser().get(url(0, "/free/probe/logout-everywhere?user=erin")))
                .get("ended"));
        for (int i = 0; i < 3; i++) {
            assertEquals("", ProbeApp.parse(browsers.get(i).get(url(i + 1, "/free/probe/user"))).get("id"));
        }
        Browser grace = new Browser();
        grace.get(url(1, "/free/probe/login?user=grace"));
        Object ended = JMX.invoke(anyMBean(ns("free")), "logout", new Object[] {"grace"},
                new String[] {String.class.getName()});
        assertEquals(1, ended);
        assertEquals("", ProbeApp.parse(grace.get(url(2, "/free/probe/user"))).get("id"));
        assertEquals(before + 4, sum(ns("free"), "SessionsForcedLogout"));
    }

    @Test
    void micrometerMetersShowWhatTheMBeansShow() throws Exception {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        io.micrometer.core.instrument.Metrics.addRegistry(registry);
        try {
            String ns = ns("free");
            Browser browser = new Browser();
            browser.get(url(0, "/free/probe/login?user=heidi"));
            browser.get(url(1, "/free/probe/set?name=cart&value=" + "x".repeat(3000)));
            browser.get(url(2, "/free/probe/user"));
            new Browser().get(url(0, "/free/probe/logout-everywhere?user=heidi"));
            assertEquals(sum(ns, "Logins"), (long) registry.find("redis.session.logins").tag("namespace", ns)
                    .functionCounters().stream().mapToDouble(c -> c.count()).sum());
            assertEquals(sum(ns, "SessionsForcedLogout"), (long) registry.find("redis.session.destroyed")
                    .tags("namespace", ns, "reason", "forced-logout").functionCounters().stream()
                    .mapToDouble(c -> c.count()).sum());
            assertEquals(sum(ns, "SessionsCreated"), (long) registry.find("redis.session.created")
                    .tag("namespace", ns).functionCounters().stream().mapToDouble(c -> c.count()).sum());
            assertTrue(registry.find("redis.session.active").tag("namespace", ns).gauges().size() == 3);
            long biggest = 0;
            for (ObjectName name : JMX.queryNames(pattern(ns), null)) {
                @SuppressWarnings("unchecked")
                Map<String, Long> top = (Map<String, Long>) JMX.getAttribute(name, "BiggestAttributes");
                biggest = Math.max(biggest, top.getOrDefault("cart", 0L));
            }
            assertTrue(biggest >= 3000, "the 3000-character cart is among the biggest attributes: " + biggest);
            assertTrue(registry.find("redis.session.size.max").tag("namespace", ns).gauges().stream()
                    .anyMatch(g -> g.value() >= 3000));
            assertTrue(sum(ns, "RedisCalls") > 0);
        } finally {
            io.micrometer.core.instrument.Metrics.removeRegistry(registry);
        }
    }

    @Test
    void aRedisErrorIsCounted() throws Exception {
        String ns = ns("free");
        String id = "e002" + "B".repeat(22);
        long before = sum(ns, "RedisErrors");
        try (UserIndexInspector redisView = new UserIndexInspector(redis, ns)) {
            redisView.setString(id, "not a hash");
        }
        Browser.Response answer = new Browser().get(url(0, "/free/probe/user"), Map.of("Cookie",
                "RSESSION_" + ns + "=" + id));
        assertEquals(200, answer.status(), "a WRONGTYPE key is logged and treated as no session");
        assertEquals("", ProbeApp.parse(answer).get("id"));
        assertEquals(before + 1, sum(ns, "RedisErrors"));
    }

    @Test
    void activeSessionsCountsTheNamespacesLiveSessions() throws Exception {
        new Browser().get(url(0, "/reject/probe/counter"));
        new Browser().get(url(1, "/reject/probe/counter"));
        try (UserIndexInspector redisView = new UserIndexInspector(redis, ns("reject"))) {
            Thread.sleep(1100);
            long live = redisView.liveCount();
            assertTrue(live > 0);
            assertEquals(live, ((Number) JMX.getAttribute(anyMBean(ns("reject")), "ActiveSessions")).longValue());
        }
    }

    @Test
    void entriesLeftByADeadNodeAreIgnoredAndRemovedOnceOlderThanTheGrace() throws Exception {
        String ns = ns("free");
        Browser ivan = new Browser();
        String live = ProbeApp.parse(ivan.get(url(0, "/free/probe/login?user=ivan"))).get("id");
        String withoutUser = ProbeApp.parse(new Browser().get(url(1, "/free/probe/login-attribute?name=x&value=y")))
                .get("id");
        String ofJudy = ProbeApp.parse(new Browser().get(url(2, "/free/probe/login?user=judy"))).get("id");
        String gone = "e001" + "A".repeat(22);
        long now = System.currentTimeMillis();
        try (UserIndexInspector redisView = new UserIndexInspector(redis, ns)) {
            redisView.addEntry("ivan", now, withoutUser);          // a login admitted, its commit not made yet
            redisView.addEntry("ivan", now - 120_000, gone);       // destroyed, the ZREM lost with its node
            redisView.addEntry("ivan", now - 120_000, ofJudy);     // the user changed, the ZREM lost with its node
            redisView.addEntry("ivan", now, "not a session id");   // written by something else
            assertEquals(List.of(live), sessionsOf(ns, "ivan"), "only the live session is returned");
            assertEquals(Set.of(live, withoutUser), redisView.entries("ivan"),
                    "stale entries older than the grace are removed; a login in progress stays");
            redisView.addEntry("ivan", now - 120_000, gone);
            assertTrue((Integer) JMX.invoke(anyMBean(ns), "repairUserIndexes", new Object[0], new String[0]) >= 2);
            assertEquals(Set.of(live, withoutUser), redisView.entries("ivan"));
            assertEquals(Set.of(ofJudy), redisView.entries("judy"));
        }
        try (UserIndexInspector redisView = new UserIndexInspector(redis, ns("reject"))) {
            redisView.addEntry("kate", now - 120_000, gone);
            assertEquals("false", ProbeApp.parse(new Browser().get(url(0, "/reject/probe/login?user=kate")))
                    .get("refused"), "a stale entry does not hold a place under reject-new");
        }
    }

    @Test
    void theIndexEqualsTheLiveSessionsOfEachUserAfterFiveThousandRandomOperationsAndANodeStopped()
            throws Exception {
        String ns = ns("free");
        ServletContainer doomed = ProbeApp.start("tomcat", ProbeApp.spec("/free", redis,
                Map.of("sessionNamespace", ns)));
        List<String> apps = new ArrayList<>();
        containers.forEach(container -> apps.add(container.baseUrl() + "/free"));
        apps.add(doomed.baseUrl() + "/free");
        Map<String, Integer> done;
        try {
            done = new RandomSessionOperations(apps).run(5000, doomed::stop, true);
        } finally {
            doomed.close();
        }
        RandomSessionOperations.assertIndexExact(redis, ns, done);
        long expired = sum(ns, "SessionsExpired");
        assertTrue(expired > 0 && sum(ns, "SessionsInvalidated") > 0, "expiries and invalidations counted");
        assertEquals(expired, sum(ns, "ExpiryLatenessCount"), "a lateness for each delivered expiry");
    }

    private static List<String> sessionsOf(String namespace, String user) throws Exception {
        return SessionsMBeans.sessionsOf(namespace, user);
    }

    private static ObjectName anyMBean(String namespace) throws Exception {
        return SessionsMBeans.anyMBean(namespace);
    }

    private static long sum(String namespace, String attribute) throws Exception {
        return SessionsMBeans.sum(namespace, attribute, 3);
    }

    private static ObjectName pattern(String namespace) throws Exception {
        return SessionsMBeans.pattern(namespace);
    }
}
