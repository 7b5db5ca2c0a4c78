package io.redissession.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link RedisTestConnection} against a real server: what it sends, and how each reply and failure comes back. */
class RedisTestConnectionIT {

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
    void connectingSendsNoCommand() {
        try (RedisTestConnection admin = server.connect()) {
            admin.command("CONFIG", "RESETSTAT");
            try (RedisTestConnection connection = server.connect()) {
                String client = admin.string("CLIENT", "LIST").lines()
                        .filter(line -> line.contains(" addr=127.0.0.1:" + connection.localPort() + " "))
                        .findFirst().orElseThrow();
                assertTrue(client.contains(" name= "), client);
                assertFalse(client.matches(".* lib-(name|ver)=[^ ].*"), client);
            }
            // Redis 7 counts subcommands (cmdstat_client|list), Redis 6.2 only commands (cmdstat_client)
            Set<String> others = admin.info("commandstats").keySet().stream()
                    .filter(name -> !name.matches("cmdstat_config(\\|resetstat)?|cmdstat_client(\\|list)?"))
                    .collect(Collectors.toSet());
            assertEquals(Set.of(), others);
            assertEquals("0", admin.info("stats").get("total_error_replies"));
        }
    }

    @Test
    void errorRepliesAreThrownWithTheirCode() {
        try (RedisServer secured = RedisServer.start("--requirepass", "s3cret");
                RedisTestConnection connection = new RedisTestConnection(secured.port())) {
            assertEquals("NOAUTH", assertThrows(RedisErrorReply.class, () -> connection.command("GET", "k")).code());
            RedisErrorReply wrong = assertThrows(RedisErrorReply.class, () -> connection.command("AUTH", "wrong"));
            assertEquals("WRONGPASS", wrong.code());
            assertTrue(wrong.getMessage().startsWith("WRONGPASS "), wrong.getMessage());
            assertEquals("OK", connection.command("AUTH", "s3cret"));
            assertEquals("NOSCRIPT", assertThrows(RedisErrorReply.class,
                    () -> connection.command("EVALSHA", "0".repeat(40), "0")).code());
            assertEquals("PONG", connection.command("PING"), "an error reply leaves the connection usable");
        }
    }

    @Test
    void transactionRepliesAreRaw() {
        try (RedisTestConnection connection = server.connect()) {
            connection.command("DEL", "tx:string");
            assertEquals("OK", connection.command("MULTI"));
            assertEquals("QUEUED", connection.command("SET", "tx:string", "v"));
            assertEquals("QUEUED", connection.command("LPUSH", "tx:string", "x"));
            assertEquals("QUEUED", connection.command("GET", "tx:string"));
            List<?> replies = (List<?>) connection.command("EXEC");
            assertEquals(3, replies.size());
            assertEquals("OK", replies.get(0));
            assertEquals("WRONGTYPE", assertInstanceOf(RedisErrorReply.class, replies.get(1)).code());
            assertEquals("v", new String((byte[]) replies.get(2), StandardCharsets.UTF_8));
            assertEquals("OK", connection.command("MULTI"));
            assertEquals("ERR", assertThrows(RedisErrorReply.class, () -> connection.command("NOSUCHCOMMAND")).code());
            assertEquals("EXECABORT", assertThrows(RedisErrorReply.class, () -> connection.command("EXEC")).code());
        }
    }

    @Test
    void nestedArraysKeepTheirShape() {
        try (RedisTestConnection connection = server.connect()) {
            List<?> reply = (List<?>) connection.command("EVAL", "return {1, {2, 'x', {}}, false,"
                    + " redis.status_reply('FINE'), redis.error_reply('BAD thing'), {3}}", "0");
            assertEquals(6, reply.size(), reply::toString);
            assertEquals(1L, reply.get(0));
            List<?> nested = (List<?>) reply.get(1);
            assertEquals(2L, nested.get(0));
            assertEquals("x", new String((byte[]) nested.get(1), StandardCharsets.UTF_8));
            assertEquals(List.of(), nested.get(2));
            assertNull(reply.get(2));
            assertEquals("FINE", reply.get(3));
            assertEquals("BAD thing", assertInstanceOf(RedisErrorReply.class, reply.get(4)).getMessage());
            assertEquals(List.of(3L), reply.get(5));
            assertNull(connection.command("BLPOP", "resp:empty", "0.01"), "nil array");
            assertEquals(List.of(), connection.command("LRANGE", "resp:empty", "0", "-1"));
        }
    }

    @Test
    void aConnectionTheServerClosesFailsAndIsClosed() throws InterruptedException {
        try (RedisTestConnection admin = server.connect(); RedisTestConnection connection = server.connect()) {
            long id = connection.integer("CLIENT", "ID");
            assertEquals(1L, admin.integer("CLIENT", "KILL", "ID", Long.toString(id)));
            assertThrows(UncheckedIOException.class, () -> connection.command("PING"));
            assertFalse(connection.isOpen());
        }
        try (RedisTestConnection connection = server.connect()) {
            assertEquals("OK", connection.command("QUIT"));
            long deadline = System.currentTimeMillis() + 5_000;
            while (connection.isOpen() && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(connection.isOpen());
            assertThrows(UncheckedIOException.class, () -> connection.command("PING"));
        }
    }

    @Test
    void aReplyLateByMoreThanTheTimeoutClosesTheConnection() {
        try (RedisServer own = RedisServer.start(); RedisTestConnection connection = own.connect()) {
            long start = System.nanoTime();
            assertThrows(UncheckedIOException.class, () -> connection.command("DEBUG", "SLEEP", "6"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= RedisTestConnection.SOCKET_TIMEOUT_MILLIS - 100, millis + " ms");
            assertFalse(connection.isOpen());
        }
    }

    @Test
    void resp3MapsComeBackFlat() {
        try (RedisTestConnection connection = server.connect()) {
            List<?> hello = (List<?>) connection.command("HELLO", "3");
            Map<String, Object> fields = new HashMap<>();
            for (int i = 0; i + 1 < hello.size(); i += 2) {
                fields.put(Replies.text(hello.get(i)), hello.get(i + 1));
            }
            assertEquals(3L, fields.get("proto"));
            assertNull(connection.command("GET", "resp:missing"));
            assertEquals("PONG", connection.command("PING"));
        }
    }

    @Test
    void connectingToAClosedPortFails() {
        int port = FreePorts.next();
        assertThrows(UncheckedIOException.class, () -> new RedisTestConnection(port));
    }
}
