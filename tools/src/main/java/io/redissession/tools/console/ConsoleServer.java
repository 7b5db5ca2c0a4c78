package io.redissession.tools.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.redissession.SessionStoreUnavailableException;
import io.redissession.redis.SessionCatalog;
import io.redissession.redis.SessionTerminator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves the console over HTTP with the JDK's own server. Every response forbids framing, caching and any content
 * from elsewhere; every write is a {@code POST} carrying the console's CSRF token, accepted only with
 * {@code --allow-writes}; with a password, every request needs it (HTTP Basic).
 */
public final class ConsoleServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConsoleServer.class.getName());
    private static final int MAX_FORM_BYTES = 16 * 1024;

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "redis-session-console");
        thread.setDaemon(true);
        return thread;
    });
    private final ConsolePages pages;
    private final ConsoleOptions options;
    private final String csrf;

    /**
     * Starts serving.
     *
     * @param address where to listen
     * @param catalog reads sessions; not {@code null}
     * @param terminator ends sessions; not {@code null}
     * @param values what to show of attribute values; not {@code null}
     * @param options what the console allows; not {@code null}
     * @throws IOException if the address cannot be bound
     */
    public ConsoleServer(InetSocketAddress address, SessionCatalog catalog, SessionTerminator terminator,
            ValueDisplay values, ConsoleOptions options) throws IOException {
        this.pages = new ConsolePages(catalog, terminator, values, options);
        this.options = options;
        byte[] token = new byte[32];
        new SecureRandom().nextBytes(token);
        this.csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        this.server = HttpServer.create(address, 0);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return the port the console listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"redis-session console\","
                        + " charset=\"UTF-8\"");
                send(exchange, 401, Html.page("Password needed", options.describe(), "<h1>Password needed</h1>"));
                return;
            }
            ConsolePages.Page page;
            try {
                page = route(exchange);
            } catch (IllegalArgumentException e) {
                page = new ConsolePages.Page(400, "Bad request", "<h1>Bad request</h1><p>"
                        + Html.escape(e.getMessage()) + "</p>", null);
            } catch (SessionStoreUnavailableException e) {
                page = new ConsolePages.Page(503, "Redis unreachable", "<h1>Redis is unreachable</h1><p>"
                        + Html.escape(e.getMessage()) + "</p>", null);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Console request " + exchange.getRequestURI() + " failed", e);
                page = new ConsolePages.Page(500, "Failed", "<h1>Failed</h1><p>" + Html.escape(String.valueOf(
                        e.getMessage())) + "</p>", null);
            }
            if (page.redirect() != null) {
                exchange.getResponseHeaders().set("Location", page.redirect());
                send(exchange, page.status(), "");
            } else {
                send(exchange, page.status(), Html.page(page.title(), options.describe(), page.body()));
            }
        }
    }

    private ConsolePages.Page route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (method.equals("POST")) {
            Map<String, String> form = form(body(exchange));
            if (!options.allowWrites()) {
                return forbidden("The console is read-only: start it with --allow-writes to end sessions.");
            }
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (origin != null && !origin.equals("http://" + host) && !origin.equals("https://" + host)) {
                return forbidden("The form was sent from another site (" + origin + ").");
            }
            if (!sameToken(form.get("csrf"))) {
                return forbidden("The form's token is missing or stale: reload the page and try again.");
            }
            return switch (path) {
                case "/invalidate" -> pages.invalidate(required(form, "ns"), required(form, "id"));
                case "/logout" -> pages.logout(required(form, "ns"), required(form, "user"));
                default -> notFound();
            };
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new ConsolePages.Page(405, "Method not allowed", "<h1>Method not allowed</h1>", null);
        }
        return switch (path) {
            case "/" -> pages.home();
            case "/namespace" -> pages.namespace(required(query, "ns"));
            case "/search" -> pages.search(required(query, "ns"), query.get("q"));
            case "/session" -> pages.session(required(query, "ns"), required(query, "id"));
            case "/invalidate" -> options.allowWrites() ? pages.confirmInvalidate(required(query, "ns"),
                    required(query, "id"), csrf) : forbidden("The console is read-only.");
            case "/logout" -> options.allowWrites() ? pages.confirmLogout(required(query, "ns"),
                    required(query, "user"), csrf) : forbidden("The console is read-only.");
            default -> notFound();
        };
    }

    private boolean authorized(HttpExchange exchange) {
        if (options.password() == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon >= 0 && MessageDigest.isEqual(decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8),
                options.password().getBytes(StandardCharsets.UTF_8));
    }

    private boolean sameToken(String given) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                csrf.getBytes(StandardCharsets.UTF_8));
    }

    private static ConsolePages.Page forbidden(String why) {
        return new ConsolePages.Page(403, "Forbidden", "<h1>Forbidden</h1><p id=\"forbidden\">" + Html.escape(why)
                + "</p>", null);
    }

    private static ConsolePages.Page notFound() {
        return ConsolePages.Page.notFound("Not found", "<h1>Not found</h1>");
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the parameter [" + name + "] is missing");
        }
        return value;
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_FORM_BYTES + 1);
            if (bytes.length > MAX_FORM_BYTES) {
                throw new IllegalArgumentException("the form is larger than " + MAX_FORM_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "text/html; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "same-origin");
        headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self';"
                + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
