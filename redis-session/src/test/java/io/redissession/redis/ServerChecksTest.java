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

    @Test
    void warnsAboutServersTooOldForTheScripts() {
        assertTrue(ServerChecks.versionWarning("7.0.15").isEmpty());
        assertTrue(ServerChecks.versionWarning("6.2.6").isEmpty());
        assertTrue(ServerChecks.versionWarning("8.2.1").isEmpty());
        assertTrue(ServerChecks.versionWarning("6.0.9").orElseThrow().contains("older than 6.2"));
        assertTrue(ServerChecks.versionWarning("4.0.14").orElseThrow().contains("Redis 5.0 or later"));
        assertTrue(ServerChecks.versionWarning("unknown").isEmpty(), "an unreadable version is not guessed at");
    }

    @Test
    void warnsWhenScriptsAreReplicatedVerbatim() {
        assertTrue(ServerChecks.scriptReplicationWarning("yes").isEmpty());
        assertTrue(ServerChecks.scriptReplicationWarning("no").orElseThrow().contains("lua-replicate-commands yes"));
    }
}
