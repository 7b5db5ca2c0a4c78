package io.redissession.session;

import java.util.Optional;

/**
 * The session store contract. Every method is one atomic operation in the store; none of them ever recreates a
 * session that was deleted or expired. Implementations throw
 * {@link io.redissession.SessionStoreUnavailableException} when the store cannot be reached in time.
 */
public interface SessionRepository {

    /**
     * Loads a session and records the access (last-access time, expiry) in the same operation.
     *
     * @param id a well-formed session id; not {@code null}
     * @param now epoch milliseconds of this access
     * @return the session as it was before this access, or empty if it does not exist or cannot be read
     */
    Optional<StoredSession> loadAndTouch(String id, long now);

    /**
     * Writes a new session or the changes to an existing one, and renews its expiry.
     *
     * @param changes what to write; not {@code null}
     * @return whether it was written
     */
    CommitOutcome commit(SessionChanges changes);

    /**
     * Deletes a session.
     *
     * @param id a well-formed session id; not {@code null}
     * @return whether it existed
     */
    boolean delete(String id);
}
