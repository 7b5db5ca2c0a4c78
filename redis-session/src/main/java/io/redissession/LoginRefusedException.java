package io.redissession;

/**
 * A login was refused because its user already holds {@code maxSessionsPerUser} sessions and the login policy is
 * {@code reject-new}. Nothing changed: the session is not logged in and the user's other sessions are untouched.
 * When the login came from the container ({@code getRemoteUser()}) or from the {@code principalAttribute}, the
 * filter does not throw it but sets it as the request attribute
 * {@code io.redissession.servlet.RedisSessions.LOGIN_REFUSED}.
 */
public class LoginRefusedException extends RedisSessionException {

    private static final long serialVersionUID = 1L;

    private final String user;
    private final int limit;

    /**
     * @param user the user whose login was refused; not {@code null}
     * @param limit the session limit that refused it
     */
    public LoginRefusedException(String user, int limit) {
        super("Login of user [" + user + "] refused: the user already holds " + limit + " session"
                + (limit == 1 ? "" : "s") + " (maxSessionsPerUser=" + limit + ", loginPolicy=reject-new)", null);
        this.user = user;
        this.limit = limit;
    }

    /** @return the user whose login was refused */
    public String getUser() {
        return user;
    }

    /** @return the session limit that refused it */
    public int getLimit() {
        return limit;
    }
}
