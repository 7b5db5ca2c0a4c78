package io.redissession.examples.war;

import io.redissession.testkit.Browser;
import io.redissession.testkit.FreePorts;
import io.redissession.testkit.RedisServer;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built WAR (the -all jar in WEB-INF/lib, the filter in web.xml) deployed twice into a real Tomcat, pointed
 * at a test Redis by the operator's system property: both apps share one session.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarDeploymentIT {

    private static final Pattern COUNTER = Pattern.compile("id=\"counter\">(\\d+)<");
    private static final Pattern SESSION_ID = Pattern.compile("id=\"session-id\"><code>([^<]+)<");
    private static final Pattern LISTENER_EVENTS = Pattern.compile("id=\"listener-events\">([^<]+)<");
    private static final Pattern ANNOTATED_EVENTS = Pattern.compile("id=\"listener-events-annotated\">([^<]+)<");
    private static final Pattern ADDED_EVENTS = Pattern.compile("id=\"listener-events-added\">([^<]+)<");

    private RedisServer redis;
    private Tomcat tomcat;
    private int port;

    @BeforeAll
    void deploy() throws LifecycleException, IOException {
        Path war = Path.of("target", "session-tester.war").toAbsolutePath();
        assertTrue(Files.isRegularFile(war), "the WAR is built before integration tests: " + war);
        redis = RedisServer.start();
        System.setProperty("redis-session.redisUri", redis.uri());
        port = FreePorts.next();
        Path base = Files.createTempDirectory("war-it");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.getConnector().setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.getHost().setAppBase(base.toString());
        tomcat.addWebapp("/session1", war.toString());
        tomcat.addWebapp("/session2", war.toString());
        tomcat.start();
    }

    @AfterAll
    void undeploy() throws LifecycleException {
        System.clearProperty("redis-session.redisUri");
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void bothDeploymentsShareOneSessionInRedis() {
        Browser browser = new Browser();
        String base = "http://127.0.0.1:" + port;
        Browser.Response first = browser.get(base + "/session1/");
        assertEquals(200, first.status(), first.body());
        assertEquals("1", find(COUNTER, first.body()));
        assertEquals("created 1, destroyed 0", find(LISTENER_EVENTS, first.body()),
                "the web.xml listener heard of the Redis session");
        assertEquals("created 1, destroyed 0", find(ANNOTATED_EVENTS, first.body()),
                "the @WebListener listener heard of it");
        assertEquals("created 1, destroyed 0", find(ADDED_EVENTS, first.body()),
                "the listener added with addListener heard of it");
        Browser.Response second = browser.get(base + "/session2/");
        assertEquals("2", find(COUNTER, second.body()));
        String id = find(SESSION_ID, second.body());
        assertEquals(id, find(SESSION_ID, first.body()));
        try (var cli = redis.connect()) {
            String key = "redis-session:session-tester:session:{" + id.substring(0, 4) + "}" + id.substring(4);
            assertTrue(cli.hgetall(key).containsKey("attr:counter"), "the session lives in Redis");
        }
    }

    private static String find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        assertTrue(matcher.find(), pattern + " in " + body);
        return matcher.group(1);
    }
}
