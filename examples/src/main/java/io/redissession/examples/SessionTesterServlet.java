package io.redissession.examples;

import io.redissession.LoginRefusedException;
import io.redissession.servlet.RedisSessions;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The classic "session tester" page. A GET shows the session (id, times, timeout, whether it is new), the
 * container and the web app that answered, increments the attribute {@value #COUNTER} and lists every other
 * attribute. A POST stores or removes an attribute, changes the session id or invalidates the session, then
 * redirects to the page (Post/Redirect/Get). The page links to itself on every container and app of the demo, on
 * the host the browser used, so one click shows the same session served elsewhere.
 *
 * <p>Map it to {@code /}: it answers the context root and sends 404 for any other path. Two optional context
 * parameters describe the links: {@value #CONTAINERS_PARAM}, such as {@value #DEFAULT_CONTAINERS} (a name and a
 * port per container), and {@value #APPS_PARAM}, such as {@value #DEFAULT_APPS} (the context paths).
 */
public class SessionTesterServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The session attribute counting the GET requests of the session. */
    public static final String COUNTER = "counter";

    /** Context parameter naming the containers to link to: {@code Name=port,Name=port,...}. */
    public static final String CONTAINERS_PARAM = "sessionTester.containers";

    /** Context parameter naming the web apps to link to: {@code /path,/path,...}. */
    public static final String APPS_PARAM = "sessionTester.apps";

    /** The containers linked to when {@value #CONTAINERS_PARAM} is not set. */
    public static final String DEFAULT_CONTAINERS = "Tomcat=8081,Jetty=8082,Undertow=8083";

    /** The web apps linked to when {@value #APPS_PARAM} is not set. */
    public static final String DEFAULT_APPS = "/session1,/session2";

    /** The query parameter of the page the filter redirects to when a newer login ended the session. */
    public static final String LOGGED_OUT_ELSEWHERE = "loggedOutElsewhere";

    /** The longest attribute name the form accepts. */
    public static final int MAX_NAME_LENGTH = 100;

    /** The longest attribute value the form accepts. */
    public static final int MAX_VALUE_LENGTH = 1000;

    private static final int MAX_SHOWN_LENGTH = 1000;

    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:60em}"
            + "table{border-collapse:collapse;margin-bottom:1em}th,td{border:1px solid #bbb;padding:.3em .6em;"
            + "text-align:left;vertical-align:top}th{background:#eee}form{margin:.5em 0}.here{font-weight:bold}"
            + "code{word-break:break-all}.hint{color:#555}";

    private static final String SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** A container the page links to. */
    private record Peer(String name, int port) {
    }

    private List<Peer> peers;
    private List<String> apps;

    /**
     * Reads the context parameters {@value #CONTAINERS_PARAM} and {@value #APPS_PARAM}.
     *
     * @throws ServletException if one of them is malformed; the message names the parameter and quotes the value
     */
    @Override
    public void init() throws ServletException {
        peers = parsePeers(parameter(CONTAINERS_PARAM, DEFAULT_CONTAINERS));
        apps = parseApps(parameter(APPS_PARAM, DEFAULT_APPS));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!isPage(request)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        HttpSession session = request.getSession();
        int counter = counterValue(session.getAttribute(COUNTER)) + 1;
        session.setAttribute(COUNTER, counter);
        send(response, HttpServletResponse.SC_OK, page(request, response, session, counter));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!isPage(request)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String action = String.valueOf(request.getParameter("action"));
        switch (action) {
            case "set" -> {
                String problem = setAttribute(request);
                if (problem != null) {
                    badRequest(request, response, problem);
                    return;
                }
            }
            case "changeId" -> {
                request.getSession();
                request.changeSessionId();
            }
            case "invalidate" -> {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
            case "login" -> {
                String problem = logIn(request);
                if (problem != null) {
                    badRequest(request, response, problem);
                    return;
                }
            }
            case "logoutEverywhere" -> {
                HttpSession session = request.getSession(false);
                String user = session == null ? null : RedisSessions.userOf(session);
                if (user != null) {
                    RedisSessions.of(getServletContext()).logout(user);
                }
            }
            default -> {
                badRequest(request, response, "Unknown action [" + action + "]: expected set, changeId, invalidate,"
                        + " login or logoutEverywhere.");
                return;
            }
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", response.encodeRedirectURL(pagePath(request)));
    }

    /** Logs the session in as the user of the form; returns what is wrong, or {@code null}. */
    private static String logIn(HttpServletRequest request) {
        String user = request.getParameter("user");
        user = user == null ? "" : user.trim();
        if (user.isEmpty() || user.length() > MAX_NAME_LENGTH) {
            return "The user name must have 1 to " + MAX_NAME_LENGTH + " characters.";
        }
        request.getSession();
        request.changeSessionId();
        try {
            RedisSessions.login(request, user);
            return null;
        } catch (LoginRefusedException e) {
            return e.getMessage();
        }
    }

    /** Stores or removes the attribute of the form; returns what is wrong with the form, or {@code null}. */
    private static String setAttribute(HttpServletRequest request) {
        String name = request.getParameter("name");
        String value = request.getParameter("value");
        name = name == null ? "" : name.trim();
        value = value == null ? "" : value;
        if (name.isEmpty()) {
            return "The attribute name is empty.";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "The attribute name is longer than " + MAX_NAME_LENGTH + " characters.";
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            return "The value of [" + name + "] is longer than " + MAX_VALUE_LENGTH + " characters.";
        }
        if (value.isEmpty()) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(name);
            }
        } else {
            request.getSession().setAttribute(name, value);
        }
        return null;
    }

    private String page(HttpServletRequest request, HttpServletResponse response, HttpSession session, int counter) {
        String self = response.encodeURL(pagePath(request));
        String server = getServletContext().getServerInfo();
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Session tester: ").append(escape(request.getContextPath())).append(" on ")
                .append(escape(server)).append("</title><style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>Session tester</h1>\n<p>Web app <b id=\"context-path\">")
                .append(escape(request.getContextPath())).append("</b> on <b id=\"server-info\">")
                .append(escape(server)).append("</b>, port ").append(request.getLocalPort()).append("</p>\n");

        if (request.getParameter(LOGGED_OUT_ELSEWHERE) != null) {
            html.append("<p id=\"logged-out-elsewhere\"><b>You were logged out because you logged in elsewhere."
                    + "</b> This is a new session.</p>\n");
        }
        html.append("<h2>Session</h2>\n<table>\n");
        row(html, "Session id", "session-id", "<code>" + escape(session.getId()) + "</code>");
        row(html, "New", "new", String.valueOf(session.isNew()));
        row(html, "Created", "created", Instant.ofEpochMilli(session.getCreationTime()).toString());
        row(html, "Last accessed", "last-accessed", Instant.ofEpochMilli(session.getLastAccessedTime()).toString());
        int timeout = session.getMaxInactiveInterval();
        row(html, "Max inactive interval", "max-inactive-interval",
                timeout <= 0 ? "never expires" : timeout + " s");
        row(html, "Counter", COUNTER, Integer.toString(counter));
        String user = RedisSessions.userOf(session);
        row(html, "User", "user", user == null ? "not logged in" : escape(user));
        row(html, "Listener events on this node (web.xml)", "listener-events", listenerEvents(""));
        row(html, "Listener events on this node (@WebListener)", "listener-events-annotated",
                listenerEvents(".annotated"));
        row(html, "Listener events on this node (addListener)", "listener-events-added", listenerEvents(".added"));
        html.append("</table>\n");

        html.append("<h2>Attributes</h2>\n");
        Map<String, Object> attributes = new TreeMap<>();
        for (String name : Collections.list(session.getAttributeNames())) {
            if (!name.equals(COUNTER)) {
                attributes.put(name, session.getAttribute(name));
            }
        }
        if (attributes.isEmpty()) {
            html.append("<p id=\"attributes\">No other attributes.</p>\n");
        } else {
            html.append("<table id=\"attributes\">\n");
            attributes.forEach((name, value) -> html.append("<tr><th>").append(escape(name)).append("</th><td>")
                    .append(escape(shorten(String.valueOf(value)))).append("</td></tr>\n"));
            html.append("</table>\n");
        }
        html.append("<form method=\"post\" action=\"").append(escape(self)).append("\">")
                .append("<input type=\"hidden\" name=\"action\" value=\"set\">")
                .append("<label>Name <input name=\"name\" required maxlength=\"").append(MAX_NAME_LENGTH)
                .append("\"></label> <label>Value <input name=\"value\" maxlength=\"").append(MAX_VALUE_LENGTH)
                .append("\"></label> <button type=\"submit\">Store</button> ")
                .append("<span class=\"hint\">An empty value removes the attribute.</span></form>\n")
                .append("<form method=\"post\" action=\"").append(escape(self)).append("\">")
                .append("<button type=\"submit\" name=\"action\" value=\"changeId\">Change session id</button> ")
                .append("<button type=\"submit\" name=\"action\" value=\"invalidate\">Invalidate session</button>")
                .append(" <a href=\"").append(escape(self)).append("\">Reload</a></form>\n");
        html.append("<h2>Login</h2>\n<p class=\"hint\">Logging in records the user of the session. With"
                + " <code>maxSessionsPerUser=1</code> (as <code>./demo.sh</code> runs it) it also ends the user's"
                + " session in any other browser, whose next page says so.</p>\n")
                .append("<form method=\"post\" action=\"").append(escape(self)).append("\">")
                .append("<input type=\"hidden\" name=\"action\" value=\"login\">")
                .append("<label>User name <input name=\"user\" required maxlength=\"").append(MAX_NAME_LENGTH)
                .append("\"></label> <button type=\"submit\">Log in</button></form>\n");
        if (user != null) {
            html.append("<form method=\"post\" action=\"").append(escape(self)).append("\">")
                    .append("<button type=\"submit\" name=\"action\" value=\"logoutEverywhere\">Log ")
                    .append(escape(user)).append(" out everywhere</button></form>\n");
        }

        html.append("<h2>The same session elsewhere</h2>\n<table id=\"links\">\n<tr><th>Container</th>");
        apps.forEach(app -> html.append("<th>").append(escape(app)).append("</th>"));
        html.append("</tr>\n");
        for (Peer peer : peers) {
            html.append("<tr><th>").append(escape(peer.name())).append(" :").append(peer.port()).append("</th>");
            for (String app : apps) {
                boolean here = peer.port() == request.getLocalPort() && app.equals(request.getContextPath());
                if (here) {
                    html.append("<td class=\"here\">this page</td>");
                } else {
                    String url = response.encodeURL(baseUrl(request, peer.port()) + app + "/");
                    html.append("<td><a href=\"").append(escape(url)).append("\">").append(escape(peer.name()))
                            .append(' ').append(escape(app)).append("</a></td>");
                }
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n</body></html>\n");
        return html.toString();
    }

    private static void row(StringBuilder html, String label, String id, String cellHtml) {
        html.append("<tr><th>").append(label).append("</th><td id=\"").append(id).append("\">").append(cellHtml)
                .append("</td></tr>\n");
    }

    private static void badRequest(HttpServletRequest request, HttpServletResponse response, String problem)
            throws IOException {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bad request</title>"
                + "<style>" + STYLE + "</style></head><body>\n<h1>Bad request</h1>\n<p id=\"problem\">"
                + escape(problem) + "</p>\n<p><a href=\"" + escape(response.encodeURL(pagePath(request)))
                + "\">Back to the session tester</a></p>\n</body></html>\n";
        send(response, HttpServletResponse.SC_BAD_REQUEST, html);
    }

    private static void send(HttpServletResponse response, int status, String html) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(html);
    }

    /** Whether the request is for the context root, the only path this servlet answers. */
    private static boolean isPage(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.isEmpty() || path.equals("/");
    }

    private static String pagePath(HttpServletRequest request) {
        return request.getContextPath() + "/";
    }

    private static String baseUrl(HttpServletRequest request, int port) {
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return request.getScheme() + "://" + host + ":" + port;
    }

    /** Reads the counter tolerantly: the form may have stored it as text, another app as any number. */
    private static int counterValue(Object stored) {
        if (stored instanceof Number number) {
            return number.intValue();
        }
        if (stored instanceof String text) {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_SHOWN_LENGTH ? text : text.substring(0, MAX_SHOWN_LENGTH) + "\u2026";
    }

    /**
     * Escapes text for HTML element content and quoted attribute values.
     *
     * @param text the text, may be {@code null} (gives {@code "null"})
     * @return the escaped text
     */
    static String escape(String text) {
        String s = String.valueOf(text);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private String listenerEvents(String source) {
        return "created " + SessionActivityListener.counter(getServletContext(), SessionActivityListener.CREATED
                + source) + ", destroyed " + SessionActivityListener.counter(getServletContext(),
                SessionActivityListener.DESTROYED + source);
    }

    private String parameter(String name, String fallback) {
        String value = getServletContext().getInitParameter(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static List<Peer> parsePeers(String value) throws ServletException {
        List<Peer> parsed = new ArrayList<>();
        for (String item : value.split(",")) {
            String[] parts = item.trim().split("=", 2);
            int port = parts.length == 2 ? parsePort(parts[1].trim()) : -1;
            if (parts[0].isBlank() || port < 0) {
                throw new ServletException("Context parameter " + CONTAINERS_PARAM + ": [" + value
                        + "] must be a comma-separated list of Name=port, such as " + DEFAULT_CONTAINERS);
            }
            parsed.add(new Peer(parts[0].trim(), port));
        }
        return List.copyOf(parsed);
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port >= 1 && port <= 65_535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<String> parseApps(String value) throws ServletException {
        List<String> parsed = new ArrayList<>();
        for (String item : value.split(",")) {
            String app = item.trim();
            if (!app.matches("(/[A-Za-z0-9._~-]+)+")) {
                throw new ServletException("Context parameter " + APPS_PARAM + ": [" + value
                        + "] must be a comma-separated list of context paths, such as " + DEFAULT_APPS);
            }
            parsed.add(app);
        }
        return List.copyOf(parsed);
    }
}
