package io.redissession.servlet;

import io.redissession.config.RedisSessionSettings;
import io.redissession.config.SessionTracking;
import io.redissession.session.AttributeCodec;
import io.redissession.session.NodeLocalValues;
import io.redissession.session.SessionIds;
import io.redissession.session.SessionRepository;
import jakarta.servlet.ServletContext;

/**
 * What every request of one filter shares: settings, repository, attribute codec, id generator, cookie writer,
 * listener events, the values kept on this node only, whether every request carrying an id is an access, login
 * control with the metrics, and the near cache's write stamps ({@code null} without the near cache).
 */
record SessionServices(RedisSessionSettings settings, SessionRepository repository, AttributeCodec codec,
        SessionIds ids, SessionCookieWriter cookies, ServletContext context, SessionEvents events,
        NodeLocalValues local, boolean accessOnEveryRequest, Logins logins, WriteStamps stamps) {

    boolean cookieTracking() {
        return settings.sessionTracking().contains(SessionTracking.COOKIE);
    }

    boolean urlTracking() {
        return settings.sessionTracking().contains(SessionTracking.URL);
    }
}
