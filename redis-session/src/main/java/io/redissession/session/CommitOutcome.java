package io.redissession.session;

/** The result of writing {@link SessionChanges}. */
public enum CommitOutcome {
    /** Written. */
    SAVED,
    /** Nothing written: the session no longer exists (invalidated elsewhere, or expired). It is never recreated. */
    GONE,
    /** Nothing written: a session with the new id already exists. */
    ID_TAKEN,
    /**
     * Nothing written: a login policy or a forced logout ended the session before this request could create it
     * (it had logged in already under this id).
     */
    LOGGED_OUT
}
