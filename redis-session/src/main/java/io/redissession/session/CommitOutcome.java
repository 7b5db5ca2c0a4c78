package io.redissession.session;

/** The result of writing {@link SessionChanges}. */
public enum CommitOutcome {
    /** Written. */
    SAVED,
    /** Nothing written: the session no longer exists (invalidated elsewhere, or expired). It is never recreated. */
    GONE,
    /** Nothing written: a session with the new id already exists. */
    ID_TAKEN
}
