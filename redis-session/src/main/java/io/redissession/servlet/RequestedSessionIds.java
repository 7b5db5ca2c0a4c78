package io.redissession.servlet;

import io.redissession.session.SessionIds;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The session ids a request carries, in the session cookie(s) and, when URL tracking is on, in the
 * {@code ;NAME=ID} path parameter. Ids that are not well-formed are dropped here, so they never reach Redis.
 * <p>
 * Session cookies are read from the {@code Cookie} headers themselves rather than through
 * {@code HttpServletRequest.getCookies()}, which would build a {@code Cookie} object for every cookie of the request:
 * only the pairs named like the session cookie matter here, and every container then reads them the same way.
 *
 * @param fromCookies well-formed ids of the session cookies, in request order
 * @param fromUrl the well-formed id of the path parameter, or {@code null}
 */
record RequestedSessionIds(List<String> fromCookies, String fromUrl) {

    static RequestedSessionIds of(HttpServletRequest request, String name, boolean cookies, boolean url) {
        List<String> fromCookies = new ArrayList<>(1);
        Enumeration<String> headers = cookies ? request.getHeaders("Cookie") : null;
        while (headers != null && headers.hasMoreElements()) {
            addCookieIds(headers.nextElement(), name, fromCookies);
        }
        String fromUrl = url ? pathParameter(request.getRequestURI(), name) : null;
        return new RequestedSessionIds(List.copyOf(fromCookies), SessionIds.isWellFormed(fromUrl) ? fromUrl : null);
    }

    /**
     * Adds to {@code ids} the well-formed values of the cookies called {@code name} in one {@code Cookie} header
     * ({@code name=value} pairs separated by {@code ;}, RFC 6265), in order and without repeats. White space around
     * names and values and double quotes around a value are ignored; other cookies are not looked at.
     */
    static void addCookieIds(String header, String name, List<String> ids) {
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
                    if (SessionIds.isWellFormed(value) && !ids.contains(value)) {
                        ids.add(value);
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

    /** @return the id the request names first, or {@code null} */
    String first() {
        return !fromCookies.isEmpty() ? fromCookies.get(0) : fromUrl;
    }

    boolean fromCookie(String id) {
        return id != null && fromCookies.contains(id);
    }

    boolean fromUrl(String id) {
        return id != null && !fromCookie(id) && id.equals(fromUrl);
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
