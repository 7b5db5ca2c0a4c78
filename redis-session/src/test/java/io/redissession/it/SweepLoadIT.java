package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RedisTestConnection;
import io.redissession.testkit.ServletContainer;
import io.redissession.testkit.WebAppSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The expiry sweep's Redis load does not grow with the number of nodes: 20 filters of one namespace (20 web
 * applications in one Tomcat, each with its own connection and sweeper) send Redis about what one sends, because
 * only the holder of the sweep lease reads the index. Expiries are still delivered exactly once, on time.
 */
class SweepLoadIT {

    private static final int NODES = 20;
    private static final long WINDOW_MILLIS = 12_000;
    private static final Map<String, String> PARAMS = Map.of("sessionNamespace", "sweep", "expiryCheckInterval",
            "250ms", "sessionListeners", RecordingListener.class.getName());

    @Test
    void twentyNodesSweepAtTheCostOfOne() throws InterruptedException {
        RecordingListener.EVENTS.clear();
        try (RedisServer redis = RedisServer.start(); RedisTestConnection admin = redis.connect()) {
            double one;
            try (ServletContainer single = ProbeApp.start("tomcat", ProbeApp.spec("/n0", redis, PARAMS))) {
                Thread.sleep(1000);
                one = sweepCommandsPerSecond(admin);
            }
            List<WebAppSpec> apps = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                apps.add(ProbeApp.spec("/n" + i, redis, PARAMS));
            }
            try (ServletContainer many = ProbeApp.start("tomcat", apps.toArray(new WebAppSpec[0]))) {
                Thread.sleep(1000);
                double twenty = sweepCommandsPerSecond(admin);
                System.out.printf("SWEEP LOAD: 1 node %.1f commands/s, %d nodes %.1f commands/s (%.3fx)%n", one,
                        NODES, twenty, twenty / one);
                assertTrue(one > 256, "one node reads the 256 shards several times a second: " + one);
                assertTrue(twenty <= one * 1.10, NODES + " nodes send " + twenty + " sweep commands/s, one node "
                        + one);
                assertExpiriesDeliveredOnceOnTime(many);
            }
        }
    }

    /** @return the index reads and scripts (lease, claims) Redis ran per second over the window */
    private static double sweepCommandsPerSecond(RedisTestConnection admin) throws InterruptedException {
        long before = sweepCommands(admin);
        long start = System.nanoTime();
        Thread.sleep(WINDOW_MILLIS);
        long after = sweepCommands(admin);
        return (after - before) * 1e9 / (System.nanoTime() - start);
    }

    private static long sweepCommands(RedisTestConnection admin) {
        Map<String, String> stats = admin.info("commandstats");
        return RedisClients.calls(stats.get("cmdstat_zrangebyscore")) + RedisClients.scriptCalls(admin);
    }

    private static void assertExpiriesDeliveredOnceOnTime(ServletContainer many) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(ProbeApp.parse(new Browser().get(many.url("/n" + (i % NODES) + "/probe/create?timeout=1"
                    + "&name=payload&value=p" + i))).get("id"));
        }
        long deadline = System.currentTimeMillis() + 20_000;
        while (RecordingListener.of("destroyed").size() < ids.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        Map<String, List<RecordingListener.Event>> byId = RecordingListener.of("destroyed").stream()
                .collect(Collectors.groupingBy(RecordingListener.Event::id, Collectors.mapping(Function.identity(),
                        Collectors.toList())));
        long maxDelay = 0;
        for (String id : ids) {
            List<RecordingListener.Event> events = byId.getOrDefault(id, List.of());
            assertEquals(1, events.size(), "destroy events of " + id + ": " + events);
            maxDelay = Math.max(maxDelay, events.get(0).at() - events.get(0).deadline());
        }
        System.out.println("SWEEP LOAD: " + ids.size() + " sessions on " + NODES + " nodes destroyed exactly once,"
                + " max delay after the timeout " + maxDelay + " ms (slack 50 ms included)");
        assertTrue(maxDelay < 1500, "max delay " + maxDelay + " ms");
    }
}
