package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RedisTestConnection;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The filter works as the restricted ACL user of redis-conf/users.acl, which grants only the commands this library
 * documents; the only commands it is refused are optional: the start-up check (CONFIG GET) and the client library's
 * CLIENT SETINFO on connect (which Redis 6.2 and 7.0 do not know).
 */
class AclIT {

    @Test
    void everyOperationWorksWithTheDocumentedAclUser() throws Exception {
        Path acl = Files.createTempFile("users", ".acl");
        Files.copy(Path.of("..", "redis-conf", "users.acl"), acl, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (RedisServer redis = RedisServer.start("--aclfile", acl.toString());
                ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app",
                        "redis://session-app:change-me-session-app@127.0.0.1:" + redis.port(),
                        Map.of("sessionNamespace", "acl", "nearCache", "on", "maxSessionsPerUser", "1",
                                "loginPolicy", "expire-oldest", "loggedOutElsewhereUrl", "/probe/elsewhere")))) {
            String base = tomcat.baseUrl() + "/app/probe/";
            Browser browser = new Browser();
            String id = ProbeApp.parse(browser.get(base + "create?name=a&value=1")).get("id");
            browser.get(base + "set?name=b&value=2");
            browser.get(base + "remove?name=a");
            browser.get(base + "timeout?seconds=0");
            browser.get(base + "timeout?seconds=600");
            String renewed = ProbeApp.parse(browser.get(base + "change-id")).get("new");
            assertNotEquals(id, renewed);
            Map<String, String> info = ProbeApp.parse(browser.get(base + "info"));
            assertEquals(renewed, info.get("id"));
            assertEquals("[b]", info.get("names"));
            assertEquals(renewed, ProbeApp.parse(browser.get(base + "info")).get("id"));
            assertTrue(nearCacheHits() > 0, "CLIENT TRACKING is allowed: the near cache answered a read");
            assertEquals("invalidated", browser.get(base + "invalidate").body().lines().findFirst().orElse(""));
            logins(base);
            List<String> clients;
            try (RedisTestConnection admin = redis.connect()) {
                admin.command("AUTH", "admin", "change-me-admin");
                clients = RedisClients.filterClients(admin);
            }
            // stopping flushes the activity counts and gives up the sweep lease, as the ACL user too
            tomcat.stop();

            try (RedisTestConnection admin = redis.connect()) {
                admin.command("AUTH", "admin", "change-me-admin");
                assertTrue(!clients.isEmpty() && clients.stream().allMatch(line -> line.contains(" user=session-app ")),
                        "the filter's connections work as the ACL user: " + clients);
                @SuppressWarnings("unchecked")
                List<Object> denied = (List<Object>) admin.command("ACL", "LOG");
                for (Object entry : denied) {
                    String text = describe(entry);
                    assertTrue(text.contains("cmd=config") || text.contains("cmd=info")
                            || text.contains("cmd=client") && !text.contains("tracking"),
                            "only the optional server checks (CONFIG GET, INFO) and the client library's CLIENT"
                            + " SETINFO may be refused: " + text);
                }
            }
        } finally {
            Files.deleteIfExists(acl);
        }
    }

    private static String describe(Object entry) {
        StringBuilder text = new StringBuilder();
        if (entry instanceof List<?> list) {
            for (Object item : list) {
                text.append(item instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                        : String.valueOf(item)).append(' ');
            }
        }
        return text.toString();
    }

    /** The login policy, a user's sessions, a forced logout and the live count, all as the ACL user. */
    private static void logins(String base) throws Exception {
        Browser first = new Browser(false);
        String displaced = ProbeApp.parse(first.get(base + "login?user=alice")).get("id");
        Browser second = new Browser(false);
        String kept = ProbeApp.parse(second.get(base + "login?user=alice")).get("id");
        assertEquals(302, first.get(base + "user").status(), "the older session was logged out by the policy");
        assertEquals(List.of(kept), SessionsMBeans.sessionsOf("acl", "alice"));
        assertEquals(1L, ((Number) SessionsMBeans.JMX.getAttribute(SessionsMBeans.anyMBean("acl"), "ActiveSessions"))
                .longValue(), "alice's session is the one left");
        assertEquals("1", ProbeApp.parse(new Browser().get(base + "logout-everywhere?user=alice")).get("ended"));
        assertEquals("", ProbeApp.parse(second.get(base + "user")).get("id"), "forced out");
        assertNotEquals(displaced, kept);
    }

    private static long nearCacheHits() {
        try {
            return SessionsMBeans.sum("acl", "NearCacheHits", 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
