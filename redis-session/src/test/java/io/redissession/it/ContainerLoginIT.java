package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.ServletContainer;
import io.redissession.testkit.WebAppSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The user of a session taken from the container's own authentication ({@code getRemoteUser()}, Tomcat BASIC),
 * with no code in the app, under {@code maxSessionsPerUser=1} and {@code reject-new}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerLoginIT {

    private ServletContainer tomcat;

    @BeforeAll
    void start() {
        String redis = SharedTopologies.get("standalone").uri();
        WebAppSpec app = ProbeApp.builder("/auth", redis, Map.of("sessionNamespace", "container-login",
                "maxSessionsPerUser", "1", "loginPolicy", "reject-new"))
                .basicAuth("/probe/*", Map.of("mallory", "secret", "niaj", "secret"))
                .build();
        tomcat = ProbeApp.start("tomcat", app);
    }

    @AfterAll
    void stop() {
        tomcat.close();
    }

    private static Map<String, String> as(String user) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":secret")
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theAuthenticatedUserBecomesTheSessionsUserAndASecondLoginIsRefusedThroughTheRequestAttribute() {
        Browser first = new Browser();
        Map<String, String> a = ProbeApp.parse(first.get(tomcat.baseUrl() + "/auth/probe/whoami", as("mallory")));
        assertEquals("mallory", a.get("remoteUser"));
        assertEquals("false", a.get("refused"));
        assertEquals("mallory", a.get("user"));

        Browser second = new Browser();
        Map<String, String> b = ProbeApp.parse(second.get(tomcat.baseUrl() + "/auth/probe/whoami", as("mallory")));
        assertEquals("mallory", b.get("remoteUser"));
        assertEquals("true", b.get("refused"), "the app can tell the login was refused");
        assertEquals("null", b.get("user"));

        assertEquals("mallory", ProbeApp.parse(first.get(tomcat.baseUrl() + "/auth/probe/whoami",
                as("mallory"))).get("user"), "the first session is untouched");
        Map<String, String> other = ProbeApp.parse(new Browser().get(tomcat.baseUrl() + "/auth/probe/whoami",
                as("niaj")));
        assertEquals("niaj", other.get("user"));
        assertEquals(401, new Browser().get(tomcat.baseUrl() + "/auth/probe/whoami").status(),
                "the container authenticates");
    }
}
