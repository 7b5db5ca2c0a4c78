package io.redissession.events;

import java.util.Objects;
import java.util.Optional;

/**
 * A cross-node notice: a session was destroyed (invalidated or expired) or got a new id somewhere in the cluster.
 * Every node that shares the namespace receives it, the sending node included. Notices travel over Redis pub/sub:
 * they are fast but not guaranteed (a node that is disconnected misses them), so use them to keep per-node state
 * such as caches fresh, never as the only record of an event.
 *
 * @param kind what happened
 * @param id the session id (the previous id for {@link Kind#ID_CHANGED})
 * @param newId the new id for {@link Kind#ID_CHANGED}, otherwise {@code null}
 * @param node the name of the node where it happened
 */
public record SessionNotice(Kind kind, String id, String newId, String node) {

    /** What happened to the session. */
    public enum Kind {
        /** The application invalidated the session. */
        INVALIDATED,
        /** The session timed out and its destroy event was delivered. */
        EXPIRED,
        /** The session got a new id ({@code changeSessionId}). */
        ID_CHANGED,
        /** The duplicate-login policy ended the session: its user logged in elsewhere. */
        LOGGED_OUT,
        /** The session's user was logged out everywhere (application, JMX or operator tool). */
        FORCED_LOGOUT
    }

    /** Checks the components. */
    public SessionNotice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
        if ((kind == Kind.ID_CHANGED) != (newId != null)) {
            throw new IllegalArgumentException("SessionNotice: newId [" + newId + "] does not fit kind " + kind);
        }
    }

    /**
     * @param message a message from the notice channel:
     *        {@code destroyed <id> invalidated|expired|logged-out|forced-logout <node>} or
     *        {@code id-changed <old id> <new id> <node>}; may be {@code null}
     * @return the notice, or empty if the message has another form
     */
    public static Optional<SessionNotice> parse(String message) {
        String[] parts = message == null ? new String[0] : message.split(" ");
        if (parts.length != 4) {
            return Optional.empty();
        }
        if (parts[0].equals("id-changed")) {
            return Optional.of(new SessionNotice(Kind.ID_CHANGED, parts[1], parts[2], parts[3]));
        }
        if (parts[0].equals("destroyed") && parts[2].equals("invalidated")) {
            return Optional.of(new SessionNotice(Kind.INVALIDATED, parts[1], null, parts[3]));
        }
        if (parts[0].equals("destroyed") && parts[2].equals("expired")) {
            return Optional.of(new SessionNotice(Kind.EXPIRED, parts[1], null, parts[3]));
        }
        if (parts[0].equals("destroyed") && parts[2].equals("logged-out")) {
            return Optional.of(new SessionNotice(Kind.LOGGED_OUT, parts[1], null, parts[3]));
        }
        if (parts[0].equals("destroyed") && parts[2].equals("forced-logout")) {
            return Optional.of(new SessionNotice(Kind.FORCED_LOGOUT, parts[1], null, parts[3]));
        }
        return Optional.empty();
    }
}
