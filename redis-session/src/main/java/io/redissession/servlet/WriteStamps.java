package io.redissession.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The near cache's write stamps: the count of a session's writes, which each commit on the near cache's connection
 * raises and returns. The response gives it to the browser in the cookie {@code <cookieName>_stamp}; a node whose
 * copy of the session shows fewer writes than the browser's stamp reads the session from Redis instead. So the
 * browser's own last write is never read stale on another node, though Redis may tell that node of the write only
 * milliseconds after it answered the writer, and the writer does not wait for it (see the near cache in
 * {@code configuration.md}).
 */
final class WriteStamps {

    private final String cookieName;
    private final SessionCookieWriter cookies;

    /**
     * @param sessionCookieName the session cookie's name, which the stamp cookie's name extends
     * @param cookies writes the cookie with the session cookie's attributes
     */
    WriteStamps(String sessionCookieName, SessionCookieWriter cookies) {
        this.cookieName = sessionCookieName + "_stamp";
        this.cookies = cookies;
    }

    /** @return the stamp the request brings, or {@code null} */
    String of(HttpServletRequest request) {
        List<String> values = new ArrayList<>(1);
        Enumeration<String> headers = request.getHeaders("Cookie");
        while (headers != null && headers.hasMoreElements() && values.isEmpty()) {
            RequestedSessionIds.addCookieValues(headers.nextElement(), cookieName, values);
        }
        return values.isEmpty() ? null : values.get(0);
    }

    /** Gives the browser the stamp of the write it just made. */
    void send(HttpServletRequest request, HttpServletResponse response, String stamp) {
        cookies.writeCompanion(request, response, cookieName, stamp);
    }
}
