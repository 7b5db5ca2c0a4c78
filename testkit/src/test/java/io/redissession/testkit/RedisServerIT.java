package io.redissession.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisServerIT {

    private static RedisServer server;

    @BeforeAll
    static void startServer() {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void answersPingOnItsOwnLoopbackPort() {
        assertNotEquals(FreePorts.RESERVED_REDIS_PORT, server.port());
        assertEquals("127.0.0.1", server.host());
        assertEquals("redis://127.0.0.1:" + server.port(), server.uri());
        assertTrue(server.isRunning());
        assertTrue(Files.isRegularFile(server.logFile()));
        try (RedisTestConnection connection = server.connect()) {
            assertEquals("PONG", connection.command("PING"));
            assertEquals(Long.toString(server.pid()), connection.info("server").get("process_id"));
        }
    }

    @Test
    void mapsEveryReplyType() {
        try (RedisTestConnection connection = server.connect()) {
            assertEquals("OK", connection.command("SET", "types:string", "välue"));
            assertEquals("välue", connection.string("GET", "types:string"));
            assertArrayEquals("välue".getBytes(StandardCharsets.UTF_8), (byte[]) connection.command("GET", "types:string"));
            assertNull(connection.string("GET", "types:missing"));
            assertEquals(3L, connection.integer("RPUSH", "types:list", "a", "b", "c"));
            assertEquals(List.of("a", "b"), ((List<?>) connection.command("LRANGE", "types:list", "0", "1")).stream()
                    .map(item -> new String((byte[]) item, StandardCharsets.UTF_8)).toList());
            RedisErrorReply error = assertThrows(RedisErrorReply.class, () -> connection.command("INCR", "types:list"));
            assertEquals("WRONGTYPE", error.code());
            connection.command("HSET", "types:hash", "f1", "v1", "f2", "v2");
            Map<String, byte[]> hash = connection.hgetall("types:hash");
            assertEquals(List.of("f1", "f2"), List.copyOf(hash.keySet()));
            assertEquals("v2", new String(hash.get("f2"), StandardCharsets.UTF_8));
            assertEquals(List.of("types:hash", "types:list", "types:string"), connection.keys("types:*"));
            byte[] binary = {0, (byte) 0xff, '\r', '\n'};
            connection.command("SET".getBytes(StandardCharsets.UTF_8), "types:binary".getBytes(StandardCharsets.UTF_8), binary);
            assertArrayEquals(binary, (byte[]) connection.command("GET", "types:binary"));
        }
    }

    @Test
    void scanFindsManyKeys() {
        try (RedisTestConnection connection = server.connect()) {
            for (int i = 0; i < 2_500; i++) {
                connection.command("SET", "scan:" + i, "x");
            }
            assertEquals(2_500, connection.keys("scan:*").size());
        }
    }

    @Test
    void killAndRestartKeepThePortAndLoseTheData() {
        try (RedisServer own = RedisServer.start()) {
            int port = own.port();
            long pid = own.pid();
            try (RedisTestConnection connection = own.connect()) {
                connection.command("SET", "k", "v");
            }
            own.kill();
            assertFalse(own.isRunning());
            own.restart();
            assertTrue(own.isRunning());
            assertEquals(port, own.port());
            assertNotEquals(pid, own.pid());
            try (RedisTestConnection connection = own.connect()) {
                assertNull(connection.string("GET", "k"));
            }
            own.stop();
            assertFalse(own.isRunning());
            own.restart();
            try (RedisTestConnection connection = new RedisTestConnection(port)) {
                assertEquals("PONG", connection.command("PING"));
            }
        }
    }

    @Test
    void requirepassServerStartsAndConnectAuthenticates() {
        try (RedisServer secured = RedisServer.start("--requirepass", "s3cret")) {
            assertEquals("s3cret", secured.password());
            try (RedisTestConnection anonymous = new RedisTestConnection(secured.port())) {
                assertEquals("NOAUTH", assertThrows(RedisErrorReply.class, () -> anonymous.command("GET", "k")).code());
            }
            try (RedisTestConnection connection = secured.connect()) {
                assertEquals("PONG", connection.command("PING"));
            }
            try (RedisTestConnection connection = secured.connect(); RedisMonitor monitor = RedisMonitor.start(secured)) {
                connection.command("SET", "k", "v");
                assertEquals(List.of("SET k v"), monitor.drain().stream().map(MonitoredCommand::line).toList());
            }
        }
    }

    @Test
    void monitorCountsExactlyTheCommandsOfOtherConnections() {
        try (RedisMonitor monitor = RedisMonitor.start(server); RedisTestConnection connection = server.connect()) {
            assertEquals(List.of(), monitor.drain());
            connection.command("SET", "monitor:a", "1");
            connection.command("GET", "monitor:a");
            connection.command("HSET", "monitor:h", "field", "with \"quotes\" and\nnewline");
            List<MonitoredCommand> drained = monitor.drain();
            assertEquals(List.of("SET", "GET", "HSET"), drained.stream().map(MonitoredCommand::name).toList());
            assertEquals(List.of("monitor:h", "field", "with \"quotes\" and\nnewline"), drained.get(2).args());
            assertEquals("127.0.0.1:" + connection.localPort(), drained.get(0).client());
            assertFalse(drained.get(0).fromLua());
            assertEquals(0, drained.get(0).db());
            assertEquals(List.of(), monitor.drain());
            for (int round = 1; round <= 20; round++) {
                for (int i = 0; i < round; i++) {
                    connection.command("INCR", "monitor:counter");
                }
                assertEquals(round, monitor.drain().size());
            }
        }
    }

    @Test
    void monitorMarksCommandsRunByScripts() {
        try (RedisMonitor monitor = RedisMonitor.start(server); RedisTestConnection connection = server.connect()) {
            connection.command("EVAL", "redis.call('SET', KEYS[1], ARGV[1]); return redis.call('GET', KEYS[1])", "1", "lua:key", "v");
            List<MonitoredCommand> drained = monitor.drain();
            assertEquals(3, drained.size(), drained::toString);
            List<MonitoredCommand> scripted = drained.stream().filter(MonitoredCommand::fromLua).toList();
            assertEquals(List.of("SET lua:key v", "GET lua:key"), scripted.stream().map(MonitoredCommand::line).toList());
            assertEquals("lua", scripted.get(0).client());
            connection.command("EVAL", "return redis.call('DEL', KEYS[1])", "1", "lua:key");
            List<MonitoredCommand> topLevel = monitor.drainTopLevel();
            assertEquals(List.of("EVAL"), topLevel.stream().map(MonitoredCommand::name).toList());
        }
    }

    @Test
    void extraArgumentsMayDependOnThePort() {
        try (RedisServer own = RedisServer.start(port -> List.of("--dbfilename", "dump-" + port + ".rdb"))) {
            try (RedisTestConnection connection = own.connect()) {
                assertEquals(List.of("dbfilename", "dump-" + own.port() + ".rdb"),
                        Replies.texts(connection.command("CONFIG", "GET", "dbfilename")));
            }
        }
    }

    @Test
    void configFileComesFirstStaysWritableAndSurvivesRestart() throws Exception {
        RedisServer own = RedisServer.startWithConfig(port -> "# for " + port + "\nmaxmemory-policy allkeys-lru\nmaxmemory 1mb\n",
                "--maxmemory", "2mb");
        try (own) {
            Path file = own.logFile().resolveSibling("redis.conf");
            assertTrue(Files.readString(file).startsWith("# for " + own.port() + "\n"));
            try (RedisTestConnection connection = own.connect()) {
                assertEquals("allkeys-lru", Replies.texts(connection.command("CONFIG", "GET", "maxmemory-policy")).get(1));
                assertEquals(Long.toString(2 << 20), Replies.texts(connection.command("CONFIG", "GET", "maxmemory")).get(1));
                connection.command("CONFIG", "SET", "maxmemory-policy", "volatile-ttl");
                assertEquals("OK", connection.command("CONFIG", "REWRITE"));
            }
            own.restart();
            try (RedisTestConnection connection = own.connect()) {
                assertEquals("volatile-ttl", Replies.texts(connection.command("CONFIG", "GET", "maxmemory-policy")).get(1));
            }
        }
    }

    @Test
    void binaryKnowsItsVersion() {
        assertTrue(RedisBinary.version(RedisBinary.locate()).matches("\\d+\\.\\d+\\.\\d+"), server.version());
    }
}
