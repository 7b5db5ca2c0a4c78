package io.redissession.servlet;

import io.redissession.config.RedisSessionSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes the session cookie as a {@code Set-Cookie} header, with every attribute the settings give, including
 * {@code SameSite} (which the servlet {@code Cookie} class cannot express on every container).
 */
final class SessionCookieWriter {

    private static final String EXPIRED = "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";

    private final RedisSessionSettings settings;

    SessionCookieWriter(RedisSessionSettings settings) {
        this.settings = settings;
    }

    void write(HttpServletRequest request, HttpServletResponse response, String id) {
        StringBuilder header = new StringBuilder(96).append(settings.cookieName()).append('=').append(id);
        if (settings.cookieMaxAge() >= 0) {
            header.append("; Max-Age=").append(settings.cookieMaxAge());
        }
        appendCommon(request, header);
        response.addHeader("Set-Cookie", header.toString());
    }

    void expire(HttpServletRequest request, HttpServletResponse response) {
        StringBuilder header = new StringBuilder(96).append(settings.cookieName()).append('=').append(EXPIRED);
        appendCommon(request, header);
        response.addHeader("Set-Cookie", header.toString());
    }

    private void appendCommon(HttpServletRequest request, StringBuilder header) {
        header.append("; Path=").append(settings.cookiePath());
        if (settings.cookieDomain() != null) {
            header.append("; Domain=").append(settings.cookieDomain());
        }
        boolean secure = settings.cookieSecure() != null ? settings.cookieSecure() : request.isSecure();
        if (secure) {
            header.append("; Secure");
        }
        if (settings.cookieHttpOnly()) {
            header.append("; HttpOnly");
        }
        if (settings.cookieSameSite() != null) {
            header.append("; SameSite=").append(settings.cookieSameSite());
        }
    }
}
