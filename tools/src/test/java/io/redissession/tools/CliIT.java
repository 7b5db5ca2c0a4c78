package io.redissession.tools;

import io.redissession.servlet.RedisSessionFilter;
import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisClusterNodes;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.ServletContainer;
import io.redissession.testkit.ServletContainers;
import io.redissession.testkit.WebAppSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tool as a separate process ({@code java -jar redis-session-cli-<version>.jar}) against sessions the filter
 * made in Tomcat, on standalone Redis and on a Cluster: what each command prints, and its exit codes.
 */
class CliIT {

    private static final String NAMESPACE = "cli-shop";

    @Test
    void readsTheFiltersSessionsOnStandaloneRedis() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            exercise(redis.uri());
        }
        try (RedisServer redis = RedisServer.start()) {
            String uri = redis.uri();
            redis.close();
            Result down = cli("--redis-uri", uri, "namespaces");
            assertEquals(3, down.code(), down.toString());
            assertEquals(1, down.err().strip().lines().count(), "one line: " + down.err());
            assertTrue(down.err().startsWith("redis-session: cannot reach Redis at " + uri), down.err());
        }
    }

    @Test
    void readsTheFiltersSessionsOnACluster() throws Exception {
        try (RedisClusterNodes cluster = RedisClusterNodes.start(3, 0)) {
            exercise(cluster.seedUri());
        }
    }

    private void exercise(String redisUri) throws Exception {
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
            String alice = id(aliceBrowser.get(tomcat.baseUrl() + "/shop/login?user=alice&cart=3000"));
            String bob = id(bobBrowser.get(tomcat.baseUrl() + "/shop/login?user=bob"));
            id(new Browser().get(tomcat.baseUrl() + "/shop/login"));
            read(redisUri, alice);
            end(redisUri, tomcat, alice, aliceBrowser, bob, bobBrowser);
        }
    }

    private void read(String redisUri, String alice) throws Exception {
        Result namespaces = cli("--redis-uri", redisUri, "namespaces");
        assertEquals(0, namespaces.code(), namespaces.toString());
        assertTrue(namespaces.out().lines().anyMatch(line -> line.matches(NAMESPACE + "\\s+3")), namespaces.out());
        Result namespacesJson = cli("--redis-uri", redisUri, "namespaces", "--json");
        assertTrue(namespacesJson.out().contains("\"" + NAMESPACE + "\" : 3"), namespacesJson.out());

        Result stats = cli("--redis-uri", redisUri, "stats", "-n", NAMESPACE);
        assertEquals(0, stats.code(), stats.toString());
        assertTrue(stats.out().lines().anyMatch(line -> line.matches("sessions\\s+3")), stats.out());
        assertTrue(stats.out().lines().anyMatch(line -> line.matches("sampled\\s+3")), stats.out());
        assertTrue(stats.out().lines().anyMatch(line -> line.matches("cart\\s+30\\d\\d")), stats.out());
        Result statsJson = cli("--redis-uri", redisUri, "stats", "-n", NAMESPACE, "--json");
        assertTrue(statsJson.out().contains("\"overdue\" : 0"), statsJson.out());

        Result all = cli("--redis-uri", redisUri, "list", "-n", NAMESPACE);
        assertEquals(0, all.code(), all.toString());
        assertEquals(4, all.out().strip().lines().count(), "a header and 3 sessions: " + all.out());
        Result ofAlice = cli("--redis-uri", redisUri, "list", "-n", NAMESPACE, "--user", "alice", "--json");
        assertTrue(ofAlice.out().contains("\"id\" : \"" + alice + "\""), ofAlice.out());
        assertTrue(ofAlice.out().contains("\"user\" : \"alice\""), ofAlice.out());
        assertEquals(1, ofAlice.out().lines().filter(line -> line.contains("\"id\"")).count(), ofAlice.out());
        Result idle = cli("--redis-uri", redisUri, "list", "-n", NAMESPACE, "--older-than", "PT1H");
        assertEquals(1, idle.out().strip().lines().count(), "no session idle for an hour: " + idle.out());

        Result shown = cli("--redis-uri", redisUri, "show", "-n", NAMESPACE, alice);
        assertEquals(0, shown.code(), shown.toString());
        assertTrue(shown.out().lines().anyMatch(line -> line.matches("user\\s+alice")), shown.out());
        assertTrue(shown.out().lines().anyMatch(line -> line.matches("cart\\s+30\\d\\d")), shown.out());
        assertTrue(!shown.out().contains("xxxx"), "values are not printed: " + shown.out());

        Result missing = cli("--redis-uri", redisUri, "show", "-n", NAMESPACE, "e001" + "A".repeat(22));
        assertEquals(1, missing.code(), missing.toString());
        Result malformed = cli("--redis-uri", redisUri, "show", "-n", NAMESPACE, "not-an-id");
        assertEquals(2, malformed.code(), malformed.toString());
        assertEquals(1, malformed.err().strip().lines().count(), malformed.err());
        Result usage = cli("--redis-uri", redisUri, "list");
        assertEquals(2, usage.code(), usage.toString());
    }

    /** Ends bob's session by id and alice's by user: each one's sessionDestroyed fires once, on the node. */
    private void end(String redisUri, ServletContainer tomcat, String alice, Browser aliceBrowser, String bob,
            Browser bobBrowser) throws Exception {
        DestroyedListener.DESTROYED.clear();
        Result invalidated = cli("--redis-uri", redisUri, "invalidate", "-n", NAMESPACE, bob);
        assertEquals(0, invalidated.code(), invalidated.toString());
        assertEquals("ended " + bob, invalidated.out().strip());
        Result logout = cli("--redis-uri", redisUri, "logout", "-n", NAMESPACE, "alice");
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
        assertEquals(1, cli("--redis-uri", redisUri, "invalidate", "-n", NAMESPACE, bob).code(), "already gone");
        assertEquals(1, cli("--redis-uri", redisUri, "list", "-n", NAMESPACE, "--user", "alice").out().strip()
                .lines().count(), "alice's index is empty once her session's expiry was delivered");
    }

    private static String id(Browser.Response response) {
        assertEquals(200, response.status(), response.body());
        return response.body().strip().substring("id=".length());
    }

    private record Result(int code, String out, String err) {
    }

    /** Runs the tool's jar in its own JVM. */
    private static Result cli(String... args) throws IOException, InterruptedException {
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("redis-session-cli-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the tool's jar is not built in target/"));
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        var out = process.getInputStream();
        var err = process.getErrorStream();
        String stdout = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the tool did not finish: " + command);
        }
        return new Result(process.exitValue(), stdout, stderr);
    }
}
