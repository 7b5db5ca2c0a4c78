package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisMonitor;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RedisTopology;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values over {@code largeAttributeSize} live in the session's large-values hash: a load brings only the small
 * values and the large ones' names, a request reads a large value only when it needs it, and the large values move,
 * expire, are renamed and are destroyed with their session.
 */
class LargeAttributesIT {

    private static final Map<String, String> PARAMS = Map.of("sessionNamespace", "large", "sessionListeners",
            RecordingListener.class.getName());

    @BeforeEach
    void clear() {
        RecordingListener.EVENTS.clear();
    }

    private static String big(char c) {
        return String.valueOf(c).repeat(2000);
    }

    private static String largeKey(String id) {
        return "redis-session:large:large:{" + id.substring(0, 4) + "}" + id.substring(4);
    }

    @Test
    void aRequestCostsRedisOnlyWhatItReads() {
        try (RedisServer redis = RedisServer.start();
                ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", redis, PARAMS))) {
            String base = tomcat.url("/app/probe/");
            Browser browser = new Browser();
            String id = ProbeApp.parse(browser.get(base + "create?name=user&value=alice")).get("id");
            for (int i = 0; i < 20; i++) {
                browser.get(base + "set?name=big" + i + "&value=" + big((char) ('a' + i)));
            }
            try (RedisMonitor monitor = RedisMonitor.start(redis); var admin = redis.connect()) {
                Map<String, byte[]> hash = admin.hgetall(ProbeApp.sessionKey("large", id));
                long loaded = hash.entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().length).sum();
                assertTrue(loaded < 2048, "the session hash a load reads holds " + loaded + " bytes");
                assertTrue(Integer.parseInt(new String(hash.get("large:big3"), StandardCharsets.UTF_8)) > 2000,
                        "large:big3 holds the size of the serialized value");
                assertFalse(hash.containsKey("attr:big3"));
                assertEquals(20, admin.integer("HLEN", largeKey(id)));

                monitor.drain();
                assertEquals("value=alice", browser.get(base + "get?name=user").body().trim());
                assertEquals(List.of("HGETALL"), ProbeApp.requestCommands(monitor.drainTopLevel()));

                assertEquals("value=" + big('d'), browser.get(base + "get?name=big3").body().trim());
                List<String> read = ProbeApp.requestCommands(monitor.drainTopLevel());
                assertEquals(List.of("HGETALL", "HMGET"), read, "the large value only when read");

                browser.get(base + "set?name=big4&value=" + big('z'));
                assertEquals(List.of("HGETALL", "HMGET", "EVALSHA"), ProbeApp.requestCommands(
                        monitor.drainTopLevel()), "replacing reads the previous value for the listeners");
                assertEquals("value=" + big('z'), browser.get(base + "get?name=big4").body().trim());
            }
        }
    }

    @Test
    void withoutAttributeListenersAReplacedLargeValueIsNotReadUnlessItIsABindingListener() {
        try (RedisServer redis = RedisServer.start();
                ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", redis,
                        Map.of("sessionNamespace", "large-quiet")))) {
            String base = tomcat.url("/app/probe/");
            Browser browser = new Browser();
            browser.get(base + "create?name=a&value=" + big('a'));
            browser.get(base + "bind?name=probe&value=" + big('p'));
            BindingProbe.EVENTS.clear();
            try (RedisMonitor monitor = RedisMonitor.start(redis)) {
                monitor.drain();
                browser.get(base + "set?name=a&value=" + big('b'));
                assertEquals(List.of("HGETALL", "EVALSHA"), ProbeApp.requestCommands(monitor.drainTopLevel()),
                        "nobody needs the replaced value");
                assertEquals("value=" + big('b'), browser.get(base + "get?name=a").body().trim());
                monitor.drainTopLevel();

                browser.get(base + "set?name=probe&value=plain");
                assertEquals(List.of("HGETALL", "HMGET", "EVALSHA"), ProbeApp.requestCommands(
                        monitor.drainTopLevel()), "a binding listener is read, to be told");
                assertEquals(List.of("activate:" + big('p'), "unbound:" + big('p') + ":probe"),
                        BindingProbe.EVENTS);

                browser.get(base + "remove?name=a");
                assertEquals(List.of("HGETALL", "EVALSHA"), ProbeApp.requestCommands(monitor.drainTopLevel()),
                        "removed unread");
                assertEquals("[probe]", ProbeApp.parse(browser.get(base + "info")).get("names"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"standalone", "cluster"})
    void largeValuesMoveAndLiveAndDieWithTheirSession(String topology) {
        RedisTopology redis = SharedTopologies.get(topology);
        TopologyCli cli = new TopologyCli(redis);
        try (ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", redis.uri(), PARAMS));
                ServletContainer jetty = ProbeApp.start("jetty", ProbeApp.spec("/app", redis.uri(), PARAMS))) {
            Browser browser = new Browser();
            String id = ProbeApp.parse(browser.get(tomcat.url("/app/probe/create?name=payload&value=" + big('p'))))
                    .get("id");
            assertEquals("value=" + big('p'), browser.get(jetty.url("/app/probe/get?name=payload")).body().trim(),
                    "written on one node, read on another");
            long ttl = cli.integer("PTTL", largeKey(id));
            long sessionTtl = cli.integer("PTTL", ProbeApp.sessionKey("large", id));
            assertTrue(ttl > 0 && Math.abs(ttl - sessionTtl) < 5000, ttl + " vs " + sessionTtl);

            browser.get(jetty.url("/app/probe/set?name=payload&value=small"));
            assertEquals(0, cli.integer("HEXISTS", largeKey(id), "attr:payload"), "made small: moved out");
            assertEquals("value=small", browser.get(tomcat.url("/app/probe/get?name=payload")).body().trim());
            browser.get(tomcat.url("/app/probe/set?name=payload&value=" + big('q')));
            assertNull(cli.hgetall(ProbeApp.sessionKey("large", id)).get("attr:payload"), "large again");
            assertEquals("[payload]", ProbeApp.parse(browser.get(jetty.url("/app/probe/info"))).get("names"));

            String renewed = ProbeApp.parse(browser.get(tomcat.url("/app/probe/change-id"))).get("new");
            assertEquals(0, cli.integer("EXISTS", largeKey(id)), "renamed with the session");
            assertEquals("value=" + big('q'), browser.get(jetty.url("/app/probe/get?name=payload")).body().trim());

            browser.get(jetty.url("/app/probe/set?name=extra&value=" + big('x')));
            browser.get(tomcat.url("/app/probe/remove?name=extra"));
            assertEquals(0, cli.integer("HEXISTS", largeKey(renewed), "attr:extra"), "removed");

            browser.get(jetty.url("/app/probe/invalidate"));
            assertEquals("payload=" + big('q'), RecordingListener.of("destroyed", renewed).get(0).detail(),
                    "the destroy event sees the large value");
            assertEquals(0, cli.integer("EXISTS", largeKey(renewed)), "deleted with the session");

            String expiring = ProbeApp.parse(new Browser().get(tomcat.url("/app/probe/create?timeout=1&name=payload"
                    + "&value=" + big('e')))).get("id");
            ResilienceIT.eventually(() -> !RecordingListener.of("destroyed", expiring).isEmpty(), "expired");
            assertEquals("payload=" + big('e'), RecordingListener.of("destroyed", expiring).get(0).detail(),
                    "the expiry event sees the large value");
            ResilienceIT.eventually(() -> cli.integer("EXISTS", largeKey(expiring)) == 0, "deleted on expiry");
        }
    }
}
