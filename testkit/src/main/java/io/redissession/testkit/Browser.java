package io.redissession.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One simulated browser: an HTTP/1.1 client with its own cookie jar that accepts every cookie. It
 * follows no redirect unless asked, and waits at most 10 s for a response.
 *
 * <p>As in a real browser, cookies are not separated by port: a {@code JSESSIONID} with
 * {@code Path=/app} set by one container on {@code 127.0.0.1} replaces the one another container
 * set there. Use one browser per container unless the test wants that. A cookie with
 * {@code Path=/} set by {@code /app1} is sent to {@code /app2} of the same host.
 */
public final class Browser {

    /** Connect and request timeout. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;
    private final Duration timeout;

    /** Creates a browser that follows no redirect. */
    public Browser() {
        this(false);
    }

    /**
     * Creates a browser.
     *
     * @param followRedirects whether to follow redirects (except from HTTPS to HTTP)
     */
    public Browser(boolean followRedirects) {
        this(followRedirects, TIMEOUT);
    }

    /**
     * Creates a browser with its own connect and request timeout.
     *
     * @param followRedirects whether to follow redirects (except from HTTPS to HTTP)
     * @param timeout how long a request may take; not {@code null}
     */
    public Browser(boolean followRedirects, Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies)
                .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /**
     * One HTTP response.
     *
     * @param status the status code
     * @param body the body decoded as UTF-8
     * @param headers the response headers
     */
    public record Response(int status, String body, HttpHeaders headers) {

        /**
         * Returns the first value of a header.
         *
         * @param name the header name, case-insensitive; not {@code null}
         * @return the value, or {@code null} if the header is absent
         */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** Returns every {@code Set-Cookie} header value, in order. */
        public List<String> setCookies() {
            return headers.allValues("Set-Cookie");
        }
    }

    /**
     * Sends a GET request.
     *
     * @param url the absolute URL, not {@code null}
     * @return the response
     * @throws UncheckedIOException if the request fails or times out
     */
    public Response get(String url) {
        return get(url, Map.of());
    }

    /**
     * Sends a GET request with extra headers.
     *
     * @param url the absolute URL, not {@code null}
     * @param extraHeaders headers to add, not {@code null}; restricted ones such as {@code Host}
     *     are rejected by {@link HttpClient}
     * @return the response
     * @throws UncheckedIOException if the request fails or times out
     */
    public Response get(String url, Map<String, String> extraHeaders) {
        HttpRequest.Builder request = request(url).GET();
        extraHeaders.forEach(request::header);
        return send(request.build());
    }

    /**
     * Sends a POST request with a form body ({@code application/x-www-form-urlencoded}).
     *
     * @param url the absolute URL, not {@code null}
     * @param form the form fields, not {@code null}
     * @return the response
     * @throws UncheckedIOException if the request fails or times out
     */
    public Response post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }

    /** Returns every cookie in the jar. */
    public List<HttpCookie> cookies() {
        return cookies.getCookieStore().getCookies();
    }

    /**
     * Returns the value of a cookie in the jar.
     *
     * @param name the cookie name, not {@code null}
     * @return the value of the first cookie with that name, or {@code null}
     */
    public String cookie(String name) {
        return cookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Empties the jar, as closing the browser would for session cookies. */
    public void clearCookies() {
        cookies.getCookieStore().removeAll();
    }

    /**
     * Puts a cookie in the jar, as if {@code uri} had set it. The cookie is made a plain
     * (version 0) cookie, so its value is sent without quotes; one without a path gets {@code /},
     * so every path of the host receives it.
     *
     * @param uri the URI that "set" the cookie, not {@code null}
     * @param cookie the cookie, not {@code null}
     */
    public void setCookie(URI uri, HttpCookie cookie) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(cookie, "cookie");
        cookie.setVersion(0);
        if (cookie.getPath() == null) {
            cookie.setPath("/");
        }
        cookies.getCookieStore().add(uri, cookie);
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(Objects.requireNonNull(url, "url"))).timeout(timeout);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(request.method() + " " + request.uri() + " interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
