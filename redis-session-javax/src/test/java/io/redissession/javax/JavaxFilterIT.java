package io.redissession.javax;

import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RedisTestConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The javax jar in Servlet 4.0 containers (embedded Tomcat 9, Jetty 10, Undertow 2.2): sessions live in Redis, end in
 * Redis, and are shared with a jakarta app (Tomcat 11 with the jakarta -all jar) of the same namespace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaxFilterIT {

    private RedisServer redis;

    @BeforeAll
    void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    void stopRedis() {
        redis.close();
    }

    private static String get(HttpClient client, String url) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return response.body();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat9", "jetty10", "undertow22"})
    void aServlet4AppKeepsItsSessionsInRedis(String kind) throws Exception {
        try (JavaxContainer tomcat = JavaxContainer.start(kind, Map.of("redisUri", redis.uri(), "sessionNamespace",
                "javax-" + kind));
                RedisTestConnection admin = redis.connect()) {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            assertTrue(get(browser, tomcat.url("/counter")).startsWith("counter=1 "));
            assertTrue(get(browser, tomcat.url("/counter")).startsWith("counter=2 "));
            String body = get(browser, tomcat.url("/counter"));
            assertTrue(body.startsWith("counter=3 "), body);
            String id = body.substring(body.indexOf("id=") + 3);
            String key = "redis-session:javax-" + kind + ":session:{" + id.substring(0, 4) + "}" + id.substring(4);
            assertEquals(1, admin.integer("EXISTS", key), "the session is in Redis");
            assertEquals("invalidated", get(browser, tomcat.url("/counter?invalidate")));
            assertEquals(0, admin.integer("EXISTS", key), "and ends there");
        }
    }

    @Test
    void aJavaxAppAndAJakartaAppOfOneNamespaceShareTheSession() throws Exception {
        try (JavaxContainer javax = JavaxContainer.start("tomcat9", Map.of("redisUri", redis.uri(),
                "sessionNamespace", "both"));
                JakartaSide jakarta = new JakartaSide(redis.uri(), "both")) {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            String first = get(browser, javax.url("/counter"));
            assertTrue(first.startsWith("counter=1 "), first);
            String id = first.substring(first.indexOf("id=") + 3);
            assertEquals("counter=2 id=" + id, get(browser, jakarta.url("/counter")), "Tomcat 11 continues");
            assertEquals("counter=3 id=" + id, get(browser, javax.url("/counter")), "Tomcat 9 continues");
            assertEquals("counter=4 id=" + id, get(browser, jakarta.url("/counter")));
        }
    }
}
