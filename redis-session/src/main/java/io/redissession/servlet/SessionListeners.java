package io.redissession.servlet;

import io.redissession.events.SessionNoticeListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session listeners of one web application, kept as a {@link ServletContext} attribute so that the application
 * can register listeners before or after the filter starts. Listeners the filter found (the container's own
 * instances, or instances it created from the descriptors and the {@code sessionListeners} setting) keep the order
 * of their source per listener type, and give way to an instance of the same class the application registers
 * itself, so no class is called twice.
 */
final class SessionListeners {

    private static final String ATTRIBUTE = SessionListeners.class.getName();
    private static final List<Class<?>> TYPES = List.of(HttpSessionListener.class,
            HttpSessionAttributeListener.class, HttpSessionIdListener.class, SessionNoticeListener.class);

    private final Map<Class<?>, List<EventListener>> found = new ConcurrentHashMap<>();
    private final List<EventListener> added = new ArrayList<>();
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
        return TYPES.stream().anyMatch(t -> t.isAssignableFrom(type));
    }

    /** Registers a listener the application gave; a found instance of the same class is no longer called. */
    synchronized void add(EventListener listener) {
        if (!added.contains(listener)) {
            added.add(listener);
        }
        byType.clear();
    }

    /**
     * Registers a listener the filter found for one listener type, after those found before it.
     *
     * @param type one of the accepted listener types; not {@code null}
     * @param listener an instance of it; not {@code null}
     */
    synchronized void addFound(Class<?> type, EventListener listener) {
        List<EventListener> ofType = found.computeIfAbsent(type, t -> new ArrayList<>());
        if (type.isInstance(listener) && !ofType.contains(listener)) {
            ofType.add(listener);
        }
        byType.clear();
    }

    /** Registers a listener the filter found, for every accepted type it implements. */
    synchronized void addFound(EventListener listener) {
        for (Class<?> type : TYPES) {
            if (type.isInstance(listener)) {
                addFound(type, listener);
            }
        }
    }

    /** @return whether a listener of this class is registered already, found or added */
    synchronized boolean hasClass(Class<?> type) {
        return added.stream().anyMatch(l -> l.getClass() == type)
                || found.values().stream().flatMap(List::stream).anyMatch(l -> l.getClass() == type);
    }

    /**
     * @param type a listener type
     * @return the listeners of that type: the found ones in their source's order, then those the application added,
     *         in registration order (computed once per type and change, since requests ask on every attribute change)
     */
    @SuppressWarnings("unchecked")
    <T> List<T> all(Class<T> type) {
        List<?> cached = byType.get(type);
        if (cached != null) {
            return (List<T>) cached;
        }
        synchronized (this) {
            List<T> all = new ArrayList<>();
            for (EventListener listener : found.getOrDefault(type, List.of())) {
                if (added.stream().noneMatch(l -> l.getClass() == listener.getClass())) {
                    all.add(type.cast(listener));
                }
            }
            added.stream().filter(type::isInstance).map(type::cast).forEach(all::add);
            List<T> result = List.copyOf(all);
            byType.put(type, result);
            return result;
        }
    }
}
