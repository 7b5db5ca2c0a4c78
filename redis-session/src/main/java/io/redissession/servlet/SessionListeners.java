package io.redissession.servlet;

import io.redissession.events.SessionNoticeListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.util.EventListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The session listeners of one web application, kept as a {@link ServletContext} attribute so that the application
 * can register listeners before or after the filter starts. Listeners the filter discovers itself (from
 * {@code web.xml} and the {@code sessionListeners} setting) give way to an instance of the same class the
 * application registers, so no class is called twice.
 */
final class SessionListeners {

    private static final String ATTRIBUTE = SessionListeners.class.getName();

    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<EventListener> discovered = new CopyOnWriteArrayList<>();
    private final Map<Class<?>, List<?>> byType = new ConcurrentHashMap<>();

    private SessionListeners() {
    }

    /**
     * @param context the application; not {@code null}
     * @return its registry, created on first use
     */
    static SessionListeners of(ServletContext context) {
        synchronized (SessionListeners.class) {
            Object existing = context.getAttribute(ATTRIBUTE);
            if (existing instanceof SessionListeners registry) {
                return registry;
            }
            SessionListeners registry = new SessionListeners();
            context.setAttribute(ATTRIBUTE, registry);
            return registry;
        }
    }

    /** @return whether the class implements a listener type this registry accepts */
    static boolean isSupported(Class<?> type) {
        return HttpSessionListener.class.isAssignableFrom(type)
                || HttpSessionAttributeListener.class.isAssignableFrom(type)
                || HttpSessionIdListener.class.isAssignableFrom(type)
                || SessionNoticeListener.class.isAssignableFrom(type);
    }

    /** Registers a listener the application gave; a discovered instance of the same class is dropped. */
    synchronized void add(EventListener listener) {
        for (EventListener known : discovered) {
            if (known.getClass() == listener.getClass()) {
                discovered.remove(known);
                listeners.remove(known);
            }
        }
        if (!listeners.contains(listener)) {
            listeners.add(listener);
        }
        byType.clear();
    }

    /** Registers a listener the filter found, unless the application registered one of the same class. */
    synchronized void addDiscovered(EventListener listener) {
        for (EventListener known : listeners) {
            if (known.getClass() == listener.getClass()) {
                return;
            }
        }
        discovered.add(listener);
        listeners.add(listener);
        byType.clear();
    }

    /**
     * @param type a listener type
     * @return the registered listeners of that type, in registration order (computed once per type and change,
     *         since requests ask on every attribute change)
     */
    @SuppressWarnings("unchecked")
    <T> List<T> all(Class<T> type) {
        return (List<T>) byType.computeIfAbsent(type,
                t -> listeners.stream().filter(type::isInstance).map(type::cast).toList());
    }
}
