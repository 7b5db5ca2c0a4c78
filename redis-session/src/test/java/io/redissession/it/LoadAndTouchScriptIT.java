package io.redissession.it;

import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RespConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code load-and-touch.lua} on its own, against real Redis: the access time it writes as text built from
 * {@code TIME}, and the expiry it sets from the text it is given or, for another timeout, computes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadAndTouchScriptIT {

    private static final String KEY = "rs:t:session:{e001}aaaaaaaaaaaaaaaaaaaaaa";
    private static final String RETENTION = "3600000";

    private RedisServer redis;
    private RespConnection connection;
    private String sha;

    @BeforeAll
    void start() throws IOException {
        redis = RedisServer.start();
        connection = redis.connect();
        try (InputStream in = getClass().getResourceAsStream("/io/redissession/redis/load-and-touch.lua")) {
            sha = connection.string("SCRIPT", "LOAD", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    void stop() {
        connection.close();
        redis.close();
    }

    @BeforeEach
    void session() {
        connection.command("DEL", KEY);
        String now = Long.toString(serverMillis());
        connection.command("HSET", KEY, "created", now, "lastAccessed", now, "maxInactiveInterval", "1800",
                "attr:a", "x");
    }

    private long serverMillis() {
        List<?> time = (List<?>) connection.command("TIME");
        long seconds = Long.parseLong(new String((byte[]) time.get(0), StandardCharsets.US_ASCII));
        long micros = Long.parseLong(new String((byte[]) time.get(1), StandardCharsets.US_ASCII));
        return seconds * 1000 + micros / 1000;
    }

    private List<?> load(String defaultTimeout, String defaultExpiry) {
        return (List<?>) connection.command("EVALSHA", sha, "1", KEY, RETENTION, defaultTimeout, defaultExpiry);
    }

    @Test
    void writesTheServerTimeInMillisecondsWhateverItsMicrosecondDigits() {
        for (int i = 0; i < 500; i++) {
            long before = serverMillis();
            assertEquals(8, load("1800", "5400000").size());
            long after = serverMillis();
            String written = connection.string("HGET", KEY, "lastAccessed");
            long lastAccessed = Long.parseLong(written);
            assertTrue(before <= lastAccessed && lastAccessed <= after,
                    "lastAccessed " + written + " outside [" + before + ", " + after + "]");
        }
    }

    @Test
    void takesTheGivenExpiryForTheDefaultTimeout() {
        load("1800", "7000000");
        long ttl = connection.integer("PTTL", KEY);
        assertTrue(ttl > 6_990_000 && ttl <= 7_000_000, "ttl " + ttl);
    }

    @Test
    void computesTheExpiryOfAnotherTimeout() {
        load("600", "4200000");
        long ttl = connection.integer("PTTL", KEY);
        assertTrue(ttl > 5_390_000 && ttl <= 5_400_000, "ttl " + ttl + ": 1800 s plus the retention");
    }

    @Test
    void leavesANeverExpiringSessionWithoutExpiry() {
        connection.command("HSET", KEY, "maxInactiveInterval", "0");
        load("0", "3600000");
        assertEquals(-1, connection.integer("PTTL", KEY));
    }
}
