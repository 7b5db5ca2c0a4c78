package io.redissession.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.redissession.testkit.RedisTestConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Commands that reach the shared connection while its I/O thread is busy leave in one socket write, which Redis
 * reads once ({@code total_reads_processed}), over plain TCP and over TLS; each still gets its own reply.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteCoalescingIT {

    private static final int COMMANDS = 20;

    private PlainAndTlsRedis redis;
    private RedisConnector plain;
    private RedisConnector tls;
    private RedisTestConnection inspector;

    @BeforeAll
    void start() {
        redis = new PlainAndTlsRedis();
        plain = redis.plain(Map.of("sessionNamespace", "coalescing"));
        tls = redis.tls(Map.of("sessionNamespace", "coalescing"));
        inspector = new RedisTestConnection(redis.server().port());
    }

    @AfterAll
    void stop() {
        inspector.close();
        plain.close();
        tls.close();
        redis.close();
    }

    @Test
    void commandsSentWhileTheIoThreadIsBusyCostRedisOneRead() throws Exception {
        assertOneRead(plain, "coalescing:plain:");
    }

    @Test
    void overTlsToo() throws Exception {
        assertOneRead(tls, "coalescing:tls:");
    }

    @Test
    void aLoneCommandIsSentWithoutWaitingForAnother() {
        // nothing else is sent: the one command must still leave (a held flush would time out here)
        for (int i = 0; i < 50; i++) {
            plain.commands().set("coalescing:alone", ("v" + i).getBytes(StandardCharsets.UTF_8));
            assertArrayEquals(("v" + i).getBytes(StandardCharsets.UTF_8), tls.commands().get("coalescing:alone"));
        }
    }

    private void assertOneRead(RedisConnector connector, String prefix) throws Exception {
        RedisClusterAsyncCommands<String, byte[]> async = connector.connected().async();
        connector.commands().ping();
        long before = readsProcessed();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch queued = new CountDownLatch(1);
        // the PING's reply holds the connection's I/O thread until every command below waits for it
        RedisFuture<String> holder = async.ping();
        holder.thenRun(() -> {
            holding.countDown();
            await(queued);
        });
        assertTrue(holding.await(5, TimeUnit.SECONDS), "the I/O thread is held");
        List<RedisFuture<String>> sets = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            sets.add(async.set(prefix + i, ("value " + i).getBytes(StandardCharsets.UTF_8)));
        }
        queued.countDown();
        for (RedisFuture<String> set : sets) {
            assertEquals("OK", set.get(5, TimeUnit.SECONDS));
        }
        // the INFO before and after and the holding PING are one read each
        long reads = readsProcessed() - before - 2;
        assertEquals(1, reads, COMMANDS + " commands sent while the I/O thread was busy");
        for (int i = 0; i < COMMANDS; i++) {
            assertArrayEquals(("value " + i).getBytes(StandardCharsets.UTF_8),
                    connector.commands().get(prefix + i), "each command had its own effect");
        }
        assertTrue(holder.isDone());
    }

    private long readsProcessed() {
        return Long.parseLong(inspector.info("stats").get("total_reads_processed"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
