package io.redissession.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailoverWaitTest {

    private final List<RuntimeException> seen = new ArrayList<>();

    private FailoverWait waiting(Duration wait) {
        return new FailoverWait(wait, Duration.ofSeconds(5), seen::add);
    }

    /** @return a call that fails with {@code failures} in turn, then answers "ok"; counts its attempts */
    private static Supplier<String> failing(AtomicInteger attempts, RuntimeException... failures) {
        return () -> {
            int attempt = attempts.getAndIncrement();
            if (attempt < failures.length) {
                throw failures[attempt];
            }
            return "ok";
        };
    }

    @Test
    void failuresThatProveTheCallDidNotRunAreWaitedOutUnderEveryWaitingPolicy() {
        for (FailoverWait.Policy policy : List.of(FailoverWait.Policy.IF_NOT_RUN, FailoverWait.Policy.ALWAYS)) {
            AtomicInteger attempts = new AtomicInteger();
            String result = waiting(Duration.ofSeconds(10)).call(policy, failing(attempts,
                    new RedisException("Currently not connected. Commands are rejected."),
                    new RedisConnectionException("Unable to connect to 127.0.0.1:1"),
                    new RedisCommandExecutionException("CLUSTERDOWN The cluster is down"),
                    new RedisCommandExecutionException("LOADING Redis is loading the dataset in memory"),
                    new RedisCommandExecutionException("READONLY You can't write against a read only replica.")));
            assertEquals("ok", result);
            assertEquals(6, attempts.get(), policy.name());
        }
        assertEquals(10, seen.size(), "each failure was reported, to look for the new master");
    }

    @Test
    void failuresAfterWhichTheCallMayHaveRunAreWaitedOutOnlyForRepeatableCalls() {
        RuntimeException timeout = new RedisCommandTimeoutException("Command timed out after 1 second(s)");
        RuntimeException lost = new RedisException("Connection disconnected");
        AtomicInteger attempts = new AtomicInteger();
        assertEquals("ok", waiting(Duration.ofSeconds(10)).call(FailoverWait.Policy.ALWAYS, failing(attempts,
                timeout, lost)));
        assertEquals(3, attempts.get());

        for (RuntimeException failure : List.of(timeout, lost, new RedisFailures.OutcomeUnknownException(
                "acknowledged by 0 of 1 replicas", null))) {
            AtomicInteger once = new AtomicInteger();
            assertSame(failure, assertThrows(RuntimeException.class, () -> waiting(Duration.ofSeconds(10))
                    .call(FailoverWait.Policy.IF_NOT_RUN, failing(once, failure))));
            assertEquals(1, once.get(), failure.getMessage());
        }
    }

    @Test
    void otherFailuresAndBackgroundCallsFailAtOnce() {
        RuntimeException refused = new RedisCommandExecutionException("ERR Error running script");
        AtomicInteger attempts = new AtomicInteger();
        assertSame(refused, assertThrows(RuntimeException.class, () -> waiting(Duration.ofSeconds(10))
                .call(FailoverWait.Policy.ALWAYS, failing(attempts, refused))));
        assertEquals(1, attempts.get());

        for (RuntimeException misconfigured : List.of(
                new RedisConnectionException("Unable to connect", new SSLHandshakeException("PKIX path building failed")),
                new RedisCommandExecutionException("WRONGPASS invalid username-password pair"),
                new RedisCommandExecutionException("NOPERM this user has no permissions to run the 'wait' command"))) {
            AtomicInteger once = new AtomicInteger();
            assertSame(misconfigured, assertThrows(RuntimeException.class, () -> waiting(Duration.ofSeconds(10))
                    .call(FailoverWait.Policy.ALWAYS, failing(once, misconfigured))));
            assertEquals(1, once.get(), "waiting does not mend " + misconfigured.getMessage());
        }

        RuntimeException down = new RedisException("Currently not connected. Commands are rejected.");
        AtomicInteger background = new AtomicInteger();
        assertSame(down, assertThrows(RuntimeException.class, () -> waiting(Duration.ofSeconds(10))
                .call(FailoverWait.Policy.FAIL_FAST, failing(background, down))));
        assertEquals(1, background.get());
        assertEquals(List.of(), seen, "background failures are not reported");
    }

    @Test
    void anOutageLongerThanTheWaitFailsTheWaitingCallThenLaterCallsAtOnceUntilRedisAnswers() {
        FailoverWait wait = waiting(Duration.ofMillis(300));
        RuntimeException down = new RedisException("Currently not connected. Commands are rejected.");
        Supplier<String> alwaysDown = () -> {
            throw down;
        };
        long start = System.nanoTime();
        assertSame(down, assertThrows(RuntimeException.class, () -> wait.call(FailoverWait.Policy.ALWAYS,
                alwaysDown)));
        assertTrue(System.nanoTime() - start >= 300_000_000L, "the first call waited the bound out");

        AtomicInteger attempts = new AtomicInteger();
        assertSame(down, assertThrows(RuntimeException.class, () -> wait.call(FailoverWait.Policy.ALWAYS,
                failing(attempts, down, down))));
        assertEquals(1, attempts.get(), "the outage outlasted the bound: one attempt, no waiting");

        assertEquals("ok", wait.call(FailoverWait.Policy.ALWAYS, () -> "ok"));
        AtomicInteger after = new AtomicInteger();
        assertEquals("ok", wait.call(FailoverWait.Policy.ALWAYS, failing(after, down)),
                "Redis answered: the next outage is waited out again");
        assertEquals(2, after.get());
        assertEquals(0, wait.waitingCalls());
    }

    @Test
    void zeroWaitFailsAtOnce() {
        RuntimeException down = new RedisException("Currently not connected. Commands are rejected.");
        AtomicInteger attempts = new AtomicInteger();
        assertSame(down, assertThrows(RuntimeException.class, () -> waiting(Duration.ZERO)
                .call(FailoverWait.Policy.ALWAYS, failing(attempts, down))));
        assertEquals(1, attempts.get());
    }
}
