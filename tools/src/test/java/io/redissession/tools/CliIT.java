package io.redissession.tools;

import io.redissession.servlet.RedisSessionFilter;
import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisClusterNodes;
import io.redissession.testkit.RedisSentinelGroup;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.ServletContainer;
import io.redissession.testkit.ServletContainers;
import io.redissession.testkit.WebAppSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tool as a separate process ({@code java -jar redis-session-cli-<version>.jar}) against sessions the filter
 * made in Tomcat, on standalone Redis, on a Cluster and through Sentinel: what each command prints, and its exit
 * codes. Every command runs on each topology; the output formats, value decoding and usage errors, which do not
 * depend on it, are checked on standalone Redis only (each run of the tool is a JVM start).
 */
class CliIT {

    private static final String NAMESPACE = "cli-shop";

    @Test
    void readsTheFiltersSessionsOnStandaloneRedis() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            exercise(redis.uri(), true);
        }
        try (RedisServer redis = RedisServer.start()) {
            String uri = redis.uri();
            redis.close();
            ToolProcess.Result down = cli("--redis-uri", uri, "namespaces");
            assertEquals(3, down.code(), down.toString());
            assertEquals(1, down.err().strip().lines().count(), "one line: " + down.err());
            assertTrue(down.err().startsWith("redis-session: cannot reach Redis at " + uri), down.err());
        }
    }

    @Test
    void readsTheFiltersSessionsOnACluster() throws Exception {
        try (RedisClusterNodes cluster = RedisClusterNodes.start(3, 0)) {
            exercise(cluster.seedUri(), false);
        }
    }

    @Test
    void readsTheFiltersSessionsThroughSentinel() throws Exception {
        try (RedisSentinelGroup sentinel = RedisSentinelGroup.start("cli")) {
            exercise(sentinel.sentinelUri(), false);
        }
    }

    private void exercise(String redisUri, boolean formats) throws Exception {
        WebAppSpec app = WebAppSpec.builder().contextPath("/shop")
                .filter("redisSession", RedisSessionFilter.class, Map.of("redisUri", redisUri,
                        "sessionNamespace", NAMESPACE))
                .servlet("login", new LoginServlet(), "/login")
                .listener(new DestroyedListener())
                .build();
        try (ServletContainer tomcat = ServletContainers.create("tomcat", 0, app)) {
            tomcat.start();
            Browser aliceBrowser = new Browser();
            Browser bobBrowser = new Browser();
            String alice = id(aliceBrowser.get(tomcat.baseUrl() + "/shop/login?user=alice&cart=3000&items=2"));
            String bob = id(bobBrowser.get(tomcat.baseUrl() + "/shop/login?user=bob"));
            id(new Browser().get(tomcat.baseUrl() + "/shop/login"));
            read(redisUri, alice);
            if (formats) {
                formats(redisUri, alice);
                decode(redisUri, alice);
            }
            try (ToolProcess watch = ToolProcess.start("--redis-uri", redisUri, "watch", "-n", NAMESPACE,
                    "--json")) {
                watch.awaitLine(line -> line.startsWith("watching " + NAMESPACE), 30_000);
                watchLifecycle(tomcat, watch);
                end(redisUri, tomcat, alice, aliceBrowser, bob, bobBrowser);
                // the notices give the reasons the tool named, not a timeout
                watch.awaitLine(line -> line.contains("\"kind\":\"destroyed\",\"id\":\"" + bob
                        + "\",\"newId\":null,\"reason\":\"invalidated\""), 15_000);
                watch.awaitLine(line -> line.contains("\"kind\":\"destroyed\",\"id\":\"" + alice
                        + "\",\"newId\":null,\"reason\":\"forced-logout\""), 15_000);
            }
        }
    }

    private void read(String redisUri, String alice) throws Exception {
        ToolProcess.Result namespaces = cli("--redis-uri", redisUri, "namespaces");
        assertEquals(0, namespaces.code(), namespaces.toString());
        assertTrue(namespaces.out().lines().anyMatch(line -> line.matches(NAMESPACE + "\\s+3")), namespaces.out());

        ToolProcess.Result stats = cli("--redis-uri", redisUri, "stats", "-n", NAMESPACE);
        assertEquals(0, stats.code(), stats.toString());
        assertTrue(stats.out().lines().anyMatch(line -> line.matches("sessions\\s+3")), stats.out());
        assertTrue(stats.out().lines().anyMatch(line -> line.matches("sampled\\s+3")), stats.out());
        assertTrue(stats.out().lines().anyMatch(line -> line.matches("cart\\s+30\\d\\d")), stats.out());

        ToolProcess.Result all = cli("--redis-uri", redisUri, "list", "-n", NAMESPACE);
        assertEquals(0, all.code(), all.toString());
        assertEquals(4, all.out().strip().lines().count(), "a header and 3 sessions: " + all.out());
        ToolProcess.Result ofAlice = cli("--redis-uri", redisUri, "list", "-n", NAMESPACE, "--user", "alice", "--json");
        assertTrue(ofAlice.out().contains("\"id\" : \"" + alice + "\""), ofAlice.out());
        assertTrue(ofAlice.out().contains("\"user\" : \"alice\""), ofAlice.out());
        assertEquals(1, ofAlice.out().lines().filter(line -> line.contains("\"id\"")).count(), ofAlice.out());

        ToolProcess.Result shown = cli("--redis-uri", redisUri, "show", "-n", NAMESPACE, alice);
        assertEquals(0, shown.code(), shown.toString());
        assertTrue(shown.out().lines().anyMatch(line -> line.matches("user\\s+alice")), shown.out());
        assertTrue(shown.out().lines().anyMatch(line -> line.matches("cart\\s+java\\.lang\\.String\\s+30\\d\\d")),
                shown.out());
        assertTrue(!shown.out().contains("xxxx"), "values are not printed: " + shown.out());
        assertTrue(shown.out().lines().anyMatch(line -> line.matches(
                "order\\s+io\\.redissession\\.tools\\.Cart\\s+\\d+")),
                "the type is read from the stored bytes, without the class: " + shown.out());
    }

    /** JSON output, filters, and the exit codes of a missing session and of usage errors. */
    private void formats(String redisUri, String alice) throws Exception {
        ToolProcess.Result namespacesJson = cli("--redis-uri", redisUri, "namespaces", "--json");
        assertTrue(namespacesJson.out().contains("\"" + NAMESPACE + "\" : 3"), namespacesJson.out());
        ToolProcess.Result statsJson = cli("--redis-uri", redisUri, "stats", "-n", NAMESPACE, "--json");
        assertTrue(statsJson.out().contains("\"overdue\" : 0"), statsJson.out());
        ToolProcess.Result idle = cli("--redis-uri", redisUri, "list", "-n", NAMESPACE, "--older-than", "PT1H");
        assertEquals(1, idle.out().strip().lines().count(), "no session idle for an hour: " + idle.out());

        ToolProcess.Result missing = cli("--redis-uri", redisUri, "show", "-n", NAMESPACE, "e001" + "A".repeat(22));
        assertEquals(1, missing.code(), missing.toString());
        ToolProcess.Result malformed = cli("--redis-uri", redisUri, "show", "-n", NAMESPACE, "not-an-id");
        assertEquals(2, malformed.code(), malformed.toString());
        assertEquals(1, malformed.err().strip().lines().count(), malformed.err());
        ToolProcess.Result completion = cli("generate-completion");
        assertEquals(0, completion.code(), completion.toString());
        assertTrue(completion.out().contains("complete -F") && completion.out().contains("watch"), completion.out());
        ToolProcess.Result usage = cli("--redis-uri", redisUri, "list");
        assertEquals(2, usage.code(), usage.toString());
    }

    /** With {@code --values}, values are decoded with the application's classes from {@code --classpath}. */
    private void decode(String redisUri, String alice) throws Exception {
        ToolProcess.Result withClasses = cli("--redis-uri", redisUri, "show", "-n", NAMESPACE, alice, "--values",
                "--classpath", Path.of("target", "test-classes").toString());
        assertEquals(0, withClasses.code(), withClasses.toString());
        assertTrue(withClasses.out().contains("Cart[owner=shop, items=2]"), withClasses.out());
        ToolProcess.Result withoutClasses = cli("--redis-uri", redisUri, "show", "-n", NAMESPACE, alice,
                "--values");
        assertEquals(0, withoutClasses.code(), withoutClasses.toString());
        assertTrue(withoutClasses.out().lines().anyMatch(line -> line.startsWith("order")
                && line.contains("(not decoded: ")), withoutClasses.out());
        assertTrue(withoutClasses.out().contains(" " + "x".repeat(2000) + "... (3000 chars)"), "a String needs no class;"
                + " long values are cut: " + withoutClasses.out().length());
        ToolProcess.Result json = cli("--redis-uri", redisUri, "show", "-n", NAMESPACE, alice, "--json");
        assertTrue(json.out().contains("\"type\" : \"io.redissession.tools.Cart\""), json.out());
        assertTrue(json.out().contains("\"value\" : null"), "no value without --values: " + json.out());
        ToolProcess.Result missingPath = cli("--redis-uri", redisUri, "show", "-n", NAMESPACE, alice, "--values",
                "--classpath", "no/such/dir");
        assertEquals(2, missingPath.code(), missingPath.toString());
    }

    /** A creation, an id change and an invalidation on the node each print one notice, as JSON lines. */
    private void watchLifecycle(ServletContainer tomcat, ToolProcess watch) throws Exception {
        // the node hears the watch's announcement over pub/sub a moment after the watch printed its first line
        Browser carol = null;
        String created = null;
        long deadline = System.currentTimeMillis() + 15_000;
        while (created == null && System.currentTimeMillis() < deadline) {
            carol = new Browser();
            String id = id(carol.get(tomcat.baseUrl() + "/shop/login"));
            try {
                watch.awaitLine(line -> line.contains("\"kind\":\"created\",\"id\":\"" + id + "\""), 1000);
                created = id;
            } catch (IllegalStateException notYetHeard) {
                carol.get(tomcat.baseUrl() + "/shop/login?end");
            }
        }
        assertTrue(created != null, "a creation notice within 15 s: " + watch.out());
        String renewed = id(carol.get(tomcat.baseUrl() + "/shop/login?renew"));
        String createdId = created;
        watch.awaitLine(line -> line.contains("\"kind\":\"id-changed\",\"id\":\"" + createdId + "\",\"newId\":\""
                + renewed + "\""), 15_000);
        assertEquals("ended", carol.get(tomcat.baseUrl() + "/shop/login?end").body().strip());
        watch.awaitLine(line -> line.contains("\"kind\":\"destroyed\",\"id\":\"" + renewed
                + "\",\"newId\":null,\"reason\":\"invalidated\""), 15_000);
    }

    /** Ends bob's session by id and alice's by user: each one's sessionDestroyed fires once, on the node. */
    private void end(String redisUri, ServletContainer tomcat, String alice, Browser aliceBrowser, String bob,
            Browser bobBrowser) throws Exception {
        DestroyedListener.DESTROYED.clear();
        long invalidatedBefore = mbeanSum("SessionsInvalidated");
        long forcedBefore = mbeanSum("SessionsForcedLogout");
        long expiredBefore = mbeanSum("SessionsExpired");
        ToolProcess.Result invalidated = cli("--redis-uri", redisUri, "invalidate", "-n", NAMESPACE, bob);
        assertEquals(0, invalidated.code(), invalidated.toString());
        assertEquals("ended " + bob, invalidated.out().strip());
        ToolProcess.Result logout = cli("--redis-uri", redisUri, "logout", "-n", NAMESPACE, "alice");
        assertEquals(0, logout.code(), logout.toString());
        assertEquals("ended 1 session of alice", logout.out().strip());

        assertNotEquals(bob, id(bobBrowser.get(tomcat.baseUrl() + "/shop/login")), "bob's next request: new session");
        assertNotEquals(alice, id(aliceBrowser.get(tomcat.baseUrl() + "/shop/login")), "alice's too");
        long deadline = System.currentTimeMillis() + 15_000;
        while (DestroyedListener.DESTROYED.size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(2000);
        List<String> destroyed = new ArrayList<>(DestroyedListener.DESTROYED);
        assertEquals(2, destroyed.size(), "sessionDestroyed once each: " + destroyed);
        assertEquals(java.util.Set.of(alice, bob), new java.util.HashSet<>(destroyed));
        assertEquals(invalidatedBefore + 1, mbeanSum("SessionsInvalidated"), "bob's counts as invalidated");
        assertEquals(forcedBefore + 1, mbeanSum("SessionsForcedLogout"), "alice's as a forced logout");
        assertEquals(expiredBefore, mbeanSum("SessionsExpired"), "neither as a timeout");
        assertEquals(1, cli("--redis-uri", redisUri, "invalidate", "-n", NAMESPACE, bob).code(), "already gone");
        assertEquals(1, cli("--redis-uri", redisUri, "list", "-n", NAMESPACE, "--user", "alice").out().strip()
                .lines().count(), "alice's index is empty once her session's expiry was delivered");
    }

    /** @return an attribute summed over the namespace's MBeans in this JVM (the node runs here) */
    private static long mbeanSum(String attribute) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long sum = 0;
        for (ObjectName name : server.queryNames(new ObjectName("io.redissession:type=Sessions,namespace="
                + ObjectName.quote(NAMESPACE) + ",*"), null)) {
            sum += (Long) server.getAttribute(name, attribute);
        }
        return sum;
    }

    private static String id(Browser.Response response) {
        assertEquals(200, response.status(), response.body());
        return response.body().strip().substring("id=".length());
    }

    private static ToolProcess.Result cli(String... args) throws IOException, InterruptedException {
        return ToolProcess.run(args);
    }
}
