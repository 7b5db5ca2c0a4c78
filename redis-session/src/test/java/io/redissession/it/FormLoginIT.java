package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.ServletContainer;
import io.redissession.testkit.WebAppSpec;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tomcat's FORM authentication in front of the filter, on two Tomcat nodes of one namespace: the login lives in
 * the container's own session of the node that took it, the application's session in Redis; a session that
 * existed before the login gets a new id when the filter first sees the user, as the container's own session does
 * (unless {@code changeIdOnContainerLogin=false}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FormLoginIT {

    private static final Map<String, String> USERS = Map.of("mallory", "secret");

    private ServletContainer nodeA;
    private ServletContainer nodeB;

    @BeforeAll
    void start() {
        String redis = SharedTopologies.get("standalone").uri();
        WebAppSpec renewing = app("/form", redis, Map.of("sessionNamespace", "form-login"));
        WebAppSpec keeping = app("/form-keep", redis, Map.of("sessionNamespace", "form-login-keep",
                "changeIdOnContainerLogin", "false"));
        nodeA = ProbeApp.start("tomcat", renewing, keeping);
        nodeB = ProbeApp.start("tomcat", renewing, keeping);
    }

    private static WebAppSpec app(String contextPath, String redis, Map<String, String> params) {
        return ProbeApp.builder(contextPath, redis, params)
                .formAuth("/probe/whoami", USERS, "/login", "/login-error")
                .servlet("loginPage", new LoginPage(), "/login", "/login-error")
                .build();
    }

    @AfterAll
    void stop() {
        ProbeApp.closeAll(List.of(nodeA, nodeB));
    }

    @Test
    void theLoginRenewsTheIdOfTheSessionThatExistedBeforeItAndStaysWithTheNodeThatTookIt() {
        Browser browser = new Browser(true);
        String a = nodeA.baseUrl() + "/form";
        assertEquals("counter=1", browser.get(a + "/probe/counter").body().trim());
        String anonymous = browser.cookie("RSESSION_form-login");
        assertNotNull(anonymous, "the anonymous session");

        assertEquals("login-form", browser.get(a + "/probe/whoami").body().trim(), "the container asks for a login");
        assertTrue(browser.cookie("JSESSIONID") != null, "the container keeps the pending login in its own session");
        assertEquals("login-error", browser.post(a + "/j_security_check",
                Map.of("j_username", "mallory", "j_password", "wrong")).body().trim());
        assertEquals("login-form", browser.get(a + "/probe/whoami").body().trim());
        Map<String, String> whoami = ProbeApp.parse(browser.post(a + "/j_security_check",
                Map.of("j_username", "mallory", "j_password", "secret")));
        assertEquals("mallory", whoami.get("remoteUser"));
        assertEquals("mallory", whoami.get("user"), "the container's user is the session's user");
        String renewed = browser.cookie("RSESSION_form-login");
        assertNotEquals(anonymous, renewed, "the session that existed before the login has a new id");
        assertEquals("counter=2", browser.get(a + "/probe/counter").body().trim(), "and keeps its attributes");

        Browser attacker = new Browser();
        attacker.setCookie(URI.create(a), cookie("RSESSION_form-login", anonymous));
        assertEquals("value=no-session", attacker.get(a + "/probe/get?name=counter").body().trim(),
                "the id known before the login opens nothing");

        String b = nodeB.baseUrl() + "/form";
        assertEquals("counter=3", browser.get(b + "/probe/counter").body().trim(), "node B serves the session");
        assertEquals("login-form", browser.get(b + "/probe/whoami").body().trim(),
                "node B's container has no login: it lives in node A's own session");
        whoami = ProbeApp.parse(browser.post(b + "/j_security_check",
                Map.of("j_username", "mallory", "j_password", "secret")));
        assertEquals("mallory", whoami.get("remoteUser"));
        assertEquals(renewed, browser.cookie("RSESSION_form-login"), "a session that has its user keeps its id");
        assertEquals("counter=4", browser.get(a + "/probe/counter").body().trim());
    }

    @Test
    void withChangeIdOnContainerLoginFalseTheSessionKeepsItsId() {
        Browser browser = new Browser(true);
        String a = nodeA.baseUrl() + "/form-keep";
        assertEquals("counter=1", browser.get(a + "/probe/counter").body().trim());
        String anonymous = browser.cookie("RSESSION_form-login-keep");
        assertEquals("login-form", browser.get(a + "/probe/whoami").body().trim());
        Map<String, String> whoami = ProbeApp.parse(browser.post(a + "/j_security_check",
                Map.of("j_username", "mallory", "j_password", "secret")));
        assertEquals("mallory", whoami.get("user"));
        assertEquals(anonymous, browser.cookie("RSESSION_form-login-keep"));
    }

    private static HttpCookie cookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        return cookie;
    }

    /** The login page and the error page of the FORM authentication. */
    static final class LoginPage extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().println(request.getServletPath().equals("/login-error") ? "login-error" : "login-form");
        }
    }
}
