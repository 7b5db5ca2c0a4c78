package io.redissession.servlet;

import io.redissession.config.RedisSessionSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Writes the session cookie as a {@code Set-Cookie} header, with every attribute the settings give: {@code Expires}
 * beside {@code Max-Age} (for clients that know only the former, as the container's cookies do), {@code SameSite},
 * and the custom attributes of {@code SessionCookieConfig}, which the servlet {@code Cookie} class cannot express on
 * every container.
 */
final class SessionCookieWriter {

    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.US).withZone(ZoneOffset.UTC);
    private static final String EPOCH = "Thu, 01 Jan 1970 00:00:00 GMT";
    private static final String EXPIRED = "; Max-Age=0; Expires=" + EPOCH;

    private final RedisSessionSettings settings;
    private final LongSupplier clock;

    SessionCookieWriter(RedisSessionSettings settings) {
        this(settings, System::currentTimeMillis);
    }

    SessionCookieWriter(RedisSessionSettings settings, LongSupplier clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** @return the {@code Set-Cookie} value written */
    String write(HttpServletRequest request, HttpServletResponse response, String id) {
        String header = header(request.isSecure(), id);
        response.addHeader("Set-Cookie", header);
        return header;
    }

    void expire(HttpServletRequest request, HttpServletResponse response) {
        StringBuilder header = new StringBuilder(96).append(settings.cookieName()).append('=').append(EXPIRED);
        appendCommon(request.isSecure(), header);
        response.addHeader("Set-Cookie", header.toString());
    }

    /**
     * Writes another cookie of the session, with the session cookie's attributes.
     *
     * @param name the cookie's name
     * @param value its value: cookie-safe characters only
     */
    void writeCompanion(HttpServletRequest request, HttpServletResponse response, String name, String value) {
        response.addHeader("Set-Cookie", header(name, value, request.isSecure()));
    }

    /** @return the {@code Set-Cookie} value for a session id */
    String header(boolean secureRequest, String id) {
        return header(settings.cookieName(), id, secureRequest);
    }

    private String header(String name, String value, boolean secureRequest) {
        StringBuilder header = new StringBuilder(128).append(name).append('=').append(value);
        int maxAge = settings.cookieMaxAge();
        if (maxAge >= 0) {
            header.append("; Max-Age=").append(maxAge).append("; Expires=")
                    .append(maxAge == 0 ? EPOCH
                            : EXPIRES.format(Instant.ofEpochMilli(clock.getAsLong() + maxAge * 1000L)));
        }
        appendCommon(secureRequest, header);
        return header.toString();
    }

    private void appendCommon(boolean secureRequest, StringBuilder header) {
        header.append("; Path=").append(settings.cookiePath());
        if (settings.cookieDomain() != null) {
            header.append("; Domain=").append(settings.cookieDomain());
        }
        boolean secure = settings.cookieSecure() != null ? settings.cookieSecure() : secureRequest;
        if (secure) {
            header.append("; Secure");
        }
        if (settings.cookieHttpOnly()) {
            header.append("; HttpOnly");
        }
        if (settings.cookieSameSite() != null) {
            header.append("; SameSite=").append(settings.cookieSameSite());
        }
        for (Map.Entry<String, String> attribute : settings.cookieAttributes().entrySet()) {
            header.append("; ").append(attribute.getKey());
            if (!attribute.getValue().isEmpty()) {
                header.append('=').append(attribute.getValue());
            }
        }
    }
}
