package io.redissession.session;

/**
 * What a lookup of a session id found.
 *
 * @param session the session, or {@code null} if there is none
 * @param endedBy when there is none because a login policy or a forced logout ended it since its last request:
 *        {@code logged-out} or {@code forced-logout} (reported to one lookup only); otherwise {@code null}
 */
public record SessionLookup(StoredSession session, String endedBy) {

    /** Nothing under the id. */
    public static final SessionLookup NONE = new SessionLookup(null, null);

    /** @return whether a session was found */
    public boolean found() {
        return session != null;
    }
}
