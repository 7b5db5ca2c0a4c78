package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Concurrent requests of one session: no lost update of different attributes, no resurrection. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrencyIT {

    private ProbeDeployment deployment;
    private TopologyCli redisCli;
    private List<ServletContainer> containers;

    @BeforeAll
    void start() {
        deployment = ProbeDeployment.start("race", topology());
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


    private static Browser browserWith(String url, String id) {
        Browser browser = new Browser();
        HttpCookie cookie = new HttpCookie("RSESSION_race", id);
        cookie.setPath("/");
        cookie.setVersion(0);
        browser.setCookie(URI.create(url), cookie);
        return browser;
    }

    @Test
    void parallelWritersOfDifferentAttributesAllSurvive() throws Exception {
        String first = containers.get(0).baseUrl() + "/app/probe/";
        String id = ProbeApp.parse(new Browser().get(first + "create")).get("id");
        int writers = 12;
        int rounds = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int w = 0; w < writers; w++) {
                int writer = w;
                ServletContainer container = containers.get(w % containers.size());
                String base = container.baseUrl() + "/app/probe/";
                done.add(pool.submit(() -> {
                    Browser browser = browserWith(base, id);
                    go.await();
                    for (int r = 1; r <= rounds; r++) {
                        Browser.Response response = browser.get(base + "set?name=w" + writer + "&value=" + r);
                        assertEquals(200, response.status(), response.body());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, String> info = ProbeApp.parse(browserWith(first, id).get(first + "info"));
        for (int w = 0; w < writers; w++) {
            assertEquals(String.valueOf(rounds), info.get("attr.w" + w), "writer " + w + " in " + info);
        }
    }

    @Test
    void aWriteRacingInvalidateNeverResurrectsTheSession() throws Exception {
        for (ServletContainer container : containers) {
            String base = container.baseUrl() + "/app/probe/";
            Browser owner = new Browser();
            String id = ProbeApp.parse(owner.get(base + "create?name=a&value=1")).get("id");
            ProbeServlet.Hold held = new ProbeServlet.Hold(topology() + "-invalidate-race-" + container.name());
            Browser slow = browserWith(base, id);
            CompletableFuture<Browser.Response> slowWrite = CompletableFuture.supplyAsync(
                    () -> slow.get(base + "set?name=late&value=x&" + held.query("before-set")));
            assertTrue(held.awaitReached());
            assertEquals("invalidated", owner.get(base + "invalidate").body().lines().findFirst().orElse(""));
            assertEquals(0, redisCli.integer("EXISTS", deployment.key(id)));
            held.release();
            assertEquals(200, slowWrite.get(20, TimeUnit.SECONDS).status());
            assertEquals(0, redisCli.integer("EXISTS", deployment.key(id)),
                "the late write must not recreate the session");
            assertEquals("none", ProbeApp.parse(slow.get(base + "info")).get("session"));
        }
    }

    @Test
    void aWriteRacingExpiryNeverResurrectsTheSession() throws Exception {
        String base = containers.get(0).baseUrl() + "/app/probe/";
        Browser owner = new Browser();
        String id = ProbeApp.parse(owner.get(base + "create?name=a&value=1")).get("id");
        ProbeServlet.Hold held = new ProbeServlet.Hold(topology() + "-expiry-race");
        CompletableFuture<Browser.Response> slowWrite = CompletableFuture.supplyAsync(
                () -> owner.get(base + "set?name=late&value=x&" + held.query("before-set")));
        assertTrue(held.awaitReached());
        redisCli.command("PEXPIRE", deployment.key(id), "1");
        Thread.sleep(50);
        held.release();
        assertEquals(200, slowWrite.get(20, TimeUnit.SECONDS).status());
        assertEquals(0, redisCli.integer("EXISTS", deployment.key(id)),
                "the late write must not recreate the session");
    }
}
