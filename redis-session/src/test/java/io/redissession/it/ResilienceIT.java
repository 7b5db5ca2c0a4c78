package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RedisTestConnection;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis down at start-up, killed while serving, or too slow: requests that need the session fail fast with an
 * error, the others keep working, and the filter recovers by itself.
 */
class ResilienceIT {

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() {
        List<AutoCloseable> newestFirst = new ArrayList<>(resources);
        java.util.Collections.reverse(newestFirst);
        ProbeApp.closeAll(newestFirst);
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    @Test
    void redisDownAtStartUpDoesNotFailDeploymentAndIsPickedUpLater() {
        RedisServer redis = track(RedisServer.start());
        redis.stop();
        for (String kind : List.of("tomcat", "jetty", "undertow")) {
            ServletContainer container = track(ProbeApp.start(kind, ProbeApp.spec("/app", redis,
                    Map.of("sessionNamespace", "down", "connectTimeout", "300ms", "failoverWait", "0"))));
            String base = container.baseUrl() + "/app/probe/";
            Browser browser = new Browser();
            assertEquals(200, browser.get(base + "nosession").status(), kind);
            assertEquals(500, browser.get(base + "create").status(), kind);
        }
        redis.restart();
        for (AutoCloseable resource : resources) {
            if (resource instanceof ServletContainer container) {
                String base = container.baseUrl() + "/app/probe/";
                Browser browser = new Browser();
                eventually(() -> browser.get(base + "create?name=a&value=1").status() == 200, container.name());
                assertEquals("1", ProbeApp.parse(browser.get(base + "info")).get("attr.a"));
            }
        }
    }

    @Test
    void redisKilledWhileServingFailsOnceFailoverWaitIsOverThenAtOnceThenRecovers() {
        RedisServer redis = track(RedisServer.start());
        ServletContainer tomcat = track(ProbeApp.start("tomcat", ProbeApp.spec("/app", redis,
                Map.of("sessionNamespace", "kill", "connectTimeout", "300ms", "failoverWait", "2s"))));
        String base = tomcat.baseUrl() + "/app/probe/";
        Browser browser = new Browser();
        browser.get(base + "create?name=a&value=1");
        redis.kill();
        long start = System.nanoTime();
        assertEquals(500, browser.get(base + "info").status());
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(firstMillis >= 2000, "the first request waited failoverWait out: " + firstMillis + " ms");
        start = System.nanoTime();
        assertEquals(500, browser.get(base + "info").status());
        long secondMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(secondMillis < 2000, "the outage outlasted failoverWait: the next request fails without waiting"
                + " it again: " + secondMillis + " ms");
        assertEquals(200, browser.get(base + "nosession").status());
        redis.restart();
        eventually(() -> browser.get(base + "create?name=b&value=2").status() == 200, "after restart");
        assertEquals("2", ProbeApp.parse(browser.get(base + "info")).get("attr.b"));
    }

    @Test
    void aRequestWaitsOutARestartWithinFailoverWait() throws Exception {
        RedisServer redis = track(RedisServer.start());
        ServletContainer tomcat = track(ProbeApp.start("tomcat", ProbeApp.spec("/app", redis,
                Map.of("sessionNamespace", "restart", "connectTimeout", "300ms", "failoverWait", "20s"))));
        String base = tomcat.baseUrl() + "/app/probe/";
        Browser browser = new Browser();
        assertEquals(200, browser.get(base + "nosession").status());
        redis.kill();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            long start = System.nanoTime();
            Future<Browser.Response> during = pool.submit(() -> browser.get(base + "create?name=b&value=2"));
            Thread.sleep(1500);
            assertTrue(!during.isDone(), "the request waits while Redis is down");
            redis.restart();
            assertEquals(200, during.get(15, TimeUnit.SECONDS).status());
            assertTrue(System.nanoTime() - start >= 1_500_000_000L);
        } finally {
            pool.shutdownNow();
        }
        Map<String, String> info = ProbeApp.parse(browser.get(base + "info"));
        assertEquals("2", info.get("attr.b"), "the session created while Redis was down is stored");
    }

    @Test
    void slowRedisFailsTheRequestOnceFailoverWaitIsOverInsteadOfHanging() throws Exception {
        RedisServer redis = track(RedisServer.start());
        ServletContainer tomcat = track(ProbeApp.start("tomcat", ProbeApp.spec("/app", redis,
                Map.of("sessionNamespace", "slow", "redisTimeout", "300ms", "failoverWait", "1s"))));
        String base = tomcat.baseUrl() + "/app/probe/";
        Browser browser = new Browser();
        browser.get(base + "create?name=a&value=1");
        try (RedisTestConnection admin = redis.connect()) {
            admin.command("CLIENT", "PAUSE", "4000", "ALL");
            Browser.Response during = browser.get(base + "info");
            assertEquals(500, during.status(), "a 4 s pause outlasts the 300 ms timeout and the 1 s failoverWait");
            admin.command("CLIENT", "UNPAUSE");
        }
        eventually(() -> "1".equals(ProbeApp.parse(browser.get(base + "info")).get("attr.a")), "after the pause");
    }

    @Test
    void expiriesDueWhileRedisDoesNotAnswerAreDeliveredOnceItDoes() throws Exception {
        RedisServer redis = track(RedisServer.start());
        ServletContainer tomcat = track(ProbeApp.start("tomcat", ProbeApp.spec("/app", redis,
                Map.of("sessionNamespace", "outage", "redisTimeout", "300ms", "sessionListeners",
                        RecordingListener.class.getName()))));
        String base = tomcat.baseUrl() + "/app/probe/";
        RecordingListener.EVENTS.clear();
        String id = ProbeApp.parse(new Browser().get(base + "create?timeout=1&name=payload&value=p")).get("id");
        try (LogCapture log = LogCapture.start(); RedisTestConnection admin = redis.connect()) {
            admin.command("CLIENT", "PAUSE", "3000", "ALL");
            Thread.sleep(2500);
            assertEquals(0, RecordingListener.of("destroyed", id).size(), "nothing can be claimed while paused");
            admin.command("CLIENT", "UNPAUSE");
            eventually(() -> RecordingListener.of("destroyed", id).size() == 1, "destroyed after the pause");
            assertEquals("payload=p", RecordingListener.of("destroyed", id).get(0).detail());
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("Expiry sweep of outage/")
                    && line.contains("failed")), log.lines().toString());
            eventually(() -> log.lines().stream().anyMatch(line -> line.contains("works again")), "recovery logged");
        }
        Thread.sleep(500);
        assertEquals(1, RecordingListener.of("destroyed", id).size());
    }

    /** Polls {@code condition} for up to 10 s and fails with {@code what} if it never holds. */
    static void eventually(Supplier<Boolean> condition, String what) {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (condition.get()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertTrue(condition.get(), what);
    }
}
