package io.redissession.servlet;

import io.redissession.session.SessionIds;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The session ids a request carries, in the session cookie(s) and, when URL tracking is on, in the
 * {@code ;NAME=ID} path parameter (or the specification's {@code ;jsessionid=ID}). Only well-formed ids are
 * candidates for Redis; the first value the client sent, well-formed or not, is what
 * {@code getRequestedSessionId()} reports, as the specification asks.
 * <p>
 * Session cookies are read from the {@code Cookie} headers themselves rather than through
 * {@code HttpServletRequest.getCookies()}, which would build a {@code Cookie} object for every cookie of the request:
 * only the pairs named like the session cookie matter here, and every container then reads them the same way.
 *
 * @param fromCookies well-formed ids of the session cookies, in request order
 * @param fromUrl the well-formed id of the path parameter, or {@code null}
 * @param rawCookie the first non-empty value of a session cookie as sent, or {@code null}
 * @param rawUrl the value of the path parameter as sent, or {@code null}
 */
record RequestedSessionIds(List<String> fromCookies, String fromUrl, String rawCookie, String rawUrl) {

    /** The path parameter name of the specification, used when the cookie has another name. */
    static final String SPEC_PARAMETER = "jsessionid";

    static RequestedSessionIds of(HttpServletRequest request, String name, boolean cookies, boolean url) {
        List<String> values = new ArrayList<>(1);
        Enumeration<String> headers = cookies ? request.getHeaders("Cookie") : null;
        while (headers != null && headers.hasMoreElements()) {
            addCookieValues(headers.nextElement(), name, values);
        }
        String rawUrl = null;
        if (url) {
            rawUrl = pathParameter(request.getRequestURI(), name);
            if (rawUrl == null) {
                rawUrl = pathParameter(request.getRequestURI(), SPEC_PARAMETER);
            }
        }
        List<String> wellFormed = values.stream().filter(SessionIds::isWellFormed).toList();
        return new RequestedSessionIds(wellFormed, SessionIds.isWellFormed(rawUrl) ? rawUrl : null,
                values.isEmpty() ? null : values.get(0), rawUrl == null || rawUrl.isEmpty() ? null : rawUrl);
    }

    /** Adds to {@code ids} the well-formed values of the cookies called {@code name} in one header, in order. */
    static void addCookieIds(String header, String name, List<String> ids) {
        List<String> values = new ArrayList<>();
        addCookieValues(header, name, values);
        values.stream().filter(SessionIds::isWellFormed).filter(id -> !ids.contains(id)).forEach(ids::add);
    }

    /**
     * Adds to {@code values} the non-empty values of the cookies called {@code name} in one {@code Cookie} header
     * ({@code name=value} pairs separated by {@code ;}, RFC 6265), in order and without repeats. White space around
     * names and values and double quotes around a value are ignored; other cookies are not looked at.
     */
    static void addCookieValues(String header, String name, List<String> values) {
        if (header == null) {
            return;
        }
        int end = header.length();
        for (int start = 0; start < end; ) {
            int stop = header.indexOf(';', start);
            if (stop < 0) {
                stop = end;
            }
            int equals = header.indexOf('=', start);
            if (equals >= 0 && equals < stop) {
                int nameStart = skipSpace(header, start, equals);
                int nameEnd = trimSpace(header, nameStart, equals);
                if (nameEnd - nameStart == name.length() && header.startsWith(name, nameStart)) {
                    int valueStart = skipSpace(header, equals + 1, stop);
                    int valueEnd = trimSpace(header, valueStart, stop);
                    if (valueEnd - valueStart >= 2 && header.charAt(valueStart) == '"'
                            && header.charAt(valueEnd - 1) == '"') {
                        valueStart++;
                        valueEnd--;
                    }
                    String value = header.substring(valueStart, valueEnd);
                    if (!value.isEmpty() && !values.contains(value)) {
                        values.add(value);
                    }
                }
            }
            start = stop + 1;
        }
    }

    private static int skipSpace(String text, int from, int to) {
        while (from < to && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimSpace(String text, int from, int to) {
        while (to > from && (text.charAt(to - 1) == ' ' || text.charAt(to - 1) == '\t')) {
            to--;
        }
        return to;
    }

    /** @return every candidate id, cookie ones first */
    List<String> candidates() {
        List<String> all = new ArrayList<>(fromCookies);
        if (fromUrl != null && !all.contains(fromUrl)) {
            all.add(fromUrl);
        }
        return all;
    }

    /** @return the id the request names first, as sent (a cookie before the URL), or {@code null} if none */
    String first() {
        return rawCookie != null ? rawCookie : rawUrl;
    }

    boolean fromCookie(String id) {
        return id != null && (id.equals(rawCookie) || fromCookies.contains(id));
    }

    boolean fromUrl(String id) {
        return id != null && !fromCookie(id) && (id.equals(rawUrl) || id.equals(fromUrl));
    }

    static String pathParameter(String uri, String name) {
        if (uri == null || uri.indexOf(';') < 0) {
            return null;
        }
        String marker = ";" + name + "=";
        int start = uri.indexOf(marker);
        if (start < 0) {
            return null;
        }
        start += marker.length();
        int end = start;
        while (end < uri.length() && "/;?#".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        return uri.substring(start, end);
    }
}
