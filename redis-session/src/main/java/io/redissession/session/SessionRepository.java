package io.redissession.session;

import java.util.Map;
import java.util.Optional;

/**
 * The session store contract. Every method is one atomic operation in the store; none of them ever recreates a
 * session that was deleted or expired. The store's clock decides expiry: a session past its deadline is absent for
 * every method, and stays in the store only until a node delivers its destroy event. Implementations throw
 * {@link io.redissession.SessionStoreUnavailableException} when the store cannot be reached in time.
 */
public interface SessionRepository {

    /**
     * Loads a session and records the access (last-access time, expiry) in the same operation.
     *
     * @param id a well-formed session id; not {@code null}
     * @return the session as it was before this access, or empty if it does not exist, is past its deadline, is
     *         being destroyed or cannot be read
     */
    Optional<StoredSession> loadAndTouch(String id);

    /**
     * Records an access (last-access time, expiry) to a session without reading it, and without waiting for the
     * store's answer: a failure is logged, never thrown.
     *
     * @param id a well-formed session id; not {@code null}
     */
    void touch(String id);

    /**
     * Writes a new session or the changes to an existing one, and renews its expiry.
     *
     * @param changes what to write; not {@code null}
     * @return whether it was written
     */
    CommitOutcome commit(SessionChanges changes);

    /**
     * Destroys a session unless another node already destroys it: at most one caller ever gets it back, so its
     * destroy event fires exactly once.
     *
     * @param id a well-formed session id; not {@code null}
     * @return the attributes the session had in the store when this call destroyed it (name to serialized value),
     *         or empty if it was already gone or another node is delivering its expiry
     */
    Optional<Map<String, byte[]>> invalidate(String id);
}
