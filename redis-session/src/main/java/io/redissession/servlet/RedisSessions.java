package io.redissession.servlet;

import io.redissession.LoginRefusedException;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.List;
import java.util.Objects;

/**
 * The application's handle on login control (see {@code docs/login-control.md}): log a request's session in as a
 * user, read a session's user, log a user out everywhere, list a user's sessions, end a session by id. Every call
 * acts on the whole namespace, across containers and apps.
 */
public final class RedisSessions {

    /**
     * Request attribute holding the {@link LoginRefusedException} of a login the {@code reject-new} policy refused
     * when the user came from {@code getRemoteUser()} or the {@code principalAttribute} (the API throws it instead).
     */
    public static final String LOGIN_REFUSED = "io.redissession.loginRefused";

    private final Logins logins;

    RedisSessions(Logins logins) {
        this.logins = logins;
    }

    /**
     * Logs the request's session (created if there is none) in as a user, at once: counted against the user's
     * {@code maxSessionsPerUser}; with {@code expire-oldest}, the user's oldest sessions end. Call it where the
     * application accepts the user's credentials, after {@code request.changeSessionId()} if it renews the id.
     *
     * @param request a request the redis-session filter serves; not {@code null}
     * @param user the user name; not {@code null}, not empty
     * @throws LoginRefusedException if the policy is {@code reject-new} and the user holds the limit already;
     *         nothing changed
     * @throws IllegalStateException if the redis-session filter does not serve this request
     */
    public static void login(HttpServletRequest request, String user) {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("login: the user name is empty");
        }
        RedisHttpSession session = ours(request.getSession(true));
        ((RequestSessions) session.owner()).login(session, user);
    }

    /**
     * @param session a session of the redis-session filter; not {@code null}
     * @return the user it is logged in as, or {@code null}
     * @throws IllegalStateException if it is not a session of the redis-session filter
     */
    public static String userOf(HttpSession session) {
        return ours(session).tracked().user();
    }

    /**
     * @param context the web app's context; not {@code null}
     * @return the login control of the redis-session filter of that web app
     * @throws IllegalStateException if the web app has no started redis-session filter
     */
    public static RedisSessions of(ServletContext context) {
        if (context.getAttribute(RedisSessions.class.getName()) instanceof RedisSessions sessions) {
            return sessions;
        }
        throw new IllegalStateException("RedisSessions.of: the web app " + context.getContextPath()
                + " has no started redis-session filter");
    }

    /**
     * Ends every session of a user in the namespace; each one's {@code sessionDestroyed} fires once, on this node.
     *
     * @param user the user name; not {@code null}
     * @return how many sessions this call ended
     */
    public int logout(String user) {
        return logins.logout(user);
    }

    /**
     * @param user the user name; not {@code null}
     * @return the ids of the user's live sessions in the namespace, oldest login first
     */
    public List<String> sessionsOf(String user) {
        return logins.sessionsOf(user);
    }

    /**
     * Invalidates a session by id; its {@code sessionDestroyed} fires on this node.
     *
     * @param id a session id; not {@code null}
     * @return whether this call invalidated it
     * @throws IllegalArgumentException if the id is not well-formed
     */
    public boolean invalidate(String id) {
        return logins.invalidate(Objects.requireNonNull(id, "id"));
    }

    private static RedisHttpSession ours(HttpSession session) {
        if (session instanceof RedisHttpSession redis && redis.owner() instanceof RequestSessions) {
            return redis;
        }
        throw new IllegalStateException("The redis-session filter does not serve this request's session ("
                + (session == null ? "none" : session.getClass().getName()) + "); declare it first in web.xml on"
                + " /* for every dispatcher type");
    }
}
