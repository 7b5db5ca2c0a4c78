package io.redissession.tools.console;

import io.redissession.redis.SessionCatalog;
import io.redissession.redis.SessionTerminator;
import io.redissession.session.SessionIds;
import io.redissession.tools.console.Charts.Series;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The content of each console page, read from Redis when asked: nothing is cached between requests. */
final class ConsolePages {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    /** How many sessions a namespace page lists. */
    static final int LISTED = 50;

    /** A page, or where to go instead. */
    record Page(int status, String title, String body, String redirect) {

        static Page of(String title, String body) {
            return new Page(200, title, body, null);
        }

        static Page redirect(String location) {
            return new Page(303, "", "", location);
        }

        static Page notFound(String title, String body) {
            return new Page(404, title, body, null);
        }
    }

    private final SessionCatalog catalog;
    private final SessionTerminator terminator;
    private final ValueDisplay values;
    private final ConsoleOptions options;

    ConsolePages(SessionCatalog catalog, SessionTerminator terminator, ValueDisplay values, ConsoleOptions options) {
        this.catalog = catalog;
        this.terminator = terminator;
        this.values = values;
        this.options = options;
    }

    Page home() {
        Map<String, Long> namespaces = catalog.namespaces();
        StringBuilder body = new StringBuilder("<h1>Namespaces</h1>");
        if (namespaces.isEmpty()) {
            body.append("<p>No sessions under this key prefix.</p>");
        } else {
            body.append("<table id=\"namespaces\"><tr><th>Namespace</th><th>Sessions</th></tr>");
            namespaces.forEach((name, count) -> body.append("<tr><td><a href=\"/namespace?ns=")
                    .append(Html.escape(Html.query(name))).append("\">").append(Html.escape(name))
                    .append("</a></td><td class=\"num\">").append(count).append("</td></tr>"));
            body.append("</table>");
        }
        return Page.of("Namespaces", body.toString());
    }

    Page namespace(String ns) {
        SessionCatalog.Stats stats = catalog.stats(ns, 1000);
        List<SessionCatalog.Minute> minutes = catalog.activity(ns, 60);
        StringBuilder body = new StringBuilder("<h1>Namespace ").append(Html.escape(ns)).append("</h1>");
        body.append(searchForm(ns));
        body.append("<table id=\"stats\">")
                .append(row("Sessions", stats.sessions()))
                .append(row("Never expiring", stats.neverExpiring()))
                .append(row("Overdue by more than 5 s (sweep lagging, or no node running)", stats.overdue()))
                .append(row("Sizes measured on", stats.sampled()))
                .append("<tr><th>Bytes p50 / p90 / p99 / max</th><td class=\"num\">").append(stats.bytesP50())
                .append(" / ").append(stats.bytesP90()).append(" / ").append(stats.bytesP99()).append(" / ")
                .append(stats.bytesMax()).append("</td></tr></table>");
        List<String> labels = minutes.stream().map(m -> MINUTE.format(Instant.ofEpochMilli(m.minute()))).toList();
        body.append("<div class=\"charts\">")
                .append(Charts.lines("Sessions per minute, last hour (UTC)", labels, List.of(
                        new Series("created", "#2e7d32", minutes.stream().map(SessionCatalog.Minute::created)
                                .toList()),
                        new Series("destroyed", "#b3261e", minutes.stream()
                                .map(SessionCatalog.Minute::destroyedTotal).toList()))))
                .append(Charts.bars("Session sizes (MEMORY USAGE) of " + stats.sampled() + " sampled",
                        stats.sizeDistribution().stream().map(b -> b.upTo() < 0 ? ">1M" : shortSize(b.upTo()))
                                .toList(),
                        stats.sizeDistribution().stream().map(SessionCatalog.SizeBucket::sessions).toList()))
                .append("</div>");
        body.append("<h2>Attributes with the most bytes (in the sample)</h2><table id=\"attributes\">"
                + "<tr><th>Attribute</th><th>Bytes</th></tr>");
        stats.attributeBytes().forEach((name, bytes) -> body.append(row(name, bytes)));
        body.append("</table>");
        List<SessionCatalog.Summary> sessions = new ArrayList<>(catalog.list(ns, SessionCatalog.Query.all(LISTED)));
        sessions.sort(Comparator.comparingLong(SessionCatalog.Summary::memoryBytes).reversed());
        body.append("<h2>Sessions (the first ").append(LISTED).append(" found, largest first)</h2>")
                .append(sessionTable(ns, sessions));
        return Page.of(ns, body.toString());
    }

    Page search(String ns, String query) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            return Page.redirect("/namespace?ns=" + Html.query(ns));
        }
        if (SessionIds.isWellFormed(q) && catalog.show(ns, q) != null) {
            return Page.redirect(sessionUrl(ns, q));
        }
        List<SessionCatalog.Summary> sessions = catalog.list(ns, new SessionCatalog.Query(q, Long.MAX_VALUE, 0,
                1000));
        StringBuilder body = new StringBuilder("<h1>Sessions of user ").append(Html.escape(q)).append("</h1>")
                .append(searchForm(ns));
        if (sessions.isEmpty()) {
            body.append("<p id=\"nothing\">No session has the id or the user [").append(Html.escape(q))
                    .append("] in namespace ").append(Html.escape(ns)).append(".</p>");
            return Page.notFound("Not found", body.toString());
        }
        body.append(sessionTable(ns, sessions));
        if (options.allowWrites()) {
            body.append("<p><a id=\"logout\" href=\"/logout?ns=").append(Html.escape(Html.query(ns)))
                    .append("&amp;user=").append(Html.escape(Html.query(q)))
                    .append("\">Log this user out everywhere…</a></p>");
        }
        return Page.of("User " + q, body.toString());
    }

    Page session(String ns, String id) {
        SessionCatalog.Detail detail = catalog.show(ns, id);
        if (detail == null) {
            return Page.notFound("Not found", "<h1>No session</h1><p id=\"nothing\">No session [" + Html.escape(id)
                    + "] in namespace " + Html.escape(ns) + ": it ended, or never was.</p>");
        }
        SessionCatalog.Summary summary = detail.summary();
        StringBuilder body = new StringBuilder("<h1>Session</h1><table id=\"session\">")
                .append(row("Id", summary.id()))
                .append(row("User", summary.user() == null ? "-" : summary.user()))
                .append(row("Created", Html.time(summary.created())))
                .append(row("Last accessed", Html.time(summary.lastAccessed())))
                .append(row("Timeout", summary.maxInactiveInterval() <= 0 ? "never"
                        : summary.maxInactiveInterval() + " s"))
                .append(row("Field bytes", Long.toString(detail.bytes())))
                .append(row("Memory usage", Long.toString(summary.memoryBytes())));
        detail.otherFields().forEach((name, value) -> body.append(row(name, value)));
        body.append("</table><h2>Attributes</h2><table id=\"attributes\"><tr><th>Attribute</th><th>Type</th>"
                + "<th>Bytes</th>").append(options.showValues() ? "<th>Value</th>" : "").append("</tr>");
        catalog.values(ns, id).forEach((name, stored) -> {
            ValueDisplay.Shown shown = values.show(stored);
            body.append("<tr><td>").append(Html.escape(name)).append("</td><td>").append(Html.escape(shown.type()))
                    .append("</td><td class=\"num\">").append(stored.length).append("</td>");
            if (options.showValues()) {
                body.append("<td class=\"value\">").append(Html.escape(shown.text())).append("</td>");
            }
            body.append("</tr>");
        });
        body.append("</table>");
        if (!options.showValues()) {
            body.append("<p>Values are hidden: start the console with --show-values to see them.</p>");
        }
        if (options.allowWrites()) {
            body.append("<p><a id=\"invalidate\" href=\"/invalidate?ns=").append(Html.escape(Html.query(ns)))
                    .append("&amp;id=").append(Html.escape(Html.query(id))).append("\">End this session…</a>");
            if (summary.user() != null) {
                body.append(" &nbsp; <a id=\"logout\" href=\"/logout?ns=").append(Html.escape(Html.query(ns)))
                        .append("&amp;user=").append(Html.escape(Html.query(summary.user())))
                        .append("\">Log ").append(Html.escape(summary.user())).append(" out everywhere…</a>");
            }
            body.append("</p>");
        }
        return Page.of("Session " + id, body.toString());
    }

    Page confirmInvalidate(String ns, String id, String csrf) {
        if (!SessionIds.isWellFormed(id)) {
            throw new IllegalArgumentException("not a session id: [" + id + "]");
        }
        return Page.of("End session", "<h1>End session " + Html.escape(id) + "?</h1><div class=\"notice\">Its"
                + " owner's next request has no session; the application's sessionDestroyed listeners run once, on"
                + " a node of the namespace.</div>" + confirmForm("/invalidate", csrf,
                Map.of("ns", ns, "id", id), "End the session", sessionUrl(ns, id)));
    }

    Page confirmLogout(String ns, String user, String csrf) {
        int count = catalog.list(ns, new SessionCatalog.Query(user, Long.MAX_VALUE, 0, 10_000)).size();
        return Page.of("Log out", "<h1>Log " + Html.escape(user) + " out everywhere?</h1><div class=\"notice\">"
                + "This ends the user's " + count + " session(s) in namespace " + Html.escape(ns) + ".</div>"
                + confirmForm("/logout", csrf, Map.of("ns", ns, "user", user), "Log out everywhere",
                "/search?ns=" + Html.query(ns) + "&q=" + Html.query(user)));
    }

    Page invalidate(String ns, String id) {
        boolean ended = terminator.end(ns, id);
        return Page.of("Session ended", "<h1 id=\"result\">" + (ended ? "Ended session " + Html.escape(id)
                : "Session " + Html.escape(id) + " had already ended") + "</h1><p><a href=\"/namespace?ns="
                + Html.escape(Html.query(ns)) + "\">Back to " + Html.escape(ns) + "</a></p>");
    }

    Page logout(String ns, String user) {
        int ended = terminator.endUser(ns, user);
        return Page.of("Logged out", "<h1 id=\"result\">Ended " + ended + " session(s) of " + Html.escape(user)
                + "</h1><p><a href=\"/namespace?ns=" + Html.escape(Html.query(ns)) + "\">Back to "
                + Html.escape(ns) + "</a></p>");
    }

    private static String confirmForm(String action, String csrf, Map<String, String> fields, String button,
            String cancel) {
        StringBuilder form = new StringBuilder("<form method=\"post\" action=\"").append(action).append("\">");
        fields.forEach((name, value) -> form.append("<input type=\"hidden\" name=\"").append(name)
                .append("\" value=\"").append(Html.escape(value)).append("\">"));
        return form.append("<input type=\"hidden\" name=\"csrf\" value=\"").append(Html.escape(csrf))
                .append("\"><button id=\"confirm\" class=\"danger\" type=\"submit\">").append(Html.escape(button))
                .append("</button> &nbsp; <a href=\"").append(Html.escape(cancel)).append("\">Cancel</a></form>")
                .toString();
    }

    private static String searchForm(String ns) {
        return "<form method=\"get\" action=\"/search\"><input type=\"hidden\" name=\"ns\" value=\"" + Html.escape(ns)
                + "\"><input type=\"text\" id=\"q\" name=\"q\" placeholder=\"user or session id\"> <button"
                + " id=\"find\" type=\"submit\">Find</button></form>";
    }

    private static String sessionTable(String ns, List<SessionCatalog.Summary> sessions) {
        StringBuilder table = new StringBuilder("<table id=\"sessions\"><tr><th>Id</th><th>User</th><th>Created</th>"
                + "<th>Last accessed</th><th>Timeout</th><th>Bytes</th></tr>");
        for (SessionCatalog.Summary session : sessions) {
            table.append("<tr><td><a href=\"").append(Html.escape(sessionUrl(ns, session.id()))).append("\">")
                    .append(Html.escape(session.id())).append("</a></td><td>")
                    .append(Html.escape(session.user() == null ? "-" : session.user())).append("</td><td>")
                    .append(Html.time(session.created())).append("</td><td>")
                    .append(Html.time(session.lastAccessed())).append("</td><td>")
                    .append(session.maxInactiveInterval() <= 0 ? "never" : session.maxInactiveInterval() + " s")
                    .append("</td><td class=\"num\">").append(session.memoryBytes()).append("</td></tr>");
        }
        return table.append("</table>").toString();
    }

    private static String sessionUrl(String ns, String id) {
        return "/session?ns=" + Html.query(ns) + "&id=" + Html.query(id);
    }

    private static String row(String name, Object value) {
        return "<tr><th>" + Html.escape(name) + "</th><td" + (value instanceof Number ? " class=\"num\"" : "") + ">"
                + Html.escape(String.valueOf(value)) + "</td></tr>";
    }

    private static String shortSize(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + "M" : bytes >= 1 << 10 ? (bytes >> 10) + "K" : Long.toString(bytes);
    }
}
