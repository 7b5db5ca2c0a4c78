package io.redissession.config;

/**
 * Who the user of a session is and how many sessions one user may hold (see {@code docs/login-control.md}).
 *
 * @param maxSessionsPerUser the most live sessions one user may hold in the namespace; zero means no limit
 * @param policy what a login beyond the limit does
 * @param loggedOutElsewhereUrl where the next request of a session ended by {@link LoginPolicy#EXPIRE_OLDEST} is
 *        redirected, once (context-relative when it starts with {@code /}); {@code null} for no redirect
 * @param principalAttribute the session attribute that holds the logged-in user (a name, a
 *        {@link java.security.Principal}, or a Spring Security context), or {@code null}
 * @param changeIdOnContainerLogin whether a session that existed before the container authenticated its user gets a
 *        new id when the filter first sees that user, as the container's own sessions do
 */
public record LoginSettings(int maxSessionsPerUser, LoginPolicy policy, String loggedOutElsewhereUrl,
        String principalAttribute, boolean changeIdOnContainerLogin) {

    /**
     * No limit, no redirect, no attribute: the user comes from the API or the container only; a new id on the
     * container's login.
     */
    public static final LoginSettings DEFAULT = new LoginSettings(0, LoginPolicy.EXPIRE_OLDEST, null, null, true);

    /** @param value the new limit @return a copy with it */
    public LoginSettings withMaxSessionsPerUser(int value) {
        return new LoginSettings(value, policy, loggedOutElsewhereUrl, principalAttribute, changeIdOnContainerLogin);
    }

    /** @param value the new policy @return a copy with it */
    public LoginSettings withPolicy(LoginPolicy value) {
        return new LoginSettings(maxSessionsPerUser, value, loggedOutElsewhereUrl, principalAttribute, changeIdOnContainerLogin);
    }

    /** @param value the new URL, or {@code null} @return a copy with it */
    public LoginSettings withLoggedOutElsewhereUrl(String value) {
        return new LoginSettings(maxSessionsPerUser, policy, value, principalAttribute,
                changeIdOnContainerLogin);
    }

    /** @param value the attribute name, or {@code null} @return a copy with it */
    public LoginSettings withPrincipalAttribute(String value) {
        return new LoginSettings(maxSessionsPerUser, policy, loggedOutElsewhereUrl, value, changeIdOnContainerLogin);
    }

    /** @param value whether the container's login changes the id @return a copy with it */
    public LoginSettings withChangeIdOnContainerLogin(boolean value) {
        return new LoginSettings(maxSessionsPerUser, policy, loggedOutElsewhereUrl, principalAttribute, value);
    }

    /** @return whether logins are limited */
    public boolean limited() {
        return maxSessionsPerUser > 0;
    }

    /** @throws InvalidSettingException naming the first value out of range */
    void validate() {
        if (maxSessionsPerUser < 0 || maxSessionsPerUser > 1000) {
            throw new InvalidSettingException("maxSessionsPerUser", String.valueOf(maxSessionsPerUser), null,
                    "0 (no limit) to 1000");
        }
        if (policy == null) {
            throw new InvalidSettingException("loginPolicy", "null", null, "expire-oldest or reject-new");
        }
        if (loggedOutElsewhereUrl != null && (loggedOutElsewhereUrl.matches(".*[\\s\\p{Cntrl}].*")
                || !(loggedOutElsewhereUrl.startsWith("/") || loggedOutElsewhereUrl.matches("https?://.+")))) {
            throw new InvalidSettingException("loggedOutElsewhereUrl", loggedOutElsewhereUrl, null,
                    "a path in the web app starting with '/', or an http(s) URL, without spaces");
        }
        if (principalAttribute != null && principalAttribute.isBlank()) {
            throw new InvalidSettingException("principalAttribute", principalAttribute, null,
                    "a session attribute name");
        }
    }
}
