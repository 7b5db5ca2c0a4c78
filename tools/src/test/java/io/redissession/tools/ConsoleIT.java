package io.redissession.tools;

import io.redissession.servlet.RedisSessionFilter;
import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.ServletContainer;
import io.redissession.testkit.ServletContainers;
import io.redissession.testkit.WebAppSpec;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console in a real browser (headless Chromium): sessions made by the filter in Tomcat are found by user,
 * opened and ended from the console, and the owner's next request, in a second browser, has no session. Then the
 * console's guards: read-only by default, a password, the CSRF token, and no binding beyond loopback without a
 * password. Screenshots of the pages go to {@code target/screenshots/}.
 */
class ConsoleIT {

    private static final String NAMESPACE = "console-shop";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void findsOpensAndEndsASessionFromTheBrowser() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            WebAppSpec app = WebAppSpec.builder().contextPath("/shop")
                    .filter("redisSession", RedisSessionFilter.class, Map.of("redisUri", redis.uri(),
                            "sessionNamespace", NAMESPACE))
                    .servlet("login", new LoginServlet(), "/login")
                    .servlet("whoami", new WhoAmIServlet(), "/whoami")
                    .build();
            try (ServletContainer tomcat = ServletContainers.create("tomcat", 0, app);
                    HeadlessChrome owner = new HeadlessChrome();
                    HeadlessChrome operator = new HeadlessChrome()) {
                tomcat.start();
                owner.driver().get(tomcat.baseUrl() + "/shop/login?user=carol&cart=60&items=3");
                String carol = text(owner.driver()).substring("id=".length());
                new Browser().get(tomcat.baseUrl() + "/shop/login?user=dave&cart=20000");
                new Browser().get(tomcat.baseUrl() + "/shop/login?user="
                        + URLEncoder.encode("<i>eve</i>", StandardCharsets.UTF_8));
                try (ToolProcess console = ToolProcess.start("--redis-uri", redis.uri(), "console", "--port", "0",
                        "--allow-writes", "--show-values", "--classpath", Path.of("target", "test-classes")
                                .toString())) {
                    String url = consoleUrl(console);
                    browse(operator, url, carol);
                    owner.driver().get(tomcat.baseUrl() + "/shop/whoami");
                    assertEquals("session=none", text(owner.driver()), "the owner's next request has no session");
                    refusesWritesWithoutTheToken(url, redis.uri());
                }
                guards(redis.uri());
            }
        }
    }

    private void browse(HeadlessChrome operator, String url, String carol) throws Exception {
        WebDriver browser = operator.driver();
        browser.get(url);
        String namespaces = browser.findElement(By.id("namespaces")).getText();
        assertTrue(namespaces.contains(NAMESPACE + " 3"), namespaces);
        operator.screenshot(SCREENSHOTS.resolve("console-namespaces.png"));

        click(browser, By.linkText(NAMESPACE));
        long deadline = System.currentTimeMillis() + 30_000;
        while (!browser.getPageSource().contains("created (3)") && System.currentTimeMillis() < deadline) {
            Thread.sleep(1000); // the node adds its counts to the minute's activity every 10 s
            browser.navigate().refresh();
        }
        assertTrue(browser.getPageSource().contains("created (3)"), "the chart counts 3 creations");
        assertEquals(2, browser.findElements(By.cssSelector("svg")).size(), "activity and size charts");
        String sessions = browser.findElement(By.id("sessions")).getText();
        assertTrue(sessions.contains("<i>eve</i>"), "a user name is shown as text: " + sessions);
        assertTrue(browser.findElements(By.cssSelector("#sessions i")).isEmpty(), "and never as markup");
        assertEquals(4, browser.findElements(By.cssSelector("#sessions tr")).size(), sessions);
        operator.screenshot(SCREENSHOTS.resolve("console-namespace.png"));

        browser.findElement(By.id("q")).sendKeys("carol");
        click(browser, By.id("find"));
        assertTrue(browser.findElement(By.id("sessions")).getText().contains(carol));
        operator.screenshot(SCREENSHOTS.resolve("console-user.png"));
        click(browser, By.linkText(carol));
        assertTrue(browser.findElement(By.id("session")).getText().contains("User carol"));
        String attributes = browser.findElement(By.id("attributes")).getText();
        assertTrue(attributes.contains("Cart[owner=shop, items=3]"), attributes);
        assertTrue(attributes.contains("java.lang.String 61"), attributes);
        operator.screenshot(SCREENSHOTS.resolve("console-session.png"));

        String sessionPage = browser.getCurrentUrl();
        click(browser, By.id("invalidate"));
        operator.screenshot(SCREENSHOTS.resolve("console-confirm.png"));
        click(browser, By.id("confirm"));
        assertEquals("Ended session " + carol, browser.findElement(By.id("result")).getText());
        browser.get(sessionPage);
        assertFalse(browser.findElements(By.id("nothing")).isEmpty(), "the session page says it is gone: "
                + browser.getPageSource());
    }

    /** A write without the page's token, or from another site, is refused and ends nothing. */
    private void refusesWritesWithoutTheToken(String url, String redisUri) throws Exception {
        String dave = ToolProcess.run("--redis-uri", redisUri, "list", "-n", NAMESPACE, "--user", "dave")
                .out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
        HttpResponse<String> forged = post(url + "invalidate", "ns=" + NAMESPACE + "&id=" + dave + "&csrf=guess",
                null);
        assertEquals(403, forged.statusCode(), forged.body());
        assertEquals(0, ToolProcess.run("--redis-uri", redisUri, "show", "-n", NAMESPACE, dave).code(),
                "dave's session lives");
    }

    /** Read-only by default, a password when asked, and no other address than loopback without one. */
    private void guards(String redisUri) throws Exception {
        try (ToolProcess console = ToolProcess.start("--redis-uri", redisUri, "console", "--port", "0",
                "--password", "s3cret")) {
            String url = consoleUrl(console);
            assertEquals(401, get(url, null).statusCode());
            assertEquals(401, get(url, "wrong").statusCode());
            HttpResponse<String> home = get(url, "s3cret");
            assertEquals(200, home.statusCode());
            assertTrue(home.body().contains("read-only"), home.body());
            String dave = ToolProcess.run("--redis-uri", redisUri, "list", "-n", NAMESPACE, "--user", "dave")
                    .out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
            HttpResponse<String> page = get(url + "session?ns=" + NAMESPACE + "&id=" + dave, "s3cret");
            assertEquals(200, page.statusCode());
            assertFalse(page.body().contains("id=\"invalidate\""), "no button when read-only");
            assertFalse(page.body().contains("xxxx"), "no values unless --show-values");
            assertEquals(403, get(url + "invalidate?ns=" + NAMESPACE + "&id=" + dave, "s3cret").statusCode());
            assertEquals(403, post(url + "invalidate", "ns=" + NAMESPACE + "&id=" + dave, "s3cret").statusCode());
            assertEquals(400, get(url + "session?ns=" + NAMESPACE + "&id=not-an-id", "s3cret").statusCode());
        }
        ToolProcess.Result open = ToolProcess.run("--redis-uri", redisUri, "console", "--bind", "0.0.0.0");
        assertEquals(2, open.code(), open.toString());
        assertTrue(open.err().contains("--password"), open.err());
    }

    private static String consoleUrl(ToolProcess console) throws InterruptedException {
        String line = console.awaitLine(l -> l.startsWith("console on "), 30_000);
        return line.substring("console on ".length(), line.indexOf(' ', "console on ".length()));
    }

    /** Clicks a link or button and waits until the page it leads to is loaded (at most 10 s). */
    private static void click(WebDriver browser, By locator) throws InterruptedException {
        String before = browser.getCurrentUrl();
        browser.findElement(locator).click();
        long deadline = System.currentTimeMillis() + 10_000;
        while (before.equals(browser.getCurrentUrl())
                || !"complete".equals(((JavascriptExecutor) browser).executeScript("return document.readyState"))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("clicking " + locator + " on " + before + " led nowhere");
            }
            Thread.sleep(50);
        }
    }

    private static String text(WebDriver browser) {
        return browser.findElement(By.tagName("body")).getText().strip();
    }

    private HttpResponse<String> get(String url, String password) throws Exception {
        return http.send(authorized(HttpRequest.newBuilder(URI.create(url)).GET(), password).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String form, String password) throws Exception {
        return http.send(authorized(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), password).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String password) {
        return password == null ? request : request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
    }
}
