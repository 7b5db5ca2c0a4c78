package io.redissession.servlet;

import io.redissession.config.RedisSessionSettings;
import io.redissession.config.SessionTracking;
import io.redissession.session.AttributeCodec;
import io.redissession.session.SessionIds;
import io.redissession.session.SessionRepository;
import jakarta.servlet.ServletContext;

/**
 * What every request of one filter shares: settings, repository, attribute codec, id generator and cookie writer.
 */
record SessionServices(RedisSessionSettings settings, SessionRepository repository, AttributeCodec codec,
        SessionIds ids, SessionCookieWriter cookies, ServletContext context) {

    boolean cookieTracking() {
        return settings.sessionTracking().contains(SessionTracking.COOKIE);
    }

    boolean urlTracking() {
        return settings.sessionTracking().contains(SessionTracking.URL);
    }
}
