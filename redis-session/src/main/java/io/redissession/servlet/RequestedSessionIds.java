package io.redissession.servlet;

import io.redissession.session.SessionIds;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The session ids a request carries, in the session cookie(s) and, when URL tracking is on, in the
 * {@code ;NAME=ID} path parameter. Ids that are not well-formed are dropped here, so they never reach Redis.
 *
 * @param fromCookies well-formed ids of the session cookies, in request order
 * @param fromUrl the well-formed id of the path parameter, or {@code null}
 */
record RequestedSessionIds(List<String> fromCookies, String fromUrl) {

    static RequestedSessionIds of(HttpServletRequest request, String name, boolean cookies, boolean url) {
        List<String> fromCookies = new ArrayList<>(1);
        Cookie[] all = cookies ? request.getCookies() : null;
        if (all != null) {
            for (Cookie cookie : all) {
                if (name.equals(cookie.getName()) && SessionIds.isWellFormed(cookie.getValue())
                        && !fromCookies.contains(cookie.getValue())) {
                    fromCookies.add(cookie.getValue());
                }
            }
        }
        String fromUrl = url ? pathParameter(request.getRequestURI(), name) : null;
        return new RequestedSessionIds(List.copyOf(fromCookies), SessionIds.isWellFormed(fromUrl) ? fromUrl : null);
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
        if (uri == null) {
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
