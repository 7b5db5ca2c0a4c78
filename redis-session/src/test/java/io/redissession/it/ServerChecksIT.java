package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** At start-up the filter warns about server settings that would lose sessions, and still works. */
class ServerChecksIT {

    @Test
    void evictingPolicyIsReportedWithTheFix() {
        try (RedisServer redis = RedisServer.start("--maxmemory-policy", "allkeys-lru");
                LogCapture log = LogCapture.start();
                ServletContainer tomcat = ProbeApp.start("tomcat",
                        ProbeApp.spec("/app", redis, Map.of("sessionNamespace", "checks")))) {
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("maxmemory-policy is allkeys-lru")
                    && line.contains("noeviction")), log.lines().toString());
            assertEquals(200, new Browser().get(tomcat.baseUrl() + "/app/probe/create").status());
        }
    }

    @Test
    void noevictionPassesSilently() {
        try (RedisServer redis = RedisServer.start("--maxmemory-policy", "noeviction");
                LogCapture log = LogCapture.start();
                ServletContainer tomcat = ProbeApp.start("tomcat",
                        ProbeApp.spec("/app", redis, Map.of("sessionNamespace", "checks")))) {
            assertTrue(log.lines().stream().noneMatch(line -> line.contains("maxmemory-policy")),
                    log.lines().toString());
            assertEquals(200, new Browser().get(tomcat.baseUrl() + "/app/probe/create").status());
        }
    }
}
