package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.MonitoredCommand;
import io.redissession.testkit.RedisClusterNodes;
import io.redissession.testkit.RedisMonitor;
import io.redissession.testkit.RedisSentinelGroup;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code writeAckReplicas}: every write waits for replicas with WAIT, on the connection that wrote. */
class AcknowledgedWritesIT {

    private static final Map<String, String> ACKS = Map.of("sessionNamespace", "acks", "writeAckReplicas", "1",
            "writeAckTimeout", "300ms");

    @Test
    void sentinelWritesWaitForTheReplica() {
        try (RedisSentinelGroup sentinel = RedisSentinelGroup.start("acks");
                ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", sentinel.sentinelUri(),
                        ACKS));
                RedisMonitor monitor = RedisMonitor.start(sentinel.master())) {
            String base = tomcat.baseUrl() + "/app/probe/";
            Browser browser = new Browser();
            browser.get(base + "create?name=a&value=1");
            // the first update after start-up also loads commit.lua (EVALSHA, then EVAL)
            browser.get(base + "set?name=a&value=1");
            browser.get(base + "info");
            monitor.drain();
            assertEquals(200, browser.get(base + "set?name=b&value=2").status());
            List<String> sent = ProbeApp.requestCommands(monitor.drainTopLevel());
            assertEquals(List.of("HGETALL", "EVALSHA", "WAIT"), sent);
            assertEquals("2", ProbeApp.parse(browser.get(base + "info")).get("attr.b"));
        }
    }

    @Test
    void clusterWaitGoesToTheNodeAndConnectionThatWrote() {
        try (RedisClusterNodes cluster = RedisClusterNodes.start(3, 1);
                ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", cluster.seedUri(), ACKS))) {
            String base = tomcat.baseUrl() + "/app/probe/";
            for (int i = 0; i < 6; i++) {
                Browser browser = new Browser();
                String id = ProbeApp.parse(browser.get(base + "create")).get("id");
                String key = ProbeApp.sessionKey("acks", id);
                // the first update on each master also loads commit.lua there (EVALSHA, then EVAL)
                browser.get(base + "set?name=a&value=1");
                browser.get(base + "info");
                try (RedisMonitor monitor = RedisMonitor.start(cluster.nodeForSlot(RedisClusterNodes.slot(key)))) {
                    assertEquals(200, browser.get(base + "set?name=b&value=2").status());
                    List<MonitoredCommand> sent = monitor.drainTopLevel().stream()
                            .filter(c -> !ProbeApp.requestCommands(List.of(c)).isEmpty()).toList();
                    List<String> names = ProbeApp.requestCommands(sent);
                    assertEquals(List.of("HGETALL", "EVALSHA", "WAIT"), names, "on the master of the session's slot");
                    assertEquals(sent.get(1).client(), sent.get(2).client(), "WAIT on the connection that wrote");
                }
            }
        }
    }

    @Test
    void missingAcknowledgementFailsTheRequestClearlyOnceFailoverWaitIsOver() {
        Map<String, String> settings = new HashMap<>(ACKS);
        settings.put("failoverWait", "1s");
        try (RedisServer lonely = RedisServer.start();
                LogCapture log = LogCapture.start();
                ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", lonely, settings))) {
            Browser.Response response = new Browser().get(tomcat.baseUrl() + "/app/probe/create?name=a&value=1");
            assertEquals(500, response.status());
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("acknowledged by 0 of 1 replicas within"
                    + " 300 ms")), log.lines().toString());
        }
    }
}
