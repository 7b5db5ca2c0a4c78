package io.redissession.servlet.container;

import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.util.EventListener;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The session listeners of one web application, each type in the order its source calls them. Internal.
 *
 * @param source how they were found, for the log: {@code "Tomcat"}, {@code "web.xml"}...; not {@code null}
 * @param lifecycle the {@link HttpSessionListener}s; not {@code null}
 * @param attribute the {@link HttpSessionAttributeListener}s; not {@code null}
 * @param id the {@link HttpSessionIdListener}s; not {@code null}
 */
public record SessionListenerSet(String source, List<HttpSessionListener> lifecycle,
        List<HttpSessionAttributeListener> attribute, List<HttpSessionIdListener> id) {

    /**
     * Container listeners that only work with the container's own session class. Others, such as Weld's (CDI
     * session-scoped beans) or Tomcat's websocket listener, only use the {@code HttpSession} interface and receive
     * Redis sessions like the application's listeners.
     */
    private static final Set<String> CONTAINER_ONLY = Set.of(
            "io.undertow.websockets.jsr.JsrWebSocketFilter$LogoutListener");

    /**
     * Copies the lists, without the container listeners that only work with the container's own session class
     * (Undertow's websocket logout listener casts every session to its own): those stay with the container's
     * sessions.
     */
    public SessionListenerSet {
        lifecycle = applicationOnly(lifecycle);
        attribute = applicationOnly(attribute);
        id = applicationOnly(id);
    }

    private static <T> List<T> applicationOnly(List<T> listeners) {
        return listeners.stream().filter(l -> !isContainerOnly(l.getClass().getName())).toList();
    }

    /**
     * @param source how they were found; not {@code null}
     * @param listeners listeners in the order their source registered them; not {@code null}
     * @return each listener under every session listener type it implements
     */
    public static SessionListenerSet of(String source, List<? extends EventListener> listeners) {
        return new SessionListenerSet(source, only(listeners, HttpSessionListener.class),
                only(listeners, HttpSessionAttributeListener.class), only(listeners, HttpSessionIdListener.class));
    }

    static <T> List<T> only(List<?> listeners, Class<T> type) {
        return listeners.stream().filter(type::isInstance).map(type::cast).distinct().toList();
    }

    /** @return whether a listener class only works with its container's own sessions */
    static boolean isContainerOnly(String className) {
        return CONTAINER_ONLY.contains(className);
    }

    /** @return every listener once, in the order of first appearance */
    public Set<EventListener> all() {
        Set<EventListener> all = new LinkedHashSet<>();
        all.addAll(lifecycle);
        all.addAll(attribute);
        all.addAll(id);
        return all;
    }

    /** @return whether there are none */
    public boolean isEmpty() {
        return lifecycle.isEmpty() && attribute.isEmpty() && id.isEmpty();
    }
}
