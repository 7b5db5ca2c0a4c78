package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisTopology;
import io.redissession.testkit.ServletContainer;
import io.redissession.testkit.WebAppSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of sessions with 1 to 3 s timeouts on three nodes (Tomcat, Jetty, Undertow); one node stops part-way
 * and another starts. Every session gets exactly one {@code sessionDestroyed} across the nodes, with its attribute
 * readable. Also: sessions that time out while no node runs are destroyed when a node comes back.
 */
class ExpiryAtScaleIT {

    private static final int SESSIONS = 2000;
    private static final Map<String, String> PARAMS = Map.of("sessionNamespace", "scale", "sessionListeners",
            RecordingListener.class.getName());

    @BeforeEach
    void clear() {
        RecordingListener.EVENTS.clear();
    }

    @Test
    void everySessionIsDestroyedExactlyOnceOnStandalone() throws Exception {
        expireAtScale("standalone", ProbeApp.spec("/app", SharedTopologies.get("standalone").uri(), PARAMS));
    }

    @Test
    void everySessionIsDestroyedExactlyOnceOnCluster() throws Exception {
        expireAtScale("cluster", ProbeApp.spec("/app", SharedTopologies.get("cluster").uri(), PARAMS));
    }

    @Test
    void sessionsThatTimedOutWhileNoNodeRanAreDestroyedWhenOneStarts() throws Exception {
        RedisTopology redis = SharedTopologies.get("standalone");
        TopologyCli redisCli = new TopologyCli(redis);
        Map<String, String> params = Map.of("sessionNamespace", "offline", "sessionListeners",
                RecordingListener.class.getName());
        WebAppSpec spec = ProbeApp.spec("/app", redis.uri(), params);
        List<String> ids = new ArrayList<>();
        try (ServletContainer only = ProbeApp.start("jetty", spec)) {
            for (int i = 0; i < 50; i++) {
                ids.add(ProbeApp.parse(new Browser().get(only.baseUrl() + "/app/probe/create?timeout=1"
                        + "&name=payload&value=p" + i)).get("id"));
            }
        }
        Thread.sleep(2500);
        assertEquals(0, RecordingListener.of("destroyed").size(), "no node ran");
        assertEquals(1, redisCli.integer("EXISTS", ProbeApp.sessionKey("offline", ids.get(0))),
                "the data waits for a node");
        try (ServletContainer back = ProbeApp.start("undertow", spec)) {
            awaitDestroyed(ids.size(), 20_000);
        }
        Map<String, List<RecordingListener.Event>> byId = destroyedById();
        for (int i = 0; i < ids.size(); i++) {
            List<RecordingListener.Event> events = byId.get(ids.get(i));
            assertEquals(1, events == null ? 0 : events.size(), ids.get(i));
            assertEquals("payload=p" + i, events.get(0).detail());
        }
        assertEquals(0, redisCli.integer("EXISTS", ProbeApp.sessionKey("offline", ids.get(0))));
    }

    private void expireAtScale(String topology, WebAppSpec spec) throws Exception {
        List<ServletContainer> nodes = new ArrayList<>(List.of(ProbeApp.start("tomcat", spec),
                ProbeApp.start("jetty", spec), ProbeApp.start("undertow", spec)));
        ServletContainer stopped = nodes.get(2);
        ServletContainer started = null;
        Map<String, String> payloads = new ConcurrentHashMap<>();
        Map<String, String> creators = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                int n = i;
                boolean secondHalf = n >= SESSIONS / 2;
                ServletContainer node = secondHalf ? nodes.get(n % 2) : nodes.get(n % 3);
                work.add(clients.submit(() -> {
                    Map<String, String> created = ProbeApp.parse(new Browser().get(node.baseUrl()
                            + "/app/probe/create?timeout=" + (1 + n % 3) + "&name=payload&value=p" + n));
                    payloads.put(created.get("id"), "payload=p" + n);
                    creators.put(created.get("id"), node.name());
                }));
                if (n == SESSIONS / 2) {
                    for (Future<?> done : work) {
                        done.get();
                    }
                    stopped.close();
                }
            }
            for (Future<?> done : work) {
                done.get();
            }
            started = ProbeApp.start("tomcat", spec);
            awaitDestroyed(SESSIONS, 60_000);
        } finally {
            clients.shutdownNow();
            ProbeApp.closeAll(nodes);
            if (started != null) {
                started.close();
            }
        }
        assertEquals(SESSIONS, payloads.size());
        Map<String, List<RecordingListener.Event>> byId = destroyedById();
        long maxDelay = 0;
        for (Map.Entry<String, String> session : payloads.entrySet()) {
            List<RecordingListener.Event> events = byId.getOrDefault(session.getKey(), List.of());
            assertEquals(1, events.size(), "destroy events of " + session.getKey() + ": " + events);
            assertEquals(session.getValue(), events.get(0).detail(), "attributes readable during the event");
            maxDelay = Math.max(maxDelay, events.get(0).at() - events.get(0).deadline());
        }
        assertEquals(SESSIONS, byId.size(), "no event for a session that was not created");
        Map<String, Long> perNode = RecordingListener.of("destroyed").stream()
                .collect(Collectors.groupingBy(e -> e.node().replaceAll("/.*@", "@"), Collectors.counting()));
        long createdOnStopped = creators.values().stream().filter(stopped.name()::equals).count();
        assertTrue(createdOnStopped > 0);
        System.out.println("EXPIRY " + topology + ": " + SESSIONS + " sessions (" + createdOnStopped + " created on"
                + " the node stopped part-way), each destroyed exactly once; max delay after the deadline "
                + maxDelay + " ms; events per node " + perNode);
    }

    private static Map<String, List<RecordingListener.Event>> destroyedById() {
        return RecordingListener.of("destroyed").stream()
                .collect(Collectors.groupingBy(RecordingListener.Event::id, Collectors.mapping(Function.identity(),
                        Collectors.toList())));
    }

    private static void awaitDestroyed(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (RecordingListener.of("destroyed").size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1500);
    }
}
