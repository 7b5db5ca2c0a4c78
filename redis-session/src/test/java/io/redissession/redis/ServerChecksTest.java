package io.redissession.redis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerChecksTest {

    @Test
    void onlyNoevictionIsSafeForSessions() {
        assertTrue(ServerChecks.evictionWarning("noeviction").isEmpty());
        for (String policy : new String[] {"allkeys-lru", "allkeys-lfu", "allkeys-random", "volatile-lru",
                "volatile-lfu", "volatile-random", "volatile-ttl"}) {
            String warning = ServerChecks.evictionWarning(policy).orElseThrow();
            assertTrue(warning.contains(policy) && warning.contains("noeviction"), warning);
        }
    }
}
