package io.redissession.it;

import io.redissession.testkit.Browser;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Changes reach Redis before the response is committed, whatever commits it: the request is held right after
 * the commit point while the test reads Redis directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommitBeforeResponseIT {

    private ProbeDeployment deployment;
    private TopologyCli redisCli;

    @BeforeAll
    void start() {
        deployment = ProbeDeployment.start("commit", topology());
        redisCli = deployment.redisCli;
    }

    @AfterAll
    void stop() {
        deployment.close();
    }

    /** @return the Redis topology this suite runs on; subclasses run it on the others */
    String topology() {
        return "standalone";
    }

    @ParameterizedTest
    @CsvSource({"tomcat,flush", "tomcat,redirect", "tomcat,error", "tomcat,big",
            "jetty,flush", "jetty,redirect", "jetty,error", "jetty,big",
            "undertow,flush", "undertow,redirect", "undertow,error", "undertow,big",
            "tomcat,redirect-status", "tomcat,redirect-keep-buffer", "tomcat,redirect-status-keep-buffer"})
    void changesAreInRedisBeforeTheResponseIsCommitted(String kind, String action) throws Exception {
        assumeTrue(!action.startsWith("redirect-") || hasServlet61Redirects(),
                "the sendRedirect overloads of Servlet 6.1 are not in this Servlet API (the javax build)");
        String base = deployment.url(kind, "");
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(base + "create")).get("id");
        ProbeServlet.Hold held = new ProbeServlet.Hold(topology() + "-" + kind + "-" + action);
        CompletableFuture<Browser.Response> pending = CompletableFuture.supplyAsync(
                () -> browser.get(base + action + "?name=step&value=" + action + "&" + held.query("after-commit")));
        try {
            assertTrue(held.awaitReached(), "request reached its hold point");
            byte[] stored = redisCli.hgetall(deployment.key(id)).get("attr:step");
            assertTrue(stored != null && new String(stored, StandardCharsets.ISO_8859_1).contains(action),
                    "attribute written before the response was committed");
        } finally {
            held.release();
        }
        pending.get(20, TimeUnit.SECONDS);
        assertEquals(action, ProbeApp.parse(browser.get(base + "info")).get("attr.step"));
    }

    private static boolean hasServlet61Redirects() {
        try {
            HttpServletResponse.class.getMethod("sendRedirect", String.class, int.class, boolean.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
