package io.redissession.events;

import io.redissession.session.EndReason;
import io.redissession.session.StoredSession;

/**
 * Delivers the destroy event of a session that timed out. The expiry sweep calls it on exactly one node per
 * session, after claiming the session in the store, and deletes the session once it returns.
 */
@FunctionalInterface
public interface ExpiredSessionHandler {

    /**
     * @param session the session as it was when it expired, attributes included; not {@code null}
     * @param reason {@code null} if it timed out; otherwise why it was ended from outside the nodes (the operator
     *        tool moves a session's deadline to now and names the reason)
     */
    void expired(StoredSession session, EndReason reason);
}
