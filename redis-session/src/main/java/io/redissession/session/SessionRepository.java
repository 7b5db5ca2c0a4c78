package io.redissession.session;

import io.redissession.config.LoginSettings;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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
    default Optional<StoredSession> loadAndTouch(String id) {
        return Optional.ofNullable(lookUp(id).session());
    }

    /**
     * Loads a session and records the access, like {@link #loadAndTouch}, and also tells whether a login policy or
     * a forced logout ended it since its last request.
     *
     * @param id a well-formed session id; not {@code null}
     * @return what was found
     */
    SessionLookup lookUp(String id);

    /**
     * Looks a session up like {@link #lookUp(String)}, but a copy held on this node serves only if its stamp is at
     * least the one the browser brings (the near cache's read-your-writes check).
     *
     * @param id a well-formed session id; not {@code null}
     * @param stamp the stamp of the browser's last write, or {@code null} for none
     * @return what was found
     */
    default SessionLookup lookUp(String id, String stamp) {
        return lookUp(id);
    }

    /**
     * Reads values of large attributes, which a lookup names ({@link StoredSession#largeAttributes()}) without
     * bringing them, in one operation.
     *
     * @param id the session's id in the store; not {@code null}
     * @param names the attributes wanted; not {@code null}
     * @return name to serialized value of those still stored as large values; a name another request removed or
     *         made small meanwhile is missing
     */
    Map<String, byte[]> largeValues(String id, Collection<String> names);

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
     * Commits like {@link #commit(SessionChanges)}; when the write got a stamp (the near cache's count of the
     * session's writes), hands it to {@code stamped}, whose caller must give it to the browser: the write then does
     * not wait until other nodes holding a copy have heard of it.
     *
     * @param changes what to write; not {@code null}
     * @param stamped takes the write's stamp, or {@code null} if none could reach the browser
     * @return whether it was written
     */
    default CommitOutcome commit(SessionChanges changes, Consumer<String> stamped) {
        return commit(changes);
    }

    /**
     * Destroys a session unless another node already destroys it: at most one caller ever gets it back, so its
     * destroy event fires exactly once.
     *
     * @param id a well-formed session id; not {@code null}
     * @return the attributes the session had in the store when this call destroyed it (name to serialized value),
     *         or empty if it was already gone or another node is delivering its expiry
     */
    Optional<Map<String, byte[]>> invalidate(String id);

    /**
     * Records that a stored session logs in as a user, under the user's session limit; the caller then commits the
     * user into the session ({@link SessionChanges#newUser()}).
     *
     * @param user the user name; not {@code null}
     * @param id the session's id; not {@code null}
     * @param login the limit and policy; not {@code null}
     * @return whether it was refused, and which sessions the caller must end
     */
    LoginAdmission admit(String user, String id, LoginSettings login);

    /**
     * Ends a session for a reason other than its own request or timeout, leaving a marker that its next lookup
     * reports; at most one caller ever gets the session back, so its destroy event fires exactly once.
     *
     * @param id a well-formed session id; not {@code null}
     * @param reason why; not {@code null}
     * @return the session as it was when this call ended it, or empty if it was already gone or expiring
     */
    Optional<StoredSession> end(String id, EndReason reason);

    /**
     * @param user the user name; not {@code null}
     * @return the ids of the user's live sessions, oldest login first
     */
    List<String> sessionsOf(String user);

    /**
     * Checks the index of every user of the namespace against the sessions and removes the entries found stale for
     * longer than a login may take (left by a node that died between the two steps of a change).
     *
     * @return how many users' indexes were checked
     */
    int repairUserIndexes();
}
