package io.redissession.it;

import io.redissession.testkit.RedisTestConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code create.lua} on its own, against real Redis, with the arguments {@code commit.lua} documents: what a new
 * session's hash, expiry and index entry hold; large values beside it with the same expiry; a session that never
 * expires; the ids it refuses without writing anything; and its {@code +read} form's reply.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreateScriptIT {

    private static final String ID = "e001aaaaaaaaaaaaaaaaaaaaaa";
    private static final String KEY = "rs:c:session:{e001}aaaaaaaaaaaaaaaaaaaaaa";
    private static final String INDEX = "rs:c:expiry:{e001}";
    private static final String LARGE = "rs:c:large:{e001}aaaaaaaaaaaaaaaaaaaaaa";
    private static final long CREATED = 1_765_000_000_000L;
    private static final String SLACK = "90000";
    private static final String EXPIRY = "1890000";

    private LoadedScript script;
    private RedisTestConnection connection;
    private String sha;

    @BeforeAll
    void start() throws IOException {
        script = new LoadedScript("create.lua");
        connection = script.connection();
        sha = script.sha();
    }

    @AfterAll
    void stop() {
        script.close();
    }

    @BeforeEach
    void empty() {
        connection.command("DEL", KEY, INDEX, LARGE);
    }

    /** Runs the script: {@code small} are name/value pairs, {@code large} name/mark/value triples. */
    private Object create(String op, String timeout, String userOp, String user, List<String> small,
            List<String> large) {
        List<String> args = new ArrayList<>(List.of("EVALSHA", sha, "3", KEY, INDEX, LARGE, op,
                Long.toString(CREATED), timeout, Integer.parseInt(timeout) > 0 ? EXPIRY : "", ID, "", "notices",
                "node-1", userOp, user, "", SLACK, Integer.toString(small.size() / 2)));
        for (int i = 0; i < small.size(); i += 2) {
            args.add("attr:" + small.get(i));
            args.add(small.get(i + 1));
        }
        args.add(Integer.toString(large.size() / 3));
        for (int i = 0; i < large.size(); i += 3) {
            args.addAll(List.of("attr:" + large.get(i), "large:" + large.get(i), large.get(i + 1), large.get(i + 2)));
        }
        args.add("ignored-removal");
        return connection.command(args.toArray(new String[0]));
    }

    private Map<String, String> hash(String key) {
        Map<String, String> text = new java.util.TreeMap<>();
        connection.hgetall(key).forEach((field, value) -> text.put(field, new String(value, StandardCharsets.UTF_8)));
        return text;
    }

    @Test
    void aNewSessionGetsItsFieldsItsExpiryAndItsIndexEntry() {
        assertEquals("SAVED", text(create("create", "1800", "", "", List.of("cart", "3 items"), List.of())));
        assertEquals(Map.of("created", Long.toString(CREATED), "lastAccessed", Long.toString(CREATED),
                "maxInactiveInterval", "1800", "touchSlack", SLACK, "attr:cart", "3 items"), hash(KEY));
        long ttl = connection.integer("PTTL", KEY);
        assertTrue(ttl > Long.parseLong(EXPIRY) - 60_000 && ttl <= Long.parseLong(EXPIRY), "PTTL " + ttl);
        assertEquals(Long.toString(CREATED + 1_800_000 + Long.parseLong(SLACK)), connection.string("ZSCORE", INDEX,
                ID), "due at its deadline plus the slack");
        assertEquals(0, connection.integer("EXISTS", LARGE), "no large values, no large-values hash");
    }

    @Test
    void aUserIsStoredWithTheSession() {
        assertEquals("SAVED", text(create("create", "1800", "set", "alice", List.of(), List.of())));
        assertEquals("alice", hash(KEY).get("user"));
    }

    @Test
    void largeValuesGoBesideTheSessionWithItsExpiry() {
        String big = "x".repeat(5000);
        assertEquals("SAVED", text(create("create", "1800", "", "", List.of("small", "s"),
                List.of("big", ";binding", big, "other", "", "yy"))));
        Map<String, String> session = hash(KEY);
        assertEquals("5000;binding", session.get("large:big"), "size and mark in the session hash");
        assertEquals("2", session.get("large:other"));
        assertEquals("s", session.get("attr:small"));
        assertNull(session.get("attr:big"));
        assertEquals(Map.of("attr:big", big, "attr:other", "yy"), hash(LARGE));
        long ttl = connection.integer("PTTL", LARGE);
        assertTrue(ttl > Long.parseLong(EXPIRY) - 60_000 && ttl <= Long.parseLong(EXPIRY), "PTTL " + ttl);
    }

    @Test
    void aSessionThatNeverExpiresIsCountedButNeverDue() {
        assertEquals("SAVED", text(create("create", "0", "", "", List.of("a", "b"), List.of("big", "", "zzz"))));
        assertEquals(-1, connection.integer("PTTL", KEY));
        assertEquals(-1, connection.integer("PTTL", LARGE));
        assertEquals("inf", connection.string("ZSCORE", INDEX, ID));
    }

    @Test
    void anIdInUseIsRefusedAndLeftAsItWas() {
        connection.command("HSET", KEY, "created", "1", "attr:cart", "theirs");
        assertEquals("ID_TAKEN", text(create("create", "1800", "", "", List.of("cart", "mine"), List.of())));
        assertEquals(Map.of("created", "1", "attr:cart", "theirs"), hash(KEY));
        assertEquals(-1, connection.integer("PTTL", KEY));
        assertEquals(0, connection.integer("ZCARD", INDEX));
    }

    @Test
    void anIdALoginPolicyEndedBeforeItsCreationIsRefused() {
        connection.command("HSET", KEY, "loggedOut", "expire-oldest");
        assertEquals("LOGGED_OUT", text(create("create", "1800", "set", "alice", List.of("cart", "mine"),
                List.of())));
        assertEquals(Map.of("loggedOut", "expire-oldest"), hash(KEY));
        assertEquals(0, connection.integer("ZCARD", INDEX));
    }

    @Test
    void theReadFormCountsTheWriteAndReturnsTheHashAsWritten() {
        List<?> reply = (List<?>) create("create+read", "1800", "", "", List.of("cart", "3 items"), List.of());
        assertEquals("SAVED", text(reply.get(0)));
        List<String> fields = new ArrayList<>();
        reply.subList(1, reply.size()).forEach(item -> fields.add(text(item)));
        int stamp = fields.indexOf("stamp");
        assertTrue(stamp >= 0 && stamp % 2 == 0, "a stamp field: " + fields);
        assertEquals("1", fields.get(stamp + 1));
        assertTrue(fields.containsAll(Arrays.asList("attr:cart", "3 items", "touchSlack", SLACK)), fields.toString());
        assertEquals("1", hash(KEY).get("stamp"));
    }

    private static String text(Object reply) {
        return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
    }
}
