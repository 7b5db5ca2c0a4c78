package io.redissession.servlet;

import io.redissession.session.TrackedSession;

/** What a {@link RedisHttpSession} reports its changes to: the request using it, or nobody for an expired session. */
interface SessionOwner {

    /** Nobody: the session is being destroyed by the expiry sweep and nothing is written any more. */
    SessionOwner DETACHED = new SessionOwner() {
        @Override
        public void changed() {
        }

        @Override
        public boolean destroy(TrackedSession session) {
            return false;
        }
    };

    /**
     * Called before an attribute is set: when it is the {@code principalAttribute}, logs the session in as the user
     * it names.
     *
     * @return whether the attribute may be set: {@code false} when the login policy refused the login
     */
    default boolean principalSet(RedisHttpSession session, String name, Object value) {
        return true;
    }

    /** Called after an attribute is removed: when it is the {@code principalAttribute}, the session loses its user. */
    default void principalRemoved(RedisHttpSession session, String name) {
    }

    /** Called after each change of the session. */
    void changed();

    /**
     * Destroys the session in the store.
     *
     * @param session the session; not {@code null}
     * @return whether this call destroyed it, so that this node delivers its destroy event
     */
    boolean destroy(TrackedSession session);
}
