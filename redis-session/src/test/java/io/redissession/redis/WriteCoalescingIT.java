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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        CountDownLatch queued = new CountDownLatch(1);
        holdIoThread(async, queued);
        long before = readsProcessed();
        List<RedisFuture<String>> sets = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            sets.add(async.set(prefix + i, ("value " + i).getBytes(StandardCharsets.UTF_8)));
        }
        queued.countDown();
        for (RedisFuture<String> set : sets) {
            assertEquals("OK", set.get(5, TimeUnit.SECONDS));
        }
        // the INFO after is one read too (the INFO before counted itself before the commands were sent)
        long reads = readsProcessed() - before - 1;
        assertEquals(1, reads, COMMANDS + " commands sent while the I/O thread was busy");
        for (int i = 0; i < COMMANDS; i++) {
            assertArrayEquals(("value " + i).getBytes(StandardCharsets.UTF_8),
                    connector.commands().get(prefix + i), "each command had its own effect");
        }
    }

    /**
     * Holds the connection's I/O thread, in the completion of a {@code PING}, until {@code release} opens. A reply
     * that came before the completion was attached runs it on this thread instead; then another {@code PING} is sent.
     */
    private static void holdIoThread(RedisClusterAsyncCommands<String, byte[]> async, CountDownLatch release)
            throws InterruptedException {
        Thread caller = Thread.currentThread();
        for (int attempt = 0; attempt < 20; attempt++) {
            CountDownLatch holding = new CountDownLatch(1);
            AtomicBoolean early = new AtomicBoolean();
            async.ping().thenRun(() -> {
                if (Thread.currentThread() == caller) {
                    early.set(true);
                } else {
                    holding.countDown();
                    await(release);
                }
            });
            if (!early.get() && holding.await(5, TimeUnit.SECONDS)) {
                return;
            }
        }
        throw new AssertionError("no PING's completion ran on the I/O thread");
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
