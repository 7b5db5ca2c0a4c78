package io.redissession.it;

import io.redissession.serializer.JdkSerializer;
import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisTopology;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unreadable stored data: isolated per attribute, never an error on every request, never deleted by reading. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorruptDataIT {

    /** Serialized, then renamed in the bytes to a class that does not exist. */
    record Gone(String value) implements Serializable {
    }

    private TopologyCli redisCli;
    private ServletContainer tomcat;
    private String base;

    @BeforeAll
    void start() {
        RedisTopology redis = SharedTopologies.get(topology());
        redisCli = new TopologyCli(redis);
        tomcat = ProbeApp.start("tomcat",
                ProbeApp.spec("/app", redis.uri(), Map.of("sessionNamespace", "corrupt", "saveMode", "always",
                        "sessionListeners", RecordingListener.class.getName())),
                ProbeApp.spec("/json", redis.uri(), Map.of("sessionNamespace", "corruptjson", "serializer", "json",
                        "distributable", "true")));
        base = tomcat.baseUrl() + "/app/probe/";
    }

    @AfterAll
    void stop() {
        tomcat.close();
    }

    /** @return the Redis topology this suite runs on; subclasses run it on the others */
    String topology() {
        return "standalone";
    }


    @Test
    void aTimedOutSessionWithAnUnreadableAttributeIsDestroyedOnceWithItsOtherAttributes() throws Exception {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(base + "create?timeout=1&name=payload&value=kept")).get("id");
        String key = ProbeApp.sessionKey("corrupt", id);
        redisCli.command("HSET".getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8),
                "attr:gone".getBytes(StandardCharsets.UTF_8), renamedClass());
        long deadline = System.currentTimeMillis() + 10_000;
        while (RecordingListener.of("destroyed", id).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertEquals(1, RecordingListener.of("destroyed", id).size(), RecordingListener.EVENTS.toString());
        assertEquals("payload=kept", RecordingListener.of("destroyed", id).get(0).detail());
        assertEquals(0, redisCli.integer("EXISTS", key));
    }

    @Test
    void aTimedOutSessionWithUnreadableMetadataIsLeftForInspectionWithoutAnEvent() throws Exception {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(base + "create?timeout=1&name=payload&value=x")).get("id");
        String key = ProbeApp.sessionKey("corrupt", id);
        String index = "redis-session:corrupt:expiries:{" + id.substring(0, 4) + "}";
        redisCli.command("HSET", key, "lastAccessed", "yesterday");
        try (LogCapture log = LogCapture.start()) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (redisCli.command("ZSCORE", index, id) != null && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(null, redisCli.command("ZSCORE", index, id), "dropped from the expiry index");
            assertEquals(1, redisCli.integer("EXISTS", key), "kept for inspection until its TTL");
            assertTrue(redisCli.integer("PTTL", key) > 0);
            // the sweep logs just after its script dropped the entry: wait for the line rather than race it
            ResilienceIT.eventually(() -> log.lines().stream().anyMatch(line -> line.contains("Session [" + id
                    + "] timed out but its metadata is unreadable")), "the unreadable metadata is logged");
            assertEquals(0, RecordingListener.of("destroyed", id).size());
        }
    }

    @Test
    void corruptAndMissingClassAttributesAreIsolatedAndKept() {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(base + "create?name=good&value=fine")).get("id");
        String key = ProbeApp.sessionKey("corrupt", id);
        byte[] garbage = {(byte) 0xAC, (byte) 0xED, 0, 5, 1, 2, 3};
        byte[] missingClass = renamedClass();
        redisCli.command("HSET".getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8),
                "attr:garbage".getBytes(StandardCharsets.UTF_8), garbage,
                "attr:gone".getBytes(StandardCharsets.UTF_8), missingClass);

        for (int i = 0; i < 3; i++) {
            Browser.Response response = browser.get(base + "info");
            assertEquals(200, response.status(), response.body());
            Map<String, String> info = ProbeApp.parse(response);
            assertEquals("[good]", info.get("names"));
            assertEquals("fine", info.get("attr.good"));
        }
        assertEquals("value=null", browser.get(base + "get?name=gone").body().trim());
        browser.get(base + "set?name=other&value=1");
        Map<String, byte[]> hash = redisCli.hgetall(key);
        assertArrayEquals(garbage, hash.get("attr:garbage"), "kept untouched even with saveMode=always");
        assertArrayEquals(missingClass, hash.get("attr:gone"));

        browser.get(base + "set?name=gone&value=replaced");
        assertEquals("replaced", ProbeApp.parse(browser.get(base + "info")).get("attr.gone"));
    }

    @Test
    void corruptMetadataOrWrongKeyTypeMeansNoSession() {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(base + "create?name=a&value=1")).get("id");
        redisCli.command("HSET", ProbeApp.sessionKey("corrupt", id), "maxInactiveInterval", "soon");
        assertEquals("none", ProbeApp.parse(browser.get(base + "info")).get("session"));
        Map<String, String> fresh = ProbeApp.parse(browser.get(base + "create"));
        assertEquals("true", fresh.get("new"));

        Browser other = new Browser();
        String second = ProbeApp.parse(other.get(base + "create")).get("id");
        redisCli.command("DEL", ProbeApp.sessionKey("corrupt", second));
        redisCli.command("SET", ProbeApp.sessionKey("corrupt", second), "not a hash");
        assertEquals("none", ProbeApp.parse(other.get(base + "info")).get("session"));
        assertEquals(200, other.get(base + "create").status());
    }

    @Test
    void jsonSerializerStoresReadableJsonAndRefusesUnlistedTypes() {
        Browser browser = new Browser();
        String json = tomcat.baseUrl() + "/json/probe/";
        String id = ProbeApp.parse(browser.get(json + "create?name=user&value=alice")).get("id");
        byte[] stored = redisCli.hgetall(ProbeApp.sessionKey("corruptjson", id)).get("attr:user");
        assertEquals("{\"@class\":\"java.lang.String\",\"value\":\"alice\"}",
                new String(stored, StandardCharsets.UTF_8));
        redisCli.command("HSET", ProbeApp.sessionKey("corruptjson", id), "attr:gadget",
                "{\"@class\":\"java.net.URL\",\"value\":\"http://127.0.0.1/\"}");
        Map<String, String> info = ProbeApp.parse(browser.get(json + "info"));
        assertEquals("[user]", info.get("names"));
        BindingProbe.EVENTS.clear();
        Browser.Response refused = browser.get(json + "bind?name=probe&value=x");
        assertEquals(500, refused.status(), "a distributable application refuses a type outside the allow-list");
        assertEquals(List.of(), BindingProbe.EVENTS, "no valueBound for a value that is refused");
        assertTrue(redisCli.hgetall(ProbeApp.sessionKey("corruptjson", id)).containsKey("attr:user"));
    }

    private static byte[] renamedClass() {
        byte[] bytes = new JdkSerializer().serialize(new Gone("x"));
        byte[] name = Gone.class.getName().getBytes(StandardCharsets.UTF_8);
        byte[] replacement = name.clone();
        replacement[replacement.length - 1] = 'X';
        for (int i = 0; i + name.length <= bytes.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(bytes, i, i + name.length), name)) {
                System.arraycopy(replacement, 0, bytes, i, name.length);
                return bytes;
            }
        }
        throw new IllegalStateException("class name not found in stream");
    }
}
