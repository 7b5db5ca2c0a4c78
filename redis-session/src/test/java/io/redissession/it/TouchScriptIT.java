package io.redissession.it;

import io.redissession.testkit.RedisTestConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code touch.lua} on its own, against real Redis: the access time it writes as text built from {@code TIME}, the
 * slack and expiry it sets from the text it is given or, for another timeout, computes, and the accesses it does
 * not record because the stored one is recent enough (no write at all: no {@code HSET}, no {@code PEXPIRE}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TouchScriptIT {

    private static final String KEY = "rs:t:session:{e001}aaaaaaaaaaaaaaaaaaaaaa";
    private static final String LARGE = "rs:t:large:{e001}aaaaaaaaaaaaaaaaaaaaaa";
    private static final String RETENTION = "3600000";
    private static final String SHARE = "5";

    private LoadedScript script;
    private RedisTestConnection connection;
    private String sha;

    @BeforeAll
    void start() throws IOException {
        script = new LoadedScript("touch.lua");
        connection = script.connection();
        sha = script.sha();
    }

    @AfterAll
    void stop() {
        script.close();
    }

    @BeforeEach
    void session() {
        connection.command("DEL", KEY);
        accessedAgo(100_000);
        connection.command("HSET", KEY, "created", connection.string("HGET", KEY, "lastAccessed"),
                "maxInactiveInterval", "1800", "attr:a", "x");
    }

    private void accessedAgo(long millis) {
        connection.command("HSET", KEY, "lastAccessed", Long.toString(serverMillis() - millis), "touchSlack",
                "90000");
    }

    private long serverMillis() {
        List<?> time = (List<?>) connection.command("TIME");
        long seconds = Long.parseLong(new String((byte[]) time.get(0), StandardCharsets.US_ASCII));
        long micros = Long.parseLong(new String((byte[]) time.get(1), StandardCharsets.US_ASCII));
        return seconds * 1000 + micros / 1000;
    }

    private long touch(String defaultTimeout, String defaultExpiry, String defaultSlack) {
        return connection.integer("EVALSHA", sha, "2", KEY, LARGE, RETENTION, SHARE, defaultTimeout, defaultExpiry,
                defaultSlack);
    }

    private long calls(String command) {
        return RedisClients.calls(connection.info("commandstats").get("cmdstat_" + command));
    }

    @Test
    void writesTheServerTimeInMillisecondsWhateverItsMicrosecondDigits() {
        for (int i = 0; i < 500; i++) {
            accessedAgo(100_000);
            long before = serverMillis();
            assertEquals(1, touch("1800", "5490000", "90000"));
            long after = serverMillis();
            String written = connection.string("HGET", KEY, "lastAccessed");
            long lastAccessed = Long.parseLong(written);
            assertTrue(before <= lastAccessed && lastAccessed <= after,
                    "lastAccessed " + written + " outside [" + before + ", " + after + "]");
            assertEquals("90000", connection.string("HGET", KEY, "touchSlack"));
        }
    }

    @Test
    void writesNothingWhileTheStoredAccessIsWithinTheSlack() {
        accessedAgo(89_000);
        String stored = connection.string("HGET", KEY, "lastAccessed");
        long hsets = calls("hset");
        long expires = calls("pexpire");
        assertEquals(2, touch("1800", "5490000", "90000"));
        assertEquals(stored, connection.string("HGET", KEY, "lastAccessed"));
        assertEquals(hsets, calls("hset"), "no HSET");
        assertEquals(expires, calls("pexpire"), "no PEXPIRE");
        accessedAgo(91_000);
        assertEquals(1, touch("1800", "5490000", "90000"));
    }

    @Test
    void takesTheGivenExpiryForTheDefaultTimeout() {
        connection.command("DEL", LARGE);
        connection.command("HSET", LARGE, "attr:big", "x".repeat(2000));
        touch("1800", "7000000", "90000");
        long ttl = connection.integer("PTTL", KEY);
        assertTrue(ttl > 6_990_000 && ttl <= 7_000_000, "ttl " + ttl);
        long largeTtl = connection.integer("PTTL", LARGE);
        assertTrue(largeTtl > 6_990_000 && largeTtl <= 7_000_000, "the large values' ttl " + largeTtl);
        connection.command("DEL", LARGE);
    }

    @Test
    void computesTheSlackAndExpiryOfAnotherTimeout() {
        touch("600", "4230000", "30000");
        long ttl = connection.integer("PTTL", KEY);
        assertTrue(ttl > 5_480_000 && ttl <= 5_490_000, "ttl " + ttl + ": 1800 s plus 5 % plus the retention");
        assertEquals("90000", connection.string("HGET", KEY, "touchSlack"));
    }

    @Test
    void leavesANeverExpiringSessionWithoutExpiry() {
        connection.command("HSET", KEY, "maxInactiveInterval", "0", "touchSlack", "0");
        assertEquals(1, touch("0", "3600000", "0"));
        assertEquals(-1, connection.integer("PTTL", KEY));
    }

    @Test
    void leavesASessionPastItsDeadlineAlone() {
        accessedAgo(1_800_000 + 90_001);
        String stored = connection.string("HGET", KEY, "lastAccessed");
        assertEquals(0, touch("1800", "5490000", "90000"));
        assertEquals(stored, connection.string("HGET", KEY, "lastAccessed"));
        connection.command("DEL", KEY);
        assertEquals(0, touch("1800", "5490000", "90000"));
        assertNull(connection.command("HGET", KEY, "lastAccessed"));
    }
}
