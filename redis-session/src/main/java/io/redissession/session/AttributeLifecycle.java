package io.redissession.session;

/**
 * Callbacks around attribute serialization, used to deliver {@code HttpSessionActivationListener} events. Called
 * with the session's lock held; implementations must not call back into the session's mutators.
 */
public interface AttributeLifecycle {

    /** Does nothing. */
    AttributeLifecycle NONE = new AttributeLifecycle() {
    };

    /**
     * The value was just read from the store.
     *
     * @param value the value; not {@code null}
     */
    default void activated(Object value) {
    }

    /**
     * The value is about to be written to the store.
     *
     * @param value the value; not {@code null}
     */
    default void passivating(Object value) {
    }

    /**
     * @param value an attribute value; not {@code null}
     * @return whether the value must be told when it is unbound ({@code HttpSessionBindingListener}): replacing or
     *         removing it then reads it even when nothing else needs it
     */
    default boolean bindingListener(Object value) {
        return false;
    }
}
