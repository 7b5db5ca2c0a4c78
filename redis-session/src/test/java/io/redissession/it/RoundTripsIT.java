package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisMonitor;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RedisTestConnection;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Counts the Redis commands each kind of request sends, as the Redis server sees them (MONITOR), so the
 * round-trip promises and docs/data-layout.md cannot drift.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoundTripsIT {

    private RedisServer redis;
    private ServletContainer tomcat;
    private RedisMonitor monitor;

    @BeforeAll
    void start() {
        redis = RedisServer.start();
        tomcat = ProbeApp.start("tomcat",
                ProbeApp.spec("/app", redis, Map.of("sessionNamespace", "rt")),
                ProbeApp.spec("/eager", redis, Map.of("sessionNamespace", "rt", "flush", "immediate")),
                ProbeApp.spec("/strict", redis, Map.of("sessionNamespace", "rt", "sessionAccess", "every-request",
                        "touchShare", "5%")),
                ProbeApp.spec("/exact", redis, Map.of("sessionNamespace", "rt", "sessionAccess", "every-request")));
        Browser warmUp = new Browser();
        warmUp.get(url("create?name=a&value=1"));
        warmUp.get(url("set?name=a&value=2"));
        warmUp.get(url("login?user=warm-up")); // loads login.lua into the script cache
        monitor = RedisMonitor.start(redis);
    }

    @AfterAll
    void stop() {
        monitor.close();
        tomcat.close();
        redis.close();
    }

    @BeforeEach
    void reset() {
        monitor.drain();
    }

    private String url(String path) {
        return tomcat.baseUrl() + "/app/probe/" + path;
    }

    private List<String> commandsOf(Runnable request) {
        monitor.drain();
        request.run();
        return ProbeApp.requestCommands(monitor.drainTopLevel());
    }

    @Test
    void requestThatNeverTouchesTheSessionCostsNothing() {
        Browser browser = new Browser();
        browser.get(url("create?name=a&value=1"));
        assertEquals(List.of(), commandsOf(() -> browser.get(url("nosession"))));
    }

    @Test
    void readingASessionCostsOneRoundTripThatWritesNothing() {
        Browser browser = new Browser();
        browser.get(url("create?name=a&value=1"));
        assertEquals(List.of("HGETALL"), commandsOf(() -> browser.get(url("info"))));
        assertEquals(List.of("HGETALL"), commandsOf(() -> browser.get(url("get?name=a"))));
    }

    @Test
    void everyRequestAccessCostsOneUnawaitedScriptOnlyWhenTheRequestCarriesAnIdButNeverAsks() {
        Browser browser = new Browser();
        String exact = tomcat.baseUrl() + "/exact/probe/";
        assertEquals(List.of(), commandsOf(() -> new Browser().get(exact + "nosession")), "no id: nothing");
        browser.get(exact + "create?name=a&value=1");
        touchOf(() -> browser.get(exact + "nosession"), "lua:PEXPIRE"); // the first one may load it with EVAL
        assertEquals(List.of("EVALSHA", "lua:HMGET", "lua:TIME", "lua:HSET", "lua:PEXPIRE", "lua:PEXPIRE"),
                touchOf(() -> browser.get(exact + "nosession"), "lua:PEXPIRE"));
        assertEquals(List.of("HGETALL", "EVALSHA", "lua:HMGET", "lua:TIME", "lua:HSET", "lua:PEXPIRE",
                "lua:PEXPIRE"),
                touchOf(() -> browser.get(exact + "info"), "lua:PEXPIRE"),
                "asks, with touchShare=auto, which every-request makes 0%: the load, then the access without waiting");
    }

    @Test
    void anEveryRequestAccessWithinTheSlackReadsAndWritesNothing() {
        Browser browser = new Browser();
        String strict = tomcat.baseUrl() + "/strict/probe/";
        browser.get(strict + "create?name=a&value=1");
        touchOf(() -> browser.get(strict + "nosession"), "lua:TIME");
        assertEquals(List.of("EVALSHA", "lua:HMGET", "lua:TIME"),
                touchOf(() -> browser.get(strict + "nosession"), "lua:TIME"));
        assertEquals(List.of("HGETALL"), commandsOf(() -> browser.get(strict + "info")), "asks: the load only");
    }

    /** @return the commands a request and its unawaited touch sent, once the touch ran {@code last} */
    private List<String> touchOf(Runnable request, String last) {
        monitor.drain();
        request.run();
        List<String> seen = new java.util.ArrayList<>();
        ResilienceIT.eventually(() -> {
            seen.addAll(monitor.drain().stream().filter(c -> !c.name().equals("ZRANGEBYSCORE"))
                    .map(c -> (c.fromLua() ? "lua:" : "") + c.name()).toList());
            return seen.contains(last);
        }, "the touch runs");
        return seen;
    }

    @Test
    void aLoginCostsTwoRoundTripsMoreAndItsIdChangeTwoCommandsMore() {
        Browser browser = new Browser();
        browser.get(url("create?name=a&value=1"));
        assertEquals(List.of("HGETALL", "EVALSHA", "EVALSHA"), commandsOf(() -> browser.get(url("login?user=rt"))),
                "load, login.lua, then the commit that writes the user");
        assertEquals(List.of("HGETALL"), commandsOf(() -> browser.get(url("user"))), "logged in: reads as before");
        assertEquals(List.of("HGETALL", "ZSCORE", "ZADD", "EVALSHA", "ZREM"),
                commandsOf(() -> browser.get(url("change-id"))), "the index entry moves around the rename");
        assertEquals(List.of("HGETALL"), commandsOf(() -> browser.get(url("login?user=rt"))),
                "the same user again: nothing to write");
    }

    @Test
    void commitLeavesTheExpiryAsItIsUnlessTheTimeoutChanges() {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url("create?name=a&value=1"))).get("id");
        monitor.drain();
        browser.get(url("set?name=b&value=2"));
        assertEquals(List.of("HGETALL", "EVALSHA", "lua:HMGET", "lua:TIME", "lua:EXISTS", "lua:HSET"),
                scriptCommands());
        long ttl = ttl(id);
        assertTrue(ttl > 5_480_000 && ttl <= 5_490_000, "ttl " + ttl
                + ": set at creation, timeout plus its 5 % slack plus retention");

        monitor.drain();
        browser.get(url("timeout?seconds=60"));
        assertEquals(List.of("HGETALL", "EVALSHA", "lua:HMGET", "lua:TIME", "lua:HSET", "lua:EXISTS",
                "lua:PEXPIRE", "lua:ZADD"), scriptCommands());
        ttl = ttl(id);
        assertTrue(ttl > 3_653_000 && ttl <= 3_663_000, "ttl " + ttl
                + ": the new timeout plus its slack plus retention");
    }

    private long ttl(String id) {
        try (RedisTestConnection admin = redis.connect()) {
            return admin.integer("PTTL", ProbeApp.sessionKey("rt", id));
        }
    }

    /** @return the commands Redis ran since the last drain, those run by scripts marked {@code lua:} */
    private List<String> scriptCommands() {
        return monitor.drain().stream().filter(c -> !c.name().equals("ZRANGEBYSCORE"))
                .map(c -> (c.fromLua() ? "lua:" : "") + c.name()).toList();
    }

    @Test
    void creatingRunsOneScriptThatNeedsNoClock() {
        monitor.drain();
        new Browser().get(url("create?name=a&value=1"));
        assertEquals(List.of("EVALSHA", "lua:EXISTS", "lua:HSET", "lua:PEXPIRE", "lua:ZADD"),
                scriptCommands());
    }

    @Test
    void writingCostsTwoRoundTrips() {
        Browser browser = new Browser();
        browser.get(url("create?name=a&value=1"));
        assertEquals(List.of("HGETALL", "EVALSHA"), commandsOf(() -> browser.get(url("set?name=b&value=2"))));
        assertEquals(List.of("HGETALL", "EVALSHA"), commandsOf(() -> browser.get(url("counter"))));
    }

    @Test
    void creatingASessionCostsOneRoundTrip() {
        Browser browser = new Browser();
        assertEquals(List.of("EVALSHA"), commandsOf(() -> browser.get(url("create?name=a&value=1"))));
    }

    @Test
    void invalidatingCostsLoadAndDestroy() {
        Browser warmUp = new Browser();
        warmUp.get(url("create?name=a&value=1"));
        warmUp.get(url("invalidate"));
        Browser browser = new Browser();
        browser.get(url("create?name=a&value=1"));
        assertEquals(List.of("HGETALL", "EVALSHA"), commandsOf(() -> browser.get(url("invalidate"))));
    }

    @Test
    void changingTheIdIsFoldedIntoTheCommit() {
        Browser browser = new Browser();
        browser.get(url("create?name=a&value=1"));
        assertEquals(List.of("HGETALL", "EVALSHA"),
                commandsOf(() -> browser.get(url("change-id?name=user&value=x"))));
    }

    @Test
    void malformedIdsNeverReachRedis() {
        Browser browser = new Browser();
        HttpCookie cookie = new HttpCookie("RSESSION_rt", "BAD}{*\\x00id");
        cookie.setPath("/");
        cookie.setVersion(0);
        browser.setCookie(URI.create(url("")), cookie);
        assertEquals(List.of(), commandsOf(() -> browser.get(url("info"))));
    }

    @Test
    void immediateFlushWritesEachChangeAtOnce() {
        Browser browser = new Browser();
        String eager = tomcat.baseUrl() + "/eager/probe/";
        assertEquals(List.of("EVALSHA", "EVALSHA"), commandsOf(() -> browser.get(eager + "create?name=a&value=1")),
                "create, then the attribute");
        assertEquals(List.of("HGETALL", "EVALSHA"), commandsOf(() -> browser.get(eager + "set?name=b&value=2")));
    }
}
