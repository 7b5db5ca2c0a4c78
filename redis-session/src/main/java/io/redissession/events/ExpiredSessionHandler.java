package io.redissession.events;

import io.redissession.session.StoredSession;

/**
 * Delivers the destroy event of a session that timed out. The expiry sweep calls it on exactly one node per
 * session, after claiming the session in the store, and deletes the session once it returns.
 */
@FunctionalInterface
public interface ExpiredSessionHandler {

    /**
     * @param session the session as it was when it expired, attributes included; not {@code null}
     */
    void expired(StoredSession session);
}
