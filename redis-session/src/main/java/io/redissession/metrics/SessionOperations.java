package io.redissession.metrics;

import java.util.List;

/** What an operator may do to the sessions of a namespace, from JMX or the application. */
public interface SessionOperations {

    /**
     * Ends every session of a user, cluster-wide; each one's destroy event fires once, on this node.
     *
     * @param user the user name; not {@code null}
     * @return how many sessions this call ended
     */
    int logout(String user);

    /**
     * @param id a session id; not {@code null}
     * @return whether this call invalidated it (its destroy event fired on this node)
     * @throws IllegalArgumentException if the id is not well-formed
     */
    boolean invalidate(String id);

    /**
     * @param user the user name; not {@code null}
     * @return the ids of the user's live sessions, oldest login first
     */
    List<String> sessionsOf(String user);

    /**
     * Checks every user's index of the namespace ({@code SCAN}) and removes the entries of sessions that are gone or
     * have another user, once older than a login may take.
     *
     * @return how many users' indexes were checked
     */
    int repairUserIndexes();
}
