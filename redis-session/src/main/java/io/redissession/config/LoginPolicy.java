package io.redissession.config;

import java.util.Locale;

/** What happens when a user logs in while already holding {@code maxSessionsPerUser} sessions. */
public enum LoginPolicy {
    /** The new login wins: the user's oldest sessions are ended until the limit holds again. */
    EXPIRE_OLDEST,
    /** The new login is refused; the existing sessions are untouched. */
    REJECT_NEW;

    /** @return the setting's value for this choice */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
