package io.redissession.servlet.container;

import java.util.EventListener;
import java.util.List;
import java.util.Optional;

/**
 * What the filter needs of one servlet container family, reached by reflection from the {@code ServletContext}
 * without a compile dependency on the container. Internal.
 */
public interface ContainerAdapter {

    /** @return the container family, for the log */
    String name();

    /**
     * Called once the container has started every listener of the application (when filters start).
     *
     * @return the container's own instances of the application's session listeners, whatever registered them
     *         ({@code web.xml}, {@code web-fragment.xml}, {@code @WebListener}, {@code addListener}), in the
     *         container's order
     */
    SessionListenerSet sessionListeners();

    /**
     * Stops the container's own sessions (which something before the filter may still create, such as FORM
     * authentication) from notifying these listeners, so that they hear of Redis sessions only.
     *
     * @param listeners what {@link #sessionListeners()} returned; not {@code null}
     * @return the listeners the container keeps notifying, because the same object also serves events that are
     *         not about sessions
     */
    List<EventListener> detach(SessionListenerSet listeners);

    /** @return whether the container counts the application as distributable, or empty if it cannot tell */
    default Optional<Boolean> distributable() {
        return Optional.empty();
    }

    /**
     * @return whether the container's own sessions count every request that carries a session id as an access
     *         (Servlet 7.6) rather than only those that ask for the session, or empty if no setting says so
     */
    default Optional<Boolean> accessOnEveryRequest() {
        return Optional.empty();
    }
}
